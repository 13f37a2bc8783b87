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
from statistics import median

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences import workdays
from conferences.models import AdministrativeUnit, Conference, Role
from conferences.permissions import conferences_visible_to, has_role, membership_of, role_of
from petitions.models import Answer, AnswerState, Assignment, AssignmentStatus, Channel, Petition, PetitionStatus

from .models import OPEN_DIRECTIVE_STATUSES, Directive, DirectiveStatus, NoticeState

RESOLVED_STATUSES = (PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED)
SENT_ANSWER_STATES = (AnswerState.SUBMITTED, AnswerState.APPROVED, AnswerState.PUBLISHED)
NO_AGENCY = _("Chưa xác định cơ quan")

# Colours of the series, shared by the charts and the legend (Bootstrap's palette, readable on white).
GREEN, RED, ORANGE, BLUE, GREY, TEAL, NAVY = "#198754", "#dc3545", "#fd7e14", "#0d6efd", "#adb5bd", "#20c997", "#1d3557"


# 1. Who may read statistics ---------------------------------------------------------------------------------------


def can_view_statistics(user) -> bool:
    """Home Affairs, leaders and admins; each within the conferences they can see (conferences_visible_to)."""
    return has_role(user, Role.HOME_AFFAIRS, Role.LEADER, Role.ADMIN)


def statistics_conferences(user) -> QuerySet[Conference]:
    if not can_view_statistics(user):
        return Conference.objects.none()
    return conferences_visible_to(user)


def statistics_units(user) -> QuerySet[AdministrativeUnit]:
    """Organising units of the conferences the user may read statistics of (for year-over-year pages)."""
    return (
        AdministrativeUnit.objects.filter(conferences__in=statistics_conferences(user))
        .distinct()
        .order_by("tier", "name")
    )


def report_units(user) -> QuerySet[AdministrativeUnit]:
    """Units the user may draw the yearly report for: their own unit (whose report folds in everything inside it)
    and the organising units of conferences inside it; admins any organising unit or province."""
    if not can_view_statistics(user):
        return AdministrativeUnit.objects.none()
    organisers = Conference.objects.values("organising_unit")
    if role_of(user) == Role.ADMIN:
        return AdministrativeUnit.objects.filter(Q(pk__in=organisers) | Q(tier=1)).order_by("tier", "name")
    own = membership_of(user).agency.unit
    organisers = organisers.filter(organising_unit__path__startswith=own.path)
    return AdministrativeUnit.objects.filter(Q(pk=own.pk) | Q(pk__in=organisers)).order_by("tier", "name")


def can_report_for_unit(user, unit: AdministrativeUnit) -> bool:
    """The yearly report covers a unit and everything inside it, so only that unit's own staff (or admins) draw it."""
    if not can_view_statistics(user):
        return False
    if role_of(user) == Role.ADMIN:
        return True
    return unit.path.startswith(membership_of(user).agency.unit.path)


def default_unit_for(user, units: QuerySet[AdministrativeUnit]) -> AdministrativeUnit | None:
    membership = membership_of(user)
    if membership is not None:
        own = units.filter(pk=membership.agency.unit_id).first()
        if own is not None:
            return own
    return units.first()


# 2. Reads ---------------------------------------------------------------------------------------------------------


def received_petitions(conferences) -> QuerySet[Petition]:
    return Petition.objects.filter(conference__in=conferences).not_merged()


def petition_totals(conferences) -> dict:
    return received_petitions(conferences).aggregate(
        received=Count("id", distinct=True),
        resolved=Count("id", filter=Q(status__in=RESOLVED_STATUSES), distinct=True),
        published=Count("id", filter=Q(status=PetitionStatus.PUBLISHED), distinct=True),
        answered_live=Count("id", filter=Q(answers__answered_at_conference=True), distinct=True),
    )


