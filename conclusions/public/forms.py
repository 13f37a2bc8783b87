"""The public filter form: search words, issue group and site. It validates; the view applies the clean values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.text import fold

MAX_QUERY_LENGTH = 200


class PublicPetitionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: vốn vay, OCOP, việc làm (gõ có dấu hoặc không dấu)")}
        ),
        error_messages={"max_length": _("Từ khóa tìm kiếm dài tối đa %(limit_value)d ký tự.")},
    )
    nhom = forms.ModelChoiceField(
        label=_("Nhóm vấn đề"),
        queryset=None,
        required=False,
        empty_label=_("Tất cả nhóm vấn đề"),
        error_messages={"invalid_choice": _("Nhóm vấn đề không có trong hội nghị này.")},
    )
    diem_cau = forms.ModelChoiceField(
        label=_("Điểm cầu / địa phương"),
        queryset=None,
        required=False,
        empty_label=_("Tất cả điểm cầu"),
        error_messages={"invalid_choice": _("Điểm cầu không có trong hội nghị này.")},
    )

    def __init__(self, data, *, groups, sites):
        super().__init__(data)
        self.fields["nhom"].queryset = groups
        self.fields["diem_cau"].queryset = sites

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def apply(self, petitions):
        """Filter a petition queryset with the valid parts of the form (an invalid part is simply not applied)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("q") and fold(data["q"]):
            petitions = petitions.search(data["q"])
        if data.get("nhom"):
            petitions = petitions.filter(issue_group=data["nhom"])
        if data.get("diem_cau"):
            petitions = petitions.filter(bridge_point=data["diem_cau"])
        return petitions

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("q") or data.get("nhom") or data.get("diem_cau"))


class PublicSearchForm(forms.Form):
    """Search every public conference at once: words (with or without accents) and, if wanted, a year."""

    q = forms.CharField(
        label=_("Tìm trong mọi hội nghị"),
        required=True,
        min_length=2,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Nhập từ khóa cần tìm."),
            "min_length": _("Từ khóa cần ít nhất %(limit_value)d ký tự."),
            "max_length": _("Từ khóa tìm kiếm dài tối đa %(limit_value)d ký tự."),
        },
    )
    nam = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["nam"].choices = [("", _("Mọi năm")), *((y, y) for y in years)]

    def clean_q(self) -> str:
        query = " ".join(self.cleaned_data["q"].split())
        if not fold(query):
            raise forms.ValidationError(_("Nhập từ khóa cần tìm."))
        return query

    def apply(self, petitions):
        data = self.cleaned_data
        petitions = petitions.search(data["q"])
        if data.get("nam"):
            petitions = petitions.filter(conference__year=data["nam"])
        return petitions
