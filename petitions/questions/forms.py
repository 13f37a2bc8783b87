"""Forms of the moderation queue and of Home Affairs' sender requests. They validate; services act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.errors import Refused
from conferences.models import IssueGroup

from .cleaning import normalise_email, normalise_phone
from .models import DeclineReason
from .moderation import DECLINE_TEXT_MAX_CHARS


class AcceptForm(forms.Form):
    issue_group = forms.ModelChoiceField(
        label=_("Nhóm vấn đề"), queryset=IssueGroup.objects.none(), required=False, empty_label=_("(chưa xếp nhóm)")
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_group"].queryset = conference.issue_groups.order_by("position", "name")


class MergeForm(forms.Form):
    """Either one of the suggested petitions (its id) or a petition number typed in."""

    suggested = forms.IntegerField(required=False, widget=forms.HiddenInput)
    number = forms.IntegerField(label=_("hoặc số kiến nghị"), required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if not data.get("suggested") and not data.get("number"):
            raise forms.ValidationError(_("Chọn kiến nghị gợi ý hoặc nhập số kiến nghị để gộp vào."))
        return data


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do"), choices=DeclineReason.choices)
    text = forms.CharField(
        label=_("Giải thích thêm cho người gửi"),
        required=False,
        max_length=DECLINE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SenderRequestForm(forms.Form):
    contact = forms.CharField(
        label=_("Thư điện tử hoặc số điện thoại người yêu cầu"),
        max_length=254,
        help_text=_("Nhập đúng địa chỉ hoặc số điện thoại người gửi đã dùng khi gửi câu hỏi."),
    )

    def clean_contact(self) -> dict:
        value = self.cleaned_data["contact"].strip()
        if "@" in value:
            email = normalise_email(value)
            forms.EmailField().clean(email)
            return {"email": email, "phone": ""}
        try:
            return {"email": "", "phone": normalise_phone(value)}
        except Refused as refused:
            raise forms.ValidationError(str(refused)) from None
