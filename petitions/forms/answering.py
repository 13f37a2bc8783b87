"""Forms of the answering journey. They validate (and compute the deadline to show errors early); services act."""

from datetime import date

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.errors import Refused
from conferences.models import Agency, Conference, IssueGroup

from ..models import ASSIGNMENT_RULES, AnswerState, AssignmentStage, Petition, deadline_spec
from ..services.answering import DEFAULT_BEFORE_WORKING_DAYS, assignment_deadline, default_due_spec
from .intake import AttachmentsField

MAX_ANSWER_LENGTH = 30_000


class DateInput(forms.DateInput):
    """dd/mm/yyyy as offices write dates, whatever the browser's locale (DATE_INPUT_FORMATS accepts it)."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y",
        )


def agencies_for(conference: Conference):
    """Agencies that can answer for a conference: inside its unit or above it, in office on the dialogue date."""
    unit = conference.organising_unit
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    day = conference.dialogue_date or conference.plan_date or date(conference.year, 3, 1)
    return (
        Agency.objects.answering()
        .active_on(day)
        .filter(Q(unit__path__startswith=unit.path) | Q(unit_id__in=ancestors))
        .order_by("unit__tier", "name")
    )


class DueFieldsMixin(forms.Form):
    """Stage and deadline rule; clean() computes the Deadline so the page can show it and refuse a bad rule."""

    stage = forms.ChoiceField(label=_("Giai đoạn"), choices=AssignmentStage.choices)
    due_rule = forms.ChoiceField(
        label=_("Cách tính hạn"), choices=[(rule.value, rule.label) for rule in ASSIGNMENT_RULES]
    )
    due_count = forms.IntegerField(
        label=_("Số ngày"),
        min_value=1,
        max_value=366,
        required=False,
        help_text=_("Trước hội nghị: số ngày làm việc trước ngày đối thoại. Sau hội nghị: kể từ ngày mốc."),
    )
    due_base = forms.DateField(
        label=_("Ngày làm mốc / ngày hạn"),
        required=False,
        widget=DateInput(),
        help_text=_("Ngày đối thoại, ngày ban hành thông báo, hoặc chính ngày hạn nếu chọn “Ngày cố định”."),
    )

    deadline = None

    def due_initial(self, petition_or_conference) -> dict:
        petition = petition_or_conference if isinstance(petition_or_conference, Petition) else None
        conference = petition.conference if petition else petition_or_conference
        if petition is not None:
            spec = default_due_spec(petition=petition, stage=AssignmentStage.BEFORE_CONFERENCE)
        else:
            spec = deadline_spec(
                DeadlineRule.WORKING_DAYS,
                DEFAULT_BEFORE_WORKING_DAYS,
                conference.dialogue_date,
                stage=AssignmentStage.BEFORE_CONFERENCE,
            )
        return {
            "stage": AssignmentStage.BEFORE_CONFERENCE,
            "due_rule": spec.rule,
            "due_count": spec.count,
            "due_base": spec.base,
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        spec = self.due_spec()
        if spec.rule in (DeadlineRule.WORKING_DAYS, DeadlineRule.CALENDAR_DAYS) and not spec.count:
            self.add_error("due_count", _("Nhập số ngày."))
        elif spec.base is None:
            self.add_error("due_base", _("Nhập ngày làm mốc (hội nghị chưa có ngày đối thoại)."))
        else:
            try:
                self.deadline = assignment_deadline(spec, stage=cleaned["stage"])
            except Refused as refusal:
                self.add_error(None, str(refusal))
        return cleaned

    def due_spec(self) -> DeadlineSpec:
        """The deadline as asked for; the service counts it back from the dialogue for answers due before it."""
        data = self.cleaned_data
        rule = data["due_rule"]
        count = data.get("due_count") if rule in (DeadlineRule.WORKING_DAYS, DeadlineRule.CALENDAR_DAYS) else None
        base = data.get("due_base")
        if rule == DeadlineRule.END_OF_YEAR and base is None:
            base = date.today()
        return DeadlineSpec(rule=rule, count=count, base=base)


class FullNameChoices(forms.ModelMultipleChoiceField):
    """Agencies by their full name: what people type to find one ("ngân hàng", not "NHCSXH")."""

    def label_from_instance(self, agency: Agency) -> str:
        return agency.name


class AgencyFieldsMixin(forms.Form):
    lead_agency = forms.ModelChoiceField(label=_("Cơ quan chủ trì trả lời"), queryset=Agency.objects.none())
    coordinating_agencies = FullNameChoices(
        label=_("Cơ quan phối hợp"),
        queryset=Agency.objects.none(),
        required=False,
        # A list of check boxes (no Ctrl-click), which static/js/agency_picker.js makes searchable when scripts run.
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đánh dấu các cơ quan phối hợp; gõ vài chữ vào ô tìm để lọc danh sách."),
    )

    def limit_agencies(self, conference: Conference):
        agencies = agencies_for(conference).select_related("unit")
        self.fields["lead_agency"].queryset = agencies
        self.fields["coordinating_agencies"].queryset = agencies

    def clean_coordinating_agencies(self):
        lead = self.cleaned_data.get("lead_agency")
        return [a for a in self.cleaned_data["coordinating_agencies"] if a != lead]


class AssignmentForm(AgencyFieldsMixin, DueFieldsMixin):
    target = forms.ChoiceField(label=_("Nội dung giao"), required=False)

    field_order = ["target", "lead_agency", "coordinating_agencies", "stage", "due_rule", "due_count", "due_base"]

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition = petition
        self.limit_agencies(petition.conference)
        parts = list(petition.sub_questions.all())
        self.fields["target"].choices = [("", _("Toàn bộ kiến nghị"))] + [
            (str(sq.pk), _("Câu hỏi %(n)s: %(text)s") % {"n": sq.position, "text": sq.content[:90]}) for sq in parts
        ]
        if not parts:
            self.fields["target"].widget = forms.HiddenInput()
        self._parts = {str(sq.pk): sq for sq in parts}
        if not self.is_bound:
            self.initial.update(self.due_initial(petition))

    def clean_target(self):
        value = self.cleaned_data.get("target") or ""
        return self._parts.get(value)


class BulkAssignForm(AgencyFieldsMixin, DueFieldsMixin):
    issue_group = forms.ModelChoiceField(label=_("Nhóm vấn đề"), queryset=IssueGroup.objects.none())

    field_order = ["issue_group", "lead_agency", "coordinating_agencies", "stage", "due_rule", "due_count", "due_base"]

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_group"].queryset = conference.issue_groups.all()
        self.limit_agencies(conference)
        if not self.is_bound:
            self.initial.update(self.due_initial(conference))


class ReassignForm(AgencyFieldsMixin, DueFieldsMixin):
    reason = forms.CharField(
        label=_("Lý do giao lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True
    )

    field_order = ["lead_agency", "coordinating_agencies", "reason", "stage", "due_rule", "due_count", "due_base"]

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_agencies(assignment.petition.conference)
        if not self.is_bound:
            self.initial.update(
                {
                    "stage": assignment.stage,
                    "due_rule": assignment.due_rule,
                    "due_count": assignment.due_rule_count,
                    "due_base": assignment.due_rule_base,
                }
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True)


class DeclineForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Vì sao không thuộc thẩm quyền của cơ quan?")


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung trả lời"),
        required=False,
        max_length=MAX_ANSWER_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace-sm"}),
        help_text=_(
            "Văn bản thuần: mỗi dòng một đoạn; dòng bắt đầu bằng “- ” là gạch đầu dòng; "
            "dòng bắt đầu bằng “* ” là tiêu đề trả lời cho từng câu hỏi."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), min_value=0)
    # The same checked upload as a petition's files: the type is read from the bytes, not the name.
    attachments = AttachmentsField(
        label=_("Tệp đính kèm trả lời"),
        help_text=_("Văn bản, bảng biểu kèm theo trả lời: PDF, ảnh JPG/PNG, Word .docx, Excel .xlsx; tối đa 10 MB."),
    )

    def __init__(self, *args, answer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("text", answer.text if answer else "")
            self.initial.setdefault("version", answer.version if answer else 0)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput(), min_value=1)


class CorrectForm(VersionForm):
    """Home Affairs corrects the wording of a submitted answer before approving it."""

    text = forms.CharField(
        label=_("Nội dung trả lời sau khi sửa câu chữ"),
        max_length=MAX_ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "class": "font-monospace-sm"}),
    )
    comment = forms.CharField(
        label=_("Ghi chú cho cơ quan (không bắt buộc)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("ví dụ: sửa lỗi chính tả, thống nhất tên văn bản")}),
    )


class ReturnForm(VersionForm):
    comment = forms.CharField(
        label=_("Ý kiến (cơ quan sẽ thấy ý kiến này)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        strip=True,
    )


class OnTheSpotForm(forms.Form):
    sub_question = forms.ChoiceField(label=_("Câu hỏi"), required=False)
    answered_by = forms.CharField(
        label=_("Người trả lời tại hội nghị"),
        max_length=255,
        help_text=_("Ví dụ: Giám đốc Sở Lao động - Thương binh và Xã hội"),
    )
    summary = forms.CharField(
        label=_("Tóm tắt nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 8}), max_length=MAX_ANSWER_LENGTH
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan trả lời"), queryset=Agency.objects.none(), required=False)
    written_followup_due = forms.DateField(
        label=_("Sẽ trả lời bằng văn bản trước ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống nếu đã trả lời xong tại hội nghị."),
    )

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(petition.conference)
        parts = list(petition.sub_questions.all())
        self.fields["sub_question"].choices = [("", _("Toàn bộ kiến nghị"))] + [
            (str(sq.pk), _("Câu hỏi %(n)s: %(text)s") % {"n": sq.position, "text": sq.content[:90]}) for sq in parts
        ]
        if not parts:
            self.fields["sub_question"].widget = forms.HiddenInput()
        self._parts = {str(sq.pk): sq for sq in parts}

    def clean_sub_question(self):
        return self._parts.get(self.cleaned_data.get("sub_question") or "")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("written_followup_due") and not cleaned.get("agency"):
            self.add_error("agency", _("Chọn cơ quan sẽ trả lời bằng văn bản."))
        return cleaned


class PublishForm(forms.Form):
    answers = forms.ModelMultipleChoiceField(
        label=_("Trả lời đã duyệt"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = queryset.filter(state=AnswerState.APPROVED)
        self.fields["answers"].error_messages["required"] = _("Chọn ít nhất một trả lời để công bố.")
