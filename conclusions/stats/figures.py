"""Statistics for Home Affairs and leaders: reads only, each a fixed number of queries whatever the row count.

Two levels share the same reads:
- one conference (petitions by issue group, site, area and channel; answers on time or late per agency; median
  working days to answer; tasks done/open/overdue per agency);
- one organising unit across years (the same figures over all its conferences, and year over year).

Definitions used throughout (and printed under the tables):
- received: petitions not merged into another one;
- answered (resolved, "Đã có trả lời"): Home Affairs approved the answer; a petition is answered when every part
  of it is (status answered or published), an assignment when its answer is (status answered);
- on time: answered, and the agency sent that answer (Answer.submitted_at, local date) on or before the
  assignment's due date; late: answered, sent after it; waiting ("Chờ duyệt"): sent, not approved yet;
  overdue: not sent and the due date has passed; pending: not sent, still in time; no deadline: answered without
  an assignment (answered on the spot, imported). A year counts petitions (a petition answered in two parts is one,
  late if one part was), an agency its assignments; so a year's on time + late + no deadline is its answered
  petitions, on every page and in the yearly report;
- working days to answer: working days from the day of the assignment to the day the answer was sent, on the
  Vietnamese office calendar (conferences.workdays), the median per agency;
- tasks: directives of issued notices, cancelled ones left out; overdue = not done and past its due date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import median

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
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
    """Answers of one agency (its assignments) or one year (its petitions) against their deadlines: every item is
    in exactly one of on time, late, waiting, overdue, pending (or no deadline), by the definitions above."""

    label: str
    on_time: int = 0
    late: int = 0
    waiting: int = 0
    overdue: int = 0
    pending: int = 0
    no_deadline: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return median(self.days) if self.days else None

    @property
    def answered(self) -> int:
        """Answered items: with an approved answer, against a deadline or not."""
        return self.on_time + self.late + self.no_deadline

    @property
    def answered_with_deadline(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.answered_with_deadline, 1) if self.answered_with_deadline else None


def _agency_label(name: str | None, short: str | None) -> str:
    return short or name or str(NO_AGENCY)


# --- The one definition of answered and on time, as query conditions on an assignment (used by the statistics,
# the yearly report and the monitoring page).


def answered_assignment() -> Q:
    """Answered: Home Affairs approved the answer (the assignment is closed as answered)."""
    return Q(status=AssignmentStatus.ANSWERED)


def sent_answer() -> Q:
    """The agency sent its answer (Home Affairs may still be reviewing it)."""
    return Q(answer__state__in=SENT_ANSWER_STATES)


def sent_on():
    """The local day the agency sent its answer (an answered assignment without one: the day it was closed)."""
    sent_at = Case(When(sent_answer(), then="answer__submitted_at"), output_field=DateTimeField())
    return TruncDate(Coalesce(sent_at, Case(When(answered_assignment(), then="closed_at"))))


def assignment_outcomes(today: date) -> dict[str, Q]:
    """Each current assignment is exactly one of these on `today` (annotate `sent_on=sent_on()` first)."""
    answered, sent = answered_assignment(), Q(sent_on__isnull=False)
    return {
        "on_time": answered & Q(sent_on__lte=F("due_date")),
        "late": answered & Q(sent_on__gt=F("due_date")),
        "waiting": ~answered & sent,
        "overdue": ~answered & ~sent & Q(due_date__lt=today),
        "pending": ~answered & ~sent & Q(due_date__gte=today),
    }


def _current_assignments(conferences) -> QuerySet[Assignment]:
    return Assignment.objects.filter(petition__in=received_petitions(conferences)).current().annotate(sent_on=sent_on())


def _assignment_rows(conferences, key_fields: tuple[str, ...], today: date):
    """Assignments counted per agency (or year) and per outcome, with the day assigned and the day sent (local
    days) for the working-day spans: the rows grow with the distinct days, not with the petitions."""
    outcomes = {name: Count("id", filter=q) for name, q in assignment_outcomes(today).items()}
    return (
        _current_assignments(conferences)
        .annotate(assigned_on=TruncDate("assigned_at"))
        .values("lead_agency_id", *key_fields, "assigned_on", "sent_on")
        .annotate(n=Count("id"), **outcomes)
        .order_by()
    )


def _rank(outcome: dict[str, Q], ranked: list[tuple[str, int]]):
    return Case(*(When(outcome[name], then=Value(n)) for name, n in ranked), default=Value(0))


def _petition_rows(conferences, today: date) -> list[dict]:
    """Per year, each received petition in exactly one outcome: answered (every part approved) late (one part sent
    after its due date), on time, or without a deadline; else overdue, waiting for review, or still in time.

    The assigned petitions' assignments, grouped per petition, sum up in a code (tens: 2 late, 1 on time; units:
    3 overdue, 2 waiting, 1 pending): one row per assigned petition. The others (code 0) are counted per year in the
    database through an anti-join. Both read each assignment once: no lookup per petition of the conference."""
    outcome = assignment_outcomes(today)
    received = received_petitions(conferences)
    # Answered on the spot or imported: an approved answer without an assignment (every answered petition has
    # answers, so on time + late + no deadline is the year's answered petitions).
    spot = Answer.objects.approved_or_published().filter(assignment__isnull=True)
    undated_ids = set(spot.filter(petition__in=received).values_list("petition_id", flat=True))
    counts: Counter = Counter()
    assigned = (
        _current_assignments(conferences)
        .values("petition_id", "petition__conference__year", "petition__status")
        .annotate(
            code=Max(_rank(outcome, [("late", 2), ("on_time", 1)])) * 10
            + Max(_rank(outcome, [("overdue", 3), ("waiting", 2), ("pending", 1)]))
        )
        .order_by()
    )
    for row in assigned:
        answered = row["petition__status"] in ANSWERED_PETITION_STATES
        counts[row["petition__conference__year"], answered, row["code"], row["petition_id"] in undated_ids] += 1
    unassigned = (
        received.exclude(Exists(Assignment.objects.current().filter(petition=OuterRef("pk"))))
        .annotate(
            answered=Case(When(status__in=ANSWERED_PETITION_STATES, then=Value(True)), default=Value(False)),
            undated=Exists(spot.filter(petition=OuterRef("pk"))),
        )
        .values("conference__year", "answered", "undated")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in unassigned:
        counts[row["conference__year"], row["answered"], 0, row["undated"]] += row["n"]
    return [
        {"conference__year": year, "answered": answered, "code": code, "undated": undated, "n": n}
        for (year, answered, code, undated), n in counts.items()
    ]


def _petition_outcome(answered: bool, code: int, undated: bool) -> str | None:
    dated, still_open = divmod(code, 10)
    if answered:
        return {2: "late", 1: "on_time"}.get(dated) or ("no_deadline" if undated else None)
    return {3: "overdue", 2: "waiting", 1: "pending"}.get(still_open)


OUTCOMES = ("on_time", "late", "waiting", "overdue", "pending")


def answer_timeliness(conferences, *, today: date, by: str = "agency") -> list[Timeliness]:
    """by="agency": each lead agency's assignments (plus approved answers it gave without one, "no deadline");
    by="year": each year's petitions, so on time + late + no deadline is exactly the year's answered petitions.
    The working days to answer are counted per answer sent, either way. A fixed number of queries."""
    # Many rows share the same two days (assignments go out together): each span is counted once.
    days_between = lru_cache(maxsize=None)(workdays.current_calendar().working_days_between)
    groups: dict[object, Timeliness] = {}

    def group(key, label) -> Timeliness:
        return groups.setdefault(key, Timeliness(label=label))

    agency_fields = ("lead_agency__name", "lead_agency__short_name")
    key_fields = agency_fields if by == "agency" else ("petition__conference__year",)
    for row in _assignment_rows(conferences, key_fields, today):
        if by == "agency":
            item = group(row["lead_agency_id"], _agency_label(*(row[f] for f in agency_fields)))
            for name in OUTCOMES:
                setattr(item, name, getattr(item, name) + row[name])
        else:
            item = group(row[key_fields[0]], str(row[key_fields[0]]))
        if row["sent_on"] is not None and row["assigned_on"] is not None:
            item.days.extend([max(days_between(row["assigned_on"], row["sent_on"]), 0)] * row["n"])
    if by == "year":
        for row in _petition_rows(conferences, today):
            name = _petition_outcome(row["answered"], row["code"], row["undated"])
            if name is not None:
                item = group(row["conference__year"], str(row["conference__year"]))
                setattr(item, name, getattr(item, name) + row["n"])
        return [groups[k] for k in sorted(groups)]
    without_assignment = (
        Answer.objects.filter(petition__in=received_petitions(conferences), assignment__isnull=True)
        .approved_or_published()
        .values("agency_id", "agency__name", "agency__short_name")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in without_assignment:
        group(row["agency_id"], _agency_label(row["agency__name"], row["agency__short_name"])).no_deadline += row["n"]
    return sorted(groups.values(), key=lambda t: (-(t.answered + t.waiting + t.overdue + t.pending), t.label))


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