def petitions_by_issue_group(conferences) -> list[tuple[str, int, int]]:
    """(group name, received, resolved); groups of several years are joined by name."""
    rows = (
        received_petitions(conferences)
        .values("issue_group__name")
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=RESOLVED_STATUSES)))
        .order_by("-received", "issue_group__name")
    )
    return [(r["issue_group__name"] or str(_("Chưa phân nhóm")), r["received"], r["resolved"]) for r in rows]


def petitions_by_site(conferences) -> list[tuple[str, int, int]]:
    """(bridge point, received, resolved), busiest first."""
    rows = (
        received_petitions(conferences)
        .values("bridge_point__name")
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=RESOLVED_STATUSES)))
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
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=RESOLVED_STATUSES)))
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
        .annotate(received=Count("id"), resolved=Count("id", filter=Q(status__in=RESOLVED_STATUSES)))
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


def _localdate(value) -> date | None:
    return timezone.localdate(value) if value else None


def answer_timeliness(conferences, *, today: date, by: str = "agency") -> list[Timeliness]:
    """Assignments (lead agency) against their due dates, plus approved answers given without one.

    by="agency" groups per lead agency, by="year" per conference year. Two queries and the calendar snapshot.
    """
    calendar = workdays.current_calendar()
    key_fields = ("lead_agency__name", "lead_agency__short_name") if by == "agency" else ("petition__conference__year",)
    groups: dict[object, Timeliness] = {}

    def group(key, label) -> Timeliness:
        if key not in groups:
            groups[key] = Timeliness(label=label)
        return groups[key]

    assignments = (
        Assignment.objects.filter(petition__in=received_petitions(conferences))
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .values_list("lead_agency_id", *key_fields, "assigned_at", "due_date", "answer__state", "answer__submitted_at")
    )
    for agency_id, *keys, assigned_at, due, answer_state, submitted_at in assignments:
        item = group(agency_id, _agency_label(*keys)) if by == "agency" else group(keys[0], str(keys[0]))
        sent = _localdate(submitted_at) if answer_state in SENT_ANSWER_STATES else None
        if sent is not None:
            if sent <= due:
                item.on_time += 1
            else:
                item.late += 1
            start = _localdate(assigned_at)
            if start is not None:
                item.days.append(max(calendar.working_days_between(start, sent), 0))
        elif due < today:
            item.overdue += 1
        else:
            item.pending += 1

    key_fields = ("agency__name", "agency__short_name") if by == "agency" else ("petition__conference__year",)
    without_assignment = (
        Answer.objects.filter(petition__in=received_petitions(conferences), assignment__isnull=True)
        .filter(state__in=(AnswerState.APPROVED, AnswerState.PUBLISHED))
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
            resolved=Count("petitions", filter=Q(petitions__status__in=RESOLVED_STATUSES)),
        )
        .order_by("year")
    )


# 3. Panels: a chart, its table and its XLSX sheet come from the same rows -----------------------------------------


@dataclass
class Series:
    label: str
    column: int  # index into each row (0 is the row label)
    color: str


@dataclass
class Panel:
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    chart: str = "bars"  # "bars" (horizontal, one row per label) or "columns" (vertical, years)
    series: list[Series] = field(default_factory=list)
    stacked: bool = False
    chart_limit: int = 15
    note: str = ""

    @property
    def svg(self) -> str:
        from . import charts

        return charts.render(self)

    @property
    def truncated(self) -> bool:
        return self.chart == "bars" and len(self.rows) > self.chart_limit


def _counts_panel(key, title, first_column, rows, note="") -> Panel:
    return Panel(
        key=key,
        title=title,
        columns=[first_column, str(_("Số kiến nghị")), str(_("Đã có trả lời"))],
        rows=[list(r) for r in rows],
        series=[Series(str(_("Số kiến nghị")), 1, BLUE), Series(str(_("Đã có trả lời")), 2, GREEN)],
        note=note,
    )


