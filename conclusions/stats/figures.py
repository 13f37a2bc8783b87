"""Statistics for Home Affairs and leaders: reads only, each a fixed number of queries whatever the row count.

Two levels share the same reads:
- one conference (petitions by issue group, site, area and channel; answers on time or late per agency; median
  working days to answer; tasks done/open/overdue per agency);
- one organising unit across years (the same figures over all its conferences, and year over year).

Definitions used throughout (and printed under the tables):
- received: petitions not merged into another one;
- resolved: petitions with an approved or published answer (status answered or published);
- on time: the agency sent its answer (Answer.submitted_at, local date) on or before the assignment's due date;
  late: sent after it; overdue: not answered yet and the due date has passed; open: not answered, still in time;
  no deadline: approved answers given without an assignment (answered on the spot, imported);
- working days to answer: working days from the day of the assignment to the day the answer was sent, on the
  Vietnamese office calendar (conferences.workdays), the median per agency;
- tasks: directives of issued notices, cancelled ones left out; overdue = not done and past its due date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import median

from django.db.models import Case, Count, DateTimeField, Q, QuerySet, When
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from conferences import workdays
from conferences.models import AdministrativeUnit, Conference
from petitions.models import (
    ANSWERED_PETITION_STATES,
    SENT_ANSWER_STATES,
    Answer,
    Assignment,
    AssignmentStatus,
    Channel,
    Petition,
    PetitionStatus,
)

from ..models import OPEN_DIRECTIVE_STATUSES, Directive, DirectiveStatus, NoticeState

# Resolved petitions are those the appendix lists: with an approved or published answer.
NO_AGENCY = _("Chưa xác định cơ quan")


def received_petitions(conferences) -> QuerySet[Petition]:
    return Petition.objects.filter(conference__in=conferences).not_merged()


def petition_totals(conferences) -> dict:
    return received_petitions(conferences).aggregate(
        received=Count("id", distinct=True),
        resolved=Count("id", filter=Q(status__in=ANSWERED_PETITION_STATES), distinct=True),
        published=Count("id", filter=Q(status=PetitionStatus.PUBLISHED), distinct=True),
        answered_live=Count("id", filter=Q(answers__answered_at_conference=True), distinct=True),
    )


def petitions_by_issue_group(conferences) -> list[tuple[str, int, int]]:
    """(group name, received, resolved); groups of several years are joined by name."""
    rows = (
        received_petitions(conferences)
        .values("issue_group__name")
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=ANSWERED_PETITION_STATES)))
        .order_by("-received", "issue_group__name")
    )
    return [(r["issue_group__name"] or str(_("Chưa phân nhóm")), r["received"], r["resolved"]) for r in rows]


def petitions_by_site(conferences) -> list[tuple[str, int, int]]:
    """(bridge point, received, resolved), busiest first."""
    rows = (
        received_petitions(conferences)
        .values("bridge_point__name")
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=ANSWERED_PETITION_STATES)))
        .order_by("-received", "bridge_point__name")
    )
    return [(r["bridge_point__name"] or str(_("Không qua điểm cầu")), r["received"], r["resolved"]) for r in rows]


def petitions_by_area(conferences, unit: AdministrativeUnit) -> list[tuple[str, int, int]]:
    """(area, received, resolved): sites folded into the unit directly below the organising unit.

    A provincial conference reads by district (or by commune on the two-tier map); a district one by commune. Two
    queries: the counts per site unit path, then the names of the areas.
    """
    rows = (
        received_petitions(conferences)
        .values("bridge_point__unit__path")
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=ANSWERED_PETITION_STATES)))
    )
    depth = len(unit.path.strip("/").split("/"))
    totals: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        path = row["bridge_point__unit__path"] or ""
        ids = [int(pk) for pk in path.strip("/").split("/") if pk]
        if not path.startswith(unit.path):
            area = None
        elif len(ids) > depth:
            area = ids[depth]
        else:
            area = unit.pk
        totals[area][0] += row["received"]
        totals[area][1] += row["resolved"]
    names = {u.pk: u.full_name for u in AdministrativeUnit.objects.filter(pk__in=[k for k in totals if k])}
    result = [
        (names.get(area, str(_("Ngoài địa bàn / không rõ điểm cầu"))), received, resolved)
        for area, (received, resolved) in totals.items()
    ]
    return sorted(result, key=lambda r: (-r[1], r[0]))


def petitions_by_channel(conferences) -> list[tuple[str, int, int]]:
    rows = (
        received_petitions(conferences)
        .values("channel")
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=ANSWERED_PETITION_STATES)))
        .order_by("-received")
    )
    labels = dict(Channel.choices)
    return [(str(labels.get(r["channel"], r["channel"])), r["received"], r["resolved"]) for r in rows]


@dataclass
class Timeliness:
    """Answers of one agency (or one year) against their deadlines."""

    label: str
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    no_deadline: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return median(self.days) if self.days else None

    @property
    def answered_with_deadline(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.answered_with_deadline, 1) if self.answered_with_deadline else None


def _agency_label(name: str | None, short: str | None) -> str:
    return short or name or str(NO_AGENCY)


def _assignment_outcomes(conferences, key_fields: tuple[str, ...]):
    """Assignments counted per agency (or year), day assigned, due date and day the answer was sent (local days):
    the rows grow with the distinct days, not with the petitions."""
    sent_at = Case(
        When(answer__state__in=SENT_ANSWER_STATES, then="answer__submitted_at"), output_field=DateTimeField()
    )
    return (
        Assignment.objects.filter(petition__in=received_petitions(conferences))
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .annotate(assigned_on=TruncDate("assigned_at"), sent_on=TruncDate(sent_at))
        .values("lead_agency_id", *key_fields, "assigned_on", "due_date", "sent_on")
        .annotate(n=Count("id"))
        .order_by()
    )


def _count_outcome(item: Timeliness, row: dict, *, today: date, days_between) -> None:
    n, due, sent, start = row["n"], row["due_date"], row["sent_on"], row["assigned_on"]
    if sent is not None:
        if sent <= due:
            item.on_time += n
        else:
            item.late += n
        if start is not None:
            item.days.extend([max(days_between(start, sent), 0)] * n)
    elif due < today:
        item.overdue += n
    else:
        item.pending += n


def answer_timeliness(conferences, *, today: date, by: str = "agency") -> list[Timeliness]:
    """Assignments (lead agency) against their due dates, plus approved answers given without one.

    by="agency" groups per lead agency, by="year" per conference year. Two grouped queries and the calendar.
    """
    # Many rows share the same two days (assignments go out together): each span is counted once.
    days_between = lru_cache(maxsize=None)(workdays.current_calendar().working_days_between)
    groups: dict[object, Timeliness] = {}

    def group(key, label) -> Timeliness:
        if key not in groups:
            groups[key] = Timeliness(label=label)
        return groups[key]

    agency_fields = ("lead_agency__name", "lead_agency__short_name")
    key_fields = agency_fields if by == "agency" else ("petition__conference__year",)
    for row in _assignment_outcomes(conferences, key_fields):
        if by == "agency":
            item = group(row["lead_agency_id"], _agency_label(*(row[f] for f in agency_fields)))
        else:
            item = group(row[key_fields[0]], str(row[key_fields[0]]))
        _count_outcome(item, row, today=today, days_between=days_between)

    key_fields = ("agency__name", "agency__short_name") if by == "agency" else ("petition__conference__year",)
    without_assignment = (
        Answer.objects.filter(petition__in=received_petitions(conferences), assignment__isnull=True)
        .approved_or_published()
        .values("agency_id", *key_fields)
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in without_assignment:
        if by == "agency":
            item = group(row["agency_id"], _agency_label(row["agency__name"], row["agency__short_name"]))
        else:
            year = row["petition__conference__year"]
            item = group(year, str(year))
        item.no_deadline += row["n"]
    if by == "year":
        return [groups[k] for k in sorted(groups)]
    return sorted(groups.values(), key=lambda t: (-(t.on_time + t.late + t.overdue + t.pending), t.label))


def median_days_overall(rows: list[Timeliness]) -> float | None:
    days = [d for row in rows for d in row.days]
    return median(days) if days else None


@dataclass
class TaskProgress:
    label: str
    done: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.open + self.overdue


def _task_counts(today: date) -> dict:
    not_done = Q(status__in=OPEN_DIRECTIVE_STATUSES)
    return {
        "done": Count("id", filter=Q(status=DirectiveStatus.DONE)),
        "overdue": Count("id", filter=not_done & Q(due_date__lt=today)),
        "open": Count("id", filter=not_done & (Q(due_date__isnull=True) | Q(due_date__gte=today))),
    }


def issued_directives(conferences) -> QuerySet[Directive]:
    return Directive.objects.filter(notice__conference__in=conferences, notice__state=NoticeState.ISSUED).exclude(
        status=DirectiveStatus.CANCELLED
    )


def task_progress_by_agency(conferences, *, today: date) -> list[TaskProgress]:
    rows = (
        issued_directives(conferences)
        .values("agency__name", "agency__short_name")
        .annotate(**_task_counts(today))
        .order_by("agency__name")
    )
    result = [
        TaskProgress(_agency_label(r["agency__name"], r["agency__short_name"]), r["done"], r["open"], r["overdue"])
        for r in rows
    ]
    return sorted(result, key=lambda t: (-t.total, t.label))


def task_progress_by_year(conferences, *, today: date) -> dict[int, TaskProgress]:
    rows = (
        issued_directives(conferences)
        .values("notice__conference__year")
        .annotate(**_task_counts(today))
        .order_by("notice__conference__year")
    )
    return {
        r["notice__conference__year"]: TaskProgress(
            str(r["notice__conference__year"]), r["done"], r["open"], r["overdue"]
        )
        for r in rows
    }


def petitions_by_year(conferences) -> list[dict]:
    """Per year: conferences held, petitions received and resolved (one query)."""
    return list(
        Conference.objects.filter(pk__in=conferences.values("pk"))
        .values("year")
        .annotate(
            conferences=Count("id", distinct=True),
            received=Count("petitions", filter=~Q(petitions__status=PetitionStatus.MERGED)),
            resolved=Count("petitions", filter=Q(petitions__status__in=ANSWERED_PETITION_STATES)),
        )
        .order_by("year")
    )
