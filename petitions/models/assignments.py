"""A petition (or one of its parts) handed to a lead agency with a deadline, and the reads of the answering pages.

The deadline is asked for with the portal's one deadline engine (conferences.deadlines): the rule, its count and
base are stored so the date can be recomputed when the office calendar changes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.deadlines import CALENDAR_DEPENDENT_RULES, DeadlineRule, DeadlineSpec
from conferences.models import Agency
from conferences.states import move
from conferences.text import fold

from .answers import AnswerState, editable_answer


class AssignmentStage(models.TextChoices):
    BEFORE_CONFERENCE = "before", _("Trả lời trước hội nghị")
    AFTER_CONFERENCE = "after", _("Giải quyết sau hội nghị")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Đang xử lý")
    DECLINED = "declined", _("Từ chối – không thuộc thẩm quyền")
    ANSWERED = "answered", _("Đã trả lời")
    WITHDRAWN = "withdrawn", _("Đã thu hồi / giao lại")


ASSIGNMENT_TRANSITIONS = {
    AssignmentStatus.ACTIVE: (AssignmentStatus.DECLINED, AssignmentStatus.ANSWERED, AssignmentStatus.WITHDRAWN),
    AssignmentStatus.DECLINED: (AssignmentStatus.WITHDRAWN, AssignmentStatus.ACTIVE),
    AssignmentStatus.ANSWERED: (AssignmentStatus.ACTIVE,),
    AssignmentStatus.WITHDRAWN: (),
}
OPEN_ASSIGNMENT_STATUSES = (AssignmentStatus.ACTIVE, AssignmentStatus.DECLINED)
# The rules Home Affairs chooses from when assigning: every one gives a due date (an assignment always has one).
ASSIGNMENT_RULES = (
    DeadlineRule.CALENDAR_DAYS,
    DeadlineRule.WORKING_DAYS,
    DeadlineRule.FIXED_DATE,
    DeadlineRule.END_OF_YEAR,
)


def pending_with_agency(prefix: str = "") -> Q:
    """Still the agency's move: active, and no answer yet or one being drafted or revised."""
    return Q(**{f"{prefix}status": AssignmentStatus.ACTIVE}) & (
        Q(**{f"{prefix}answer__isnull": True}) | editable_answer(f"{prefix}answer__")
    )


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ASSIGNMENT_STATUSES)

    def current(self):
        """Everything but the withdrawn ones: what a petition's answering stands on."""
        return self.exclude(status=AssignmentStatus.WITHDRAWN)

    def overdue(self, today):
        return self.filter(status=AssignmentStatus.ACTIVE, due_date__lt=today)

    def calendar_dependent(self):
        """Open assignments whose due date moves when days off change (working or calendar days from a base)."""
        return self.open().filter(due_rule__in=CALENDAR_DEPENDENT_RULES).exclude(due_rule_base__isnull=True)

    # Answering journey: the officer's inbox, Home Affairs' board and the dashboard.
    def for_agency(self, agency: Agency):
        """Lead or coordinating agency, without a join that repeats rows (an EXISTS on the coordinating table)."""
        coordinating = Assignment.coordinating_agencies.through.objects.filter(
            assignment_id=OuterRef("pk"), agency=agency
        )
        return self.filter(Q(lead_agency=agency) | Exists(coordinating))

    def for_inbox(self, agency: Agency):
        """An agency's assignments (lead or coordinating, not withdrawn) with everything a row shows."""
        return (
            self.current()
            .for_agency(agency)
            .select_related(
                "petition__conference", "petition__issue_group", "sub_question", "lead_agency", "answer__agency"
            )
            .order_by("due_date", "petition__number", "id")
        )

    def pending_with_agency(self):
        """Still the agency's move: active, and no answer yet or one being drafted or revised."""
        return self.filter(pending_with_agency())

    def overdue_with_agency(self, today):
        """Late: still the agency's move and past the due date."""
        return self.pending_with_agency().filter(due_date__lt=today)

    def returned_for_revision(self):
        return self.filter(status=AssignmentStatus.ACTIVE, answer__state=AnswerState.RETURNED)

    def search(self, query: str):
        """Accent-folded search on the petition: 'khoi nghiep' finds 'Khởi nghiệp'."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(petition__search_text__contains=word)
        return qs

    def for_board(self):
        return self.select_related("petition", "sub_question", "lead_agency", "answer__agency").prefetch_related(
            "coordinating_agencies"
        )


class Assignment(models.Model):
    """A petition (or one of its sub-questions) handed to a lead agency with a deadline."""

    petition = models.ForeignKey(
        "petitions.Petition", verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="assignments"
    )
    sub_question = models.ForeignKey(
        "petitions.SubQuestion",
        verbose_name=_("câu hỏi thành phần"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    lead_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan chủ trì"), on_delete=models.PROTECT, related_name="assignments"
    )
    coordinating_agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="coordinated_assignments"
    )
    stage = models.CharField(
        _("giai đoạn"), max_length=10, choices=AssignmentStage.choices, default=AssignmentStage.BEFORE_CONFERENCE
    )
    due_rule = models.CharField(_("cách tính hạn"), max_length=20, choices=DeadlineRule.choices)
    due_rule_count = models.PositiveIntegerField(_("số ngày"), null=True, blank=True)
    due_rule_base = models.DateField(_("tính từ ngày"), null=True, blank=True)
    due_date = models.DateField(_("hạn trả lời"))
    due_explanation = models.TextField(_("cách tính hạn"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    reassign_reason = models.TextField(_("lý do giao lại"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giao"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("thời điểm giao"), default=timezone.now)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công trả lời")
        verbose_name_plural = _("phân công trả lời")
        ordering = ["due_date", "id"]
        constraints = [
            # One open assignment per petition (whole) and one per sub-question.
            models.UniqueConstraint(
                fields=["petition"],
                condition=Q(sub_question__isnull=True, status__in=["active", "declined"]),
                name="one_open_assignment_per_petition",
            ),
            models.UniqueConstraint(
                fields=["sub_question"],
                condition=Q(sub_question__isnull=False, status__in=["active", "declined"]),
                name="one_open_assignment_per_subquestion",
            ),
        ]
        indexes = [models.Index(fields=["lead_agency", "status", "due_date"])]

    def __str__(self):
        return f"{self.petition.number} → {self.lead_agency} ({self.due_date:%d/%m/%Y})"

    def set_status(self, target: str) -> str:
        return move(self, field="status", target=target, allowed=ASSIGNMENT_TRANSITIONS)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ASSIGNMENT_STATUSES

    @property
    def deadline_spec(self) -> DeadlineSpec:
        """The deadline as Home Affairs asked for it; before the dialogue, working days count back from its date."""
        return deadline_spec(self.due_rule, self.due_rule_count, self.due_rule_base, stage=self.stage)

    def is_pending_with_agency(self) -> bool:
        """The Python twin of `pending_with_agency()` for a row whose answer is loaded."""
        answer = getattr(self, "answer", None)
        return self.status == AssignmentStatus.ACTIVE and (answer is None or answer.is_editable)

    def lateness(self, today, soon=None) -> str:
        """'overdue' / 'soon' / '' for a row: only items still waiting for the agency count as late."""
        if not self.is_pending_with_agency():
            return ""
        if self.due_date < today:
            return "overdue"
        if self.due_date <= (soon or today):
            return "soon"
        return ""


def deadline_spec(rule: str, count: int | None, base, *, stage: str) -> DeadlineSpec:
    """An assignment's deadline for the engine: answers due before the dialogue count back from its date."""
    return DeadlineSpec(rule, count, base, backwards=stage == AssignmentStage.BEFORE_CONFERENCE)