def _timeliness_panels(rows: list[Timeliness]) -> list[Panel]:
    overall = median_days_overall(rows)
    timeliness = Panel(
        key="tra-loi-dung-han",
        title=str(_("Trả lời đúng hạn, trễ hạn theo cơ quan")),
        columns=[
            str(_("Cơ quan")),
            str(_("Đúng hạn")),
            str(_("Trễ hạn")),
            str(_("Quá hạn chưa trả lời")),
            str(_("Đang trong hạn")),
            str(_("Không giao hạn")),
            str(_("Tỷ lệ đúng hạn (%)")),
        ],
        rows=[[r.label, r.on_time, r.late, r.overdue, r.pending, r.no_deadline, r.on_time_percent] for r in rows],
        series=[
            Series(str(_("Đúng hạn")), 1, GREEN),
            Series(str(_("Trễ hạn")), 2, RED),
            Series(str(_("Quá hạn chưa trả lời")), 3, ORANGE),
            Series(str(_("Đang trong hạn")), 4, BLUE),
            Series(str(_("Không giao hạn")), 5, GREY),
        ],
        stacked=True,
        note=str(
            _(
                "Đúng hạn: cơ quan gửi trả lời trong hạn được giao. Không giao hạn: trả lời trực tiếp tại hội nghị "
                "hoặc nhập từ văn bản, không có phân công."
            )
        ),
    )
    days_rows = [[r.label, r.median_days, len(r.days)] for r in rows if r.days]
    days = Panel(
        key="so-ngay-tra-loi",
        title=str(_("Số ngày làm việc để trả lời (trung vị)")),
        columns=[str(_("Cơ quan")), str(_("Trung vị ngày làm việc")), str(_("Số trả lời đã gửi"))],
        rows=sorted(days_rows, key=lambda r: (-r[1], r[0])),
        series=[Series(str(_("Trung vị ngày làm việc")), 1, NAVY)],
        note=(
            str(_("Trung vị chung: %(days)s ngày làm việc.")) % {"days": _number(overall)}
            if overall is not None
            else str(_("Chưa có trả lời nào được gửi theo phân công."))
        ),
    )
    return [timeliness, days]


def _tasks_panel(rows: list[TaskProgress]) -> Panel:
    return Panel(
        key="nhiem-vu",
        title=str(_("Nhiệm vụ sau kết luận theo cơ quan")),
        columns=[
            str(_("Cơ quan")),
            str(_("Đã hoàn thành")),
            str(_("Đang thực hiện")),
            str(_("Quá hạn")),
            str(_("Tổng")),
        ],
        rows=[[r.label, r.done, r.open, r.overdue, r.total] for r in rows],
        series=[
            Series(str(_("Đã hoàn thành")), 1, GREEN),
            Series(str(_("Đang thực hiện")), 2, BLUE),
            Series(str(_("Quá hạn")), 3, RED),
        ],
        stacked=True,
        note=str(_("Nhiệm vụ giao trong thông báo kết luận đã ban hành; không tính nhiệm vụ đã hủy.")),
    )


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def conference_panels(conference: Conference, *, today: date) -> list[Panel]:
    scope = Conference.objects.filter(pk=conference.pk)
    areas = petitions_by_area(scope, conference.organising_unit)
    sites = petitions_by_site(scope)
    # A district's sites are its communes: the area table would repeat the site table, so it is shown only when
    # it folds several sites together (a provincial conference read by district).
    area_panels = []
    if len(areas) < len(sites):
        area_panels.append(
            _counts_panel(
                "dia-ban",
                str(_("Kiến nghị theo địa bàn")),
                str(_("Địa bàn")),
                areas,
                note=str(_("Điểm cầu được gộp theo đơn vị hành chính trực thuộc địa phương tổ chức.")),
            )
        )
    return [
        _counts_panel(
            "nhom-van-de", str(_("Kiến nghị theo nhóm vấn đề")), str(_("Nhóm vấn đề")), petitions_by_issue_group(scope)
        ),
        *area_panels,
        _counts_panel("diem-cau", str(_("Kiến nghị theo điểm cầu")), str(_("Điểm cầu")), sites),
        _counts_panel(
            "kenh", str(_("Kiến nghị theo hình thức tiếp nhận")), str(_("Hình thức")), petitions_by_channel(scope)
        ),
        *_timeliness_panels(answer_timeliness(scope, today=today)),
        _tasks_panel(task_progress_by_agency(scope, today=today)),
    ]


