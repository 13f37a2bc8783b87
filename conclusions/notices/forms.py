"""Forms of the conclusion-notice journey. They validate and carry the notice version they were opened at;
services act (conclusions.notices.editing, .issuing)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.deadlines import DeadlineRule
from conferences.models import Agency

from ..models import DIRECTIVE_DEADLINE_CHOICES, AppendixOrder, ConclusionNotice, NoticeAppendix, NumberSource
from .appendices import APPENDIX_FIELDS
from .deadlines import deadline_problem
from .drafting import current_opening
from .editing import EDITABLE_FIELDS, DirectiveData

MARKUP_HELP = _(
    "Mỗi dòng một đoạn; dòng bắt đầu “1.1.” là mục con (in đậm), “a)” là điểm, “- ” là gạch đầu dòng. "
    "**chữ đậm**, *chữ nghiêng*, ***đậm nghiêng***; chú thích: viết [^1] sau chữ và thêm một dòng "
    "“[^1]: nội dung chú thích”; bảng: mỗi hàng một dòng | ô 1 | ô 2 |, dòng |---|---| sau hàng tiêu đề."
)

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 05/04/2023.")}


class VersionedForm(forms.Form):
    """The notice version the page showed; a save against an older version is refused by the service."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoticeForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = ConclusionNotice
        fields = EDITABLE_FIELDS
        widgets = {
            "issuing_body_lines": forms.Textarea(attrs={"rows": 3}),
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 3}),
            "opening": forms.Textarea(attrs={"rows": 12}),
            "closing_line": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 10}),
            "issue_date": DATE_WIDGET,
        }
        labels = {"issue_date": _("Ngày dự kiến ban hành")}
        help_texts = {
            "issue_date": _("Để trống: dự thảo ghi tháng của hạn ban hành (10 ngày sau hội nghị), bỏ trống ngày."),
            "opening": _(
                "Mỗi dòng một đoạn. Tên chủ đề trong ngoặc kép “…” được in nghiêng; **đậm**, *nghiêng* và chú thích "
                "[^1] như ở các phần. Khi chưa sửa, đoạn mở đầu do cổng soạn tự cập nhật theo dữ liệu hội nghị "
                "(ngày đối thoại, số kiến nghị)."
            ),
            "legal_bases": _("Mỗi dòng một căn cứ, in nghiêng."),
            "recipients": _("Mỗi dòng một nơi nhận; dòng “Lưu: VT, …” được thêm tự động từ mã người soạn."),
            "drafter_code": _("Ví dụ NC(PVD): đơn vị soạn thảo và chữ viết tắt tên người soạn (in nhỏ)."),
            "signature_authority_line": _("Ví dụ: CHỦ TỊCH (sau TL. hoặc KT.), ỦY BAN NHÂN DÂN (sau TM.)."),
        }
        error_messages = {
            "issue_date": DATE_ERRORS,
            "title": {"required": _("Nhập trích yếu của thông báo.")},
            "place": {"required": _("Nhập địa danh (ví dụ: Lạng Sơn).")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not self.is_bound and self.instance.pk:
            self.initial["lock_version"] = self.instance.lock_version
            # The drafted opening as it reads today (it follows the conference's data until the clerk edits it).
            self.initial["opening"] = current_opening(self.instance)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class SectionForm(VersionedForm):
    heading = forms.CharField(
        label=_("Tiêu đề phần"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Đối với đội ngũ thanh niên tỉnh. Để trống để đánh số ngay đầu đoạn (kiểu văn bản Đảng)."),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=MARKUP_HELP,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("heading") or "").strip() and not (data.get("body") or "").strip():
            raise forms.ValidationError(_("Nhập tiêu đề hoặc nội dung của phần."))
        return data


class DirectiveForm(VersionedForm):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan thực hiện"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Cơ quan được giao và theo dõi thực hiện; để trống nếu giao chung (ví dụ: các sở, ban, ngành)."),
    )
    heading = forms.CharField(
        label=_("Tiêu đề mục"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Sở Kế hoạch và Đầu tư. Nhiệm vụ một đoạn được in liền sau tiêu đề: “2.2. Sở …: …”."),
    )
    text = forms.CharField(
        label=_("Nội dung nhiệm vụ"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Nhập nội dung nhiệm vụ.")},
    )
    deadline_kind = forms.ChoiceField(label=_("Loại thời hạn"), choices=DIRECTIVE_DEADLINE_CHOICES)
    deadline_days = forms.IntegerField(
        label=_("Số ngày làm việc kể từ ngày ban hành"),
        required=False,
        min_value=1,
        max_value=365,
        error_messages={
            "min_value": _("Số ngày làm việc phải từ 1 đến 365."),
            "max_value": _("Số ngày làm việc phải từ 1 đến 365."),
        },  # fmt: skip
    )
    deadline_date = forms.DateField(
        label=_("Ngày hết hạn"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        self.fields["deadline_date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["text"].help_text = _(
            "Nếu nội dung chưa nêu thời hạn đã chọn, câu ghi thời hạn chuẩn sẽ được thêm vào cuối (sửa được). "
            "Viết **đậm**, *nghiêng*, chú thích [^1] như ở các phần."
        )

    def clean(self):
        data = super().clean()
        kind = data.get("deadline_kind")
        if kind and not self.has_error("deadline_days") and not self.has_error("deadline_date"):
            problem = deadline_problem(kind, days=data.get("deadline_days"), fixed=data.get("deadline_date"))
            if problem:
                self.add_error("deadline_date" if kind == DeadlineRule.FIXED_DATE else "deadline_days", problem)
        return data

    def data_for_service(self) -> DirectiveData:
        d = self.cleaned_data
        return DirectiveData(
            heading=d.get("heading") or "",
            text=d["text"],
            agency=d.get("agency"),
            deadline_kind=d["deadline_kind"],
            deadline_days=d.get("deadline_days"),
            deadline_date=d.get("deadline_date"),
        )


class AppendixForm(forms.ModelForm):
    """One appendix's options; the service checks the groups and the typed order against the conference."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = NoticeAppendix
        fields = (*APPENDIX_FIELDS, "issue_groups")
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "row_order": forms.Textarea(attrs={"rows": 2, "placeholder": "3, 1, 2, 4"}),
            "issue_groups": forms.CheckboxSelectMultiple,
            "reference_wording": forms.RadioSelect,
        }
        error_messages = {"title": {"required": _("Nhập tên phụ lục.")}}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_groups"].queryset = conference.issue_groups.order_by("position", "name")

    def clean(self):
        data = super().clean()
        if data.get("order") == AppendixOrder.CHOSEN and not (data.get("row_order") or "").strip():
            self.add_error("row_order", _("Nhập thứ tự các kiến nghị (số thứ tự, cách nhau bằng dấu phẩy)."))
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in APPENDIX_FIELDS}


class IssueForm(VersionedForm):
    numbering = forms.ChoiceField(
        label=_("Số văn bản"),
        choices=NumberSource.choices,
        initial=NumberSource.PORTAL,
        required=False,  # not chosen: the portal's register
        widget=forms.RadioSelect,
    )
    register_number = forms.IntegerField(
        label=_("Số do văn thư cấp"),
        required=False,
        min_value=1,
        max_value=999999,
        help_text=_("Số ghi trong sổ đăng ký văn bản đi của văn thư; ngày ban hành là ngày ghi cùng số đó."),
        error_messages={
            "invalid": _("Số văn bản phải là số nguyên dương, ví dụ 1428."),
            "min_value": _("Số văn bản phải là số nguyên dương, ví dụ 1428."),
            "max_value": _("Số văn bản không hợp lệ."),
        },
    )
    issue_date = forms.DateField(
        label=_("Ngày ban hành"),
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Nhập ngày ban hành.")},
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận văn bản đã được ký; cấp số, khóa nội dung và công bố kết quả."),
        error_messages={"required": _("Đánh dấu xác nhận trước khi ban hành.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["issue_date"].initial = timezone.localdate()

    def clean_issue_date(self):
        day = self.cleaned_data["issue_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ban hành không được sau ngày hôm nay."))
        return day

    def clean(self):
        data = super().clean()
        wants_number = data.get("numbering") == NumberSource.CLERK and not data.get("register_number")
        if wants_number and not self.has_error("register_number"):
            self.add_error("register_number", _("Nhập số văn bản do văn thư cấp."))
        return data

    @property
    def clerk_number(self) -> int | None:
        """The clerk's number when the clerk's register numbers the notice, else None (the portal's register)."""
        if self.cleaned_data.get("numbering") == NumberSource.CLERK:
            return self.cleaned_data.get("register_number")
        return None
