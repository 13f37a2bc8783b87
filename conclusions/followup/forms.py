"""Forms of the follow-up journey. They validate (attachments by their bytes); services act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.models import Agency
from petitions.forms.intake import check_attachment

from .monitoring import Filters


class ProgressReportForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung báo cáo"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": _("Nhập nội dung báo cáo.")},
    )
    percent = forms.IntegerField(
        label=_("Tỷ lệ hoàn thành (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={
            "required": _("Nhập tỷ lệ hoàn thành."),
            "min_value": _("Tỷ lệ hoàn thành phải từ 0 đến 100%%."),
            "max_value": _("Tỷ lệ hoàn thành phải từ 0 đến 100%%."),
            "invalid": _("Tỷ lệ hoàn thành phải là một số nguyên."),
        },
    )
    reports_completion = forms.BooleanField(
        label=_("Báo cáo đã hoàn thành nhiệm vụ (gửi Nội vụ xác nhận)"), required=False
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (PDF, Word, Excel, ảnh)"),
        required=False,
        help_text=_("Văn bản báo cáo, quyết định, hình ảnh minh chứng."),
    )

    def clean_attachment(self):
        """The upload with the type read from its bytes (CheckedUpload), or a ValidationError in Vietnamese."""
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return check_attachment(upload)


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name


class OwnerForm(forms.Form):
    agency = AgencyChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Agency.objects.none(),
        empty_label=_("– Chọn cơ quan –"),
        error_messages={
            "required": _("Chọn cơ quan chủ trì."),
            "invalid_choice": _("Cơ quan này không thuộc địa bàn của hội nghị."),
        },
    )
    expected_agency = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ReviewForm(forms.Form):
    ACCEPT, MORE = "accept", "more"
    decision = forms.ChoiceField(
        label=_("Kết luận"),
        choices=((ACCEPT, _("Xác nhận hoàn thành")), (MORE, _("Chưa đạt, đề nghị bổ sung"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn xác nhận hoàn thành hoặc đề nghị bổ sung.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến của Nội vụ"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    report_id = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.MORE and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Nhập ý kiến để cơ quan biết cần bổ sung gì."))
        return data


class MonitoringFilterForm(forms.Form):
    conference = forms.ModelChoiceField(label=_("Hội nghị"), queryset=None, required=False, empty_label=_("Tất cả"))
    agency = AgencyChoiceField(label=_("Cơ quan"), queryset=None, required=False, empty_label=_("Tất cả"))
    only_overdue = forms.BooleanField(label=_("Chỉ việc quá hạn"), required=False)

    def __init__(self, data, *, conferences, agencies):
        super().__init__(data)
        self.fields["conference"].queryset = conferences
        self.fields["agency"].queryset = agencies

    def filters(self) -> Filters:
        """The chosen filters; an invalid choice (outside the user's scope) falls back to no filter."""
        data = self.cleaned_data if self.is_valid() else {}
        return Filters(
            conference_id=data["conference"].pk if data.get("conference") else None,
            agency_id=data["agency"].pk if data.get("agency") else None,
            only_overdue=bool(data.get("only_overdue")),
        )
