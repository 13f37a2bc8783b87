"""Reads of the monitoring page ("theo dõi, đôn đốc"): every open conclusion task and forwarded petition the user may
see, by agency, with overdue counts and the on-time rate (the workbook reads the same: monitoring_xlsx).

Scope is the permissions' scope (directives_visible_to, petitions_visible_to), so the page and the export never show
more than the lists do. Counts are grouped in the database: two aggregate queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from petitions.models import OPEN_ASSIGNMENT_STATUSES, Assignment, AssignmentStatus
from petitions.permissions import petitions_visible_to

from ..models import AGENCY_OPEN_DIRECTIVE_STATUSES, OPEN_DIRECTIVE_STATUSES, Directive, DirectiveStatus
from ..permissions import directives_visible_to
from ..stats.figures import answered_assignment, sent_answer, sent_on


@dataclass(frozen=True)
class Filters:
    conference_id: int | None = None
    agency_id: int | None = None
    only_overdue: bool = False


@dataclass
class AgencyRow:
    agency_id: int
    name: str
    open_tasks: int = 0
    overdue_tasks: int = 0
    open_petitions: int = 0
    overdue_petitions: int = 0
    closed: int = 0
    closed_on_time: int = 0

    @property
    def overdue(self) -> int:
        return self.overdue_tasks + self.overdue_petitions

    @property
    def on_time_rate(self) -> float | None:
        """Share of finished items finished by their due date, in percent; None when nothing is finished yet."""
        return round(100 * self.closed_on_time / self.closed, 1) if self.closed else None


@dataclass
class Summary:
    rows: list[AgencyRow] = field(default_factory=list)

    @property
    def total(self) -> AgencyRow:
        total = AgencyRow(agency_id=0, name=_("Tổng cộng"))
        for row in self.rows:
            for name in ("open_tasks", "overdue_tasks", "open_petitions", "overdue_petitions", "closed"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
            total.closed_on_time += row.closed_on_time
        return total


def tasks_in_scope(user, filters: Filters) -> QuerySet[Directive]:
    qs = directives_visible_to(user)
    if filters.conference_id:
        qs = qs.filter(notice__conference_id=filters.conference_id)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    return qs


def assignments_in_scope(user, filters: Filters) -> QuerySet[Assignment]:
    qs = Assignment.objects.filter(petition__in=petitions_visible_to(user)).exclude(status=AssignmentStatus.WITHDRAWN)
    if filters.conference_id:
        qs = qs.filter(petition__conference_id=filters.conference_id)
    if filters.agency_id:
        qs = qs.filter(lead_agency_id=filters.agency_id)
    return qs


def _overdue_task(day: date) -> Q:
    return Q(status__in=AGENCY_OPEN_DIRECTIVE_STATUSES, due_date__lt=day)


def _overdue_assignment(day: date) -> Q:
    # Late means the agency has not yet sent its answer; one waiting for Home Affairs' review is not the agency's delay.
    return Q(status=AssignmentStatus.ACTIVE, due_date__lt=day) & ~sent_answer()


def summary(user, filters: Filters, *, day: date) -> Summary:
    rows: dict[int, AgencyRow] = {}

    def row(agency_id, short, name):
        return rows.setdefault(agency_id, AgencyRow(agency_id=agency_id, name=short or name))

    tasks = (
        tasks_in_scope(user, filters)
        .filter(agency__isnull=False)
        .values("agency_id", "agency__short_name", "agency__name")
        .annotate(
            open=Count("id", filter=Q(status__in=OPEN_DIRECTIVE_STATUSES)),
            overdue=Count("id", filter=_overdue_task(day)),
            closed=Count("id", filter=Q(status=DirectiveStatus.DONE)),
            on_time=Count(
                "id",
                filter=Q(status=DirectiveStatus.DONE)
                & (Q(due_date__isnull=True) | Q(completed_at__date__lte=F("due_date"))),
            ),
        )
        .order_by()
    )
    for t in tasks:
        r = row(t["agency_id"], t["agency__short_name"], t["agency__name"])
        r.open_tasks, r.overdue_tasks = t["open"], t["overdue"]
        r.closed += t["closed"]
        r.closed_on_time += t["on_time"]
    petitions = (
        assignments_in_scope(user, filters)
        .annotate(sent_on=sent_on())
        .values("lead_agency_id", "lead_agency__short_name", "lead_agency__name")
        .annotate(
            open=Count("id", filter=Q(status__in=OPEN_ASSIGNMENT_STATUSES)),
            overdue=Count("id", filter=_overdue_assignment(day)),
            # Answered and on time: the statistics' one definition (conclusions.stats.figures).
            closed=Count("id", filter=answered_assignment()),
            on_time=Count("id", filter=answered_assignment() & Q(sent_on__lte=F("due_date"))),
        )
        .order_by()
    )
    for p in petitions:
        r = row(p["lead_agency_id"], p["lead_agency__short_name"], p["lead_agency__name"])
        r.open_petitions, r.overdue_petitions = p["open"], p["overdue"]
        r.closed += p["closed"]
        r.closed_on_time += p["on_time"]
    ordered = sorted(rows.values(), key=lambda r: (-r.overdue, -(r.open_tasks + r.open_petitions), r.name))
    if filters.only_overdue:
        ordered = [r for r in ordered if r.overdue]
    return Summary(rows=ordered)


def open_tasks(user, filters: Filters, *, day: date) -> QuerySet[Directive]:
    qs = tasks_in_scope(user, filters).filter(status__in=OPEN_DIRECTIVE_STATUSES)
    if filters.only_overdue:
        qs = qs.filter(_overdue_task(day))
    return qs.for_followup_list()


def open_petitions(user, filters: Filters, *, day: date) -> QuerySet[Assignment]:
    qs = assignments_in_scope(user, filters).filter(status__in=OPEN_ASSIGNMENT_STATUSES)
    if filters.only_overdue:
        qs = qs.filter(_overdue_assignment(day))
    # The page marks a late row by the same rule the counts use.
    qs = qs.annotate(is_overdue=Case(When(_overdue_assignment(day), then=Value(True)), default=Value(False)))
    return qs.select_related("petition__conference", "lead_agency", "sub_question", "answer").order_by(
        "due_date", "petition__conference_id", "petition__number", "pk"
    )


def days_late(due: date | None, day: date) -> int:
    """Calendar days past due (the page shows working days for answers through the reminder stages)."""
    return (day - due).days if due and due < day else 0
