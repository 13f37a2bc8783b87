"""Forms of the dialogue day. They validate; the services act."""

import uuid

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conferences.models import Agency, BridgePoint
from conferences.text import fold

from .models import EntrySource, LiveEntry
from .services.outcomes import WRITTEN_WORKING_DAYS
from .services.queue import CONTENT_MAX


class LiveQuestionForm(forms.Form):
    """What an operator types while the young person speaks: under 20 seconds on a phone."""

    site = forms.ModelChoiceField(label=_("Điểm cầu"), queryset=BridgePoint.objects.none(), empty_label=None)
    content = forms.CharField(
        label=_("Câu hỏi"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off", "enterkeyhint": "next"}),
    )
    unit = forms.CharField(
        label=_("Đơn vị (như người phát biểu giới thiệu)"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "live-units", "enterkeyhint": "next"}),
    )
    speaker_name = forms.CharField(
        label=_("Họ tên người phát biểu (không bắt buộc, không công khai)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "send"}),
    )
    client_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4())


class ResponderForm(forms.Form):
    responder = forms.ModelChoiceField(
        label=_("Người trả lời"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, agencies, chair_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responder"].queryset = agencies
        self.fields["responder"].empty_label = chair_label
        self.fields["responder"].label_from_instance = lambda agency: f"Lãnh đạo {agency.short_name or agency.name}"


class AnsweredForm(forms.Form):
    answered_by = forms.CharField(label=_("Người trả lời"), max_length=255)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung trả lời"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InWritingForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan trả lời bằng văn bản"), queryset=Agency.objects.none(), empty_label=_("– chọn cơ quan –")
    )
    working_days = forms.IntegerField(
        label=_("Hạn (số ngày làm việc kể từ ngày đối thoại)"),
        min_value=1,
        max_value=365,
        initial=WRITTEN_WORKING_DAYS,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Gộp vào câu hỏi số"),
        max_length=20,
        help_text=_("Số kiến nghị, hoặc #số của câu hỏi tổng duyệt."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def clean_into(self) -> LiveEntry:
        value = self.cleaned_data["into"].strip().lstrip("№").strip()
        entries = self.session.entries.select_related("petition")
        if value.startswith("#") and value[1:].isdigit():
            target = entries.filter(pk=int(value[1:])).first()
        elif value.isdigit():
            target = entries.filter(petition__number=int(value)).first()
        else:
            target = None
        if target is None:
            raise forms.ValidationError(_("Không có câu hỏi số %(n)s trong phiên này.") % {"n": value})
        return target


class QueueFilterForm(forms.Form):
    """The console's queue filters (GET)."""

    diem_cau = forms.ModelChoiceField(
        label=_("Điểm cầu"), queryset=BridgePoint.objects.none(), required=False, empty_label=_("Mọi điểm cầu")
    )
    nhom = forms.ModelChoiceField(
        label=_("Nhóm vấn đề"), queryset=None, required=False, empty_label=_("Mọi nhóm vấn đề")
    )
    nguon = forms.ChoiceField(label=_("Nguồn"), choices=[("", _("Mọi nguồn")), *EntrySource.choices], required=False)
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diem_cau"].queryset = conference.bridge_points.order_by("position", "name")
        self.fields["nhom"].queryset = conference.issue_groups.all()
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            )

    def apply(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["diem_cau"]:
            entries = entries.filter(bridge_point=data["diem_cau"])
        if data["nhom"]:
            entries = entries.filter(issue_group=data["nhom"])
        if data["nguon"]:
            entries = entries.filter(source=data["nguon"])
        for word in fold(data["q"]).split():
            entries = entries.filter(Q(content__icontains=word) | Q(petition__search_text__contains=word))
        return entries