def unit_panels(conferences, unit: AdministrativeUnit, *, today: date) -> list[Panel]:
    """Across years for one organising unit: year over year first, then the same breakdowns over all years."""
    years = petitions_by_year(conferences)
    timeliness_by_year = {int(t.label): t for t in answer_timeliness(conferences, today=today, by="year")}
    tasks_by_year = task_progress_by_year(conferences, today=today)
    yoy = Panel(
        key="theo-nam",
        title=str(_("Kiến nghị qua các năm")),
        columns=[str(_("Năm")), str(_("Số kiến nghị")), str(_("Đã có trả lời")), str(_("Số hội nghị"))],
        rows=[[str(y["year"]), y["received"], y["resolved"], y["conferences"]] for y in years],
        chart="columns",
        series=[Series(str(_("Số kiến nghị")), 1, BLUE), Series(str(_("Đã có trả lời")), 2, GREEN)],
    )
    yoy_answers = Panel(
        key="tra-loi-theo-nam",
        title=str(_("Trả lời đúng hạn, trễ hạn qua các năm")),
        columns=[
            str(_("Năm")),
            str(_("Đúng hạn")),
            str(_("Trễ hạn")),
            str(_("Quá hạn chưa trả lời")),
            str(_("Tỷ lệ đúng hạn (%)")),
            str(_("Trung vị ngày làm việc")),
        ],
        rows=[
            [
                str(y["year"]),
                t.on_time,
                t.late,
                t.overdue,
                t.on_time_percent,
                t.median_days,
            ]
            for y in years
            for t in [timeliness_by_year.get(y["year"], Timeliness(label=str(y["year"])))]
        ],
        chart="columns",
        series=[
            Series(str(_("Đúng hạn")), 1, GREEN),
            Series(str(_("Trễ hạn")), 2, RED),
            Series(str(_("Quá hạn chưa trả lời")), 3, ORANGE),
        ],
        stacked=True,
    )
    yoy_tasks = Panel(
        key="nhiem-vu-theo-nam",
        title=str(_("Nhiệm vụ sau kết luận qua các năm")),
        columns=[str(_("Năm")), str(_("Đã hoàn thành")), str(_("Đang thực hiện")), str(_("Quá hạn"))],
        rows=[
            [str(y["year"]), t.done, t.open, t.overdue]
            for y in years
            for t in [tasks_by_year.get(y["year"], TaskProgress(str(y["year"])))]
        ],
        chart="columns",
        series=[
            Series(str(_("Đã hoàn thành")), 1, GREEN),
            Series(str(_("Đang thực hiện")), 2, BLUE),
            Series(str(_("Quá hạn")), 3, RED),
        ],
        stacked=True,
    )
    return [
        yoy,
        yoy_answers,
        yoy_tasks,
        _counts_panel(
            "nhom-van-de",
            str(_("Kiến nghị theo nhóm vấn đề (mọi năm)")),
            str(_("Nhóm vấn đề")),
            petitions_by_issue_group(conferences),
        ),
        _counts_panel(
            "dia-ban",
            str(_("Kiến nghị theo địa bàn (mọi năm)")),
            str(_("Địa bàn")),
            petitions_by_area(conferences, unit),
        ),
        _counts_panel(
            "kenh",
            str(_("Kiến nghị theo hình thức tiếp nhận (mọi năm)")),
            str(_("Hình thức")),
            petitions_by_channel(conferences),
        ),
        *_timeliness_panels(answer_timeliness(conferences, today=today)),
        _tasks_panel(task_progress_by_agency(conferences, today=today)),
    ]


def panel_by_key(panels: list[Panel], key: str) -> Panel | None:
    return next((p for p in panels if p.key == key), None)
