"""Home Affairs' answering dashboard: where every assignment of a conference stands, per agency.

Fixed number of queries whatever the size: one aggregate for the state counts, one for the overdue list, one for
the submission times (medians are computed in Python on one calendar snapshot). Everything is limited to the
petitions the reader may see, by the same rule as the petition list.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences import workdays
from conferences.models import Conference

from .models import Assignment, AssignmentStatus, Petition, RevisionAction, pending_with_agency

OVERDUE_SHOWN = 100

# Columns of the table, in workflow order: (key, label) where the key is a "stage" of the pair
# (assignment status, answer state) computed by _stage_of().
STAGES = [
    ("unanswered", _("Chưa có trả lời")),
    ("draft", _("Đang soạn")),
    ("returned", _("Bị trả lại")),
    ("submitted", _("Chờ duyệt")),
    ("approved", _("Đã duyệt")),
    ("published", _("Đã công bố")),
    ("declined", _("Từ chối")),
]


def _stage_of(status: str, state: str | None) -> str:
    if status == AssignmentStatus.DECLINED:
        return "declined"
    return state or "unanswered"


@dataclass
class AgencyRow:
    agency_id: int
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    median_working_days: float | None = None
    answered: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Dashboard:
    conference: Conference
    today: date
    rows: list[AgencyRow]
    totals: dict[str, int]
    overdue: list[Assignment]
    overdue_count: int = 0

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def _counts(assignments, today) -> tuple[dict[int, AgencyRow], dict[str, int]]:
    """1. Counts per agency and stage, and the overdue count: one aggregate."""
    rows: dict[int, AgencyRow] = {}
    totals = {key: 0 for key, _label in STAGES}
    grouped = (
        assignments.order_by()
        .values("lead_agency_id", "lead_agency__short_name", "lead_agency__name", "status", "answer__state")
        .annotate(n=Count("id"), late=Count("id", filter=pending_with_agency() & Q(due_date__lt=today)))
    )
    for item in grouped:
        row = rows.setdefault(
            item["lead_agency_id"],
            AgencyRow(item["lead_agency_id"], item["lead_agency__short_name"] or item["lead_agency__name"]),
        )
        stage = _stage_of(item["status"], item["answer__state"])
        row.counts[stage] = row.counts.get(stage, 0) + item["n"]
        row.overdue += item["late"]
        totals[stage] += item["n"]
    return rows, totals


def _median_working_days(assignments, rows: dict[int, AgencyRow]) -> None:
    """2. Median working days from assignment to the first submission, per agency (one calendar snapshot)."""
    calendar = workdays.current_calendar()
    spans: dict[int, list[int]] = defaultdict(list)
    submitted = Q(answer__revisions__action=RevisionAction.SUBMITTED)
    timings = (
        assignments.filter(answer__isnull=False)
        .annotate(first_submitted=Min("answer__revisions__created_at", filter=submitted))
        .filter(first_submitted__isnull=False)
        .values_list("lead_agency_id", "assigned_at", "first_submitted")
    )
    for agency_id, assigned_at, submitted_at in timings:
        start, end = timezone.localdate(assigned_at), timezone.localdate(submitted_at)
        spans[agency_id].append(max(0, calendar.working_days_between(start, end)))
    for agency_id, values in spans.items():
        if agency_id in rows:
            rows[agency_id].median_working_days = median(values)
            rows[agency_id].answered = len(values)


def answering_dashboard(
    conference: Conference, *, visible: QuerySet[Petition] | None = None, today: date | None = None
) -> Dashboard:
    """Where the assignments of a conference stand. `visible`: the petitions the reader may see (their scope, as
    petitions_visible_to gives it); every count and list is limited to them. None: the whole conference."""
    today = today or timezone.localdate()
    assignments = Assignment.objects.filter(petition__conference=conference).current()
    if visible is not None:
        assignments = assignments.filter(petition__in=visible.values("pk"))
    rows, totals = _counts(assignments, today)
    _median_working_days(assignments, rows)
    # 3. Overdue items, oldest deadline first (the first OVERDUE_SHOWN; the count covers them all).
    overdue = list(
        assignments.overdue_with_agency(today)
        .select_related("petition", "sub_question", "lead_agency", "answer")
        .order_by("due_date", "petition__number")[:OVERDUE_SHOWN]
    )
    ordered = sorted(rows.values(), key=lambda r: (-r.overdue, r.name))
    return Dashboard(
        conference=conference,
        today=today,
        rows=ordered,
        totals=totals,
        overdue=overdue,
        overdue_count=sum(row.overdue for row in ordered),
    )
