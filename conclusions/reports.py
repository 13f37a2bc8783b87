"""The yearly report to the superior body (Decree 13/2021 Art. 12): "Báo cáo kết quả đối thoại và giải quyết kiến
nghị của thanh niên năm YYYY" of an organising unit, as PDF (official format) and DOCX.

build_yearly_report() reads everything once into a YearlyReport (a fixed number of queries whatever the size);
the renderers only lay it out, so the PDF, the DOCX and the tests see the same figures. The report covers the
conferences held that year by the unit and by every unit inside it (a province folds in its districts' dialogues).
The document is produced as a draft for the clerk: the number and the day stay blank until it is registered and
signed (Decree 30/2020: "Số:    /BC-UBND"), unless a date is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from conferences.models import AdministrativeUnit, Agency, AgencyKind, Conference, ConferenceStatus, UnitKind
from petitions.models import OPEN_ASSIGNMENT_STATUSES, Assignment, PetitionStatus

from . import stats
from .models import OPEN_DIRECTIVE_STATUSES, DeadlineKind, Directive, NoticeState

HELD_STATUSES = (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED, ConferenceStatus.ARCHIVED)
REPORT_SYMBOL = "BC-UBND"


@dataclass
class ConferenceLine:
    title: str
    held_on: date | None
    form: str
    theme: str
    sites: int
    received: int
    resolved: int
    notice_label: str
    notice_date: date | None


@dataclass
class CarryOver:
    agency: str
    text: str
    due: date | None
    next_conference: bool


@dataclass
class YearlyReport:
    unit: AdministrativeUnit
    year: int
    issuing_body_lines: list[str]
    place: str
    report_date: date | None
    drafted_in: int
    signer_name: str
    conferences: list[ConferenceLine]
    planned: int
    totals: dict
    by_group: list[tuple[str, int, int]]
    by_agency: list[stats.Timeliness]
    median_days: float | None
    tasks_by_agency: list[stats.TaskProgress]
    carry_over: list[CarryOver]
    unresolved_by_agency: list[tuple[str, int]]
    recipients: list[str] = field(default_factory=list)
    signature_authority: str = "TM."
    signature_authority_line: str = "ỦY BAN NHÂN DÂN"
    signer_title: str = "CHỦ TỊCH"

    # Wording --------------------------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return f"Kết quả đối thoại và giải quyết kiến nghị của thanh niên năm {self.year}"

    @property
    def full_title(self) -> str:
        return f"Báo cáo kết quả đối thoại và giải quyết kiến nghị của thanh niên năm {self.year}"

    @property
    def number_label(self) -> str:
        return f"Số:      /{REPORT_SYMBOL}"

    @property
    def date_line(self) -> str:
        """'Tràng Định, ngày 05 tháng 01 năm 2025' (Decree 30: day < 10 and months 1-2 with a leading zero)."""
        if self.report_date is None:
            return f"{self.place}, ngày      tháng      năm {self.drafted_in}"
        d = self.report_date
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        return f"{self.place}, ngày {d.day:02d} tháng {month} năm {d.year}"

    @property
    def task_totals(self) -> stats.TaskProgress:
        total = stats.TaskProgress(label=_("Tổng"))
        for row in self.tasks_by_agency:
            total.done += row.done
            total.open += row.open
            total.overdue += row.overdue
        return total

    @property
    def answer_totals(self) -> stats.Timeliness:
        total = stats.Timeliness(label=_("Tổng"))
        for row in self.by_agency:
            total.on_time += row.on_time
            total.late += row.late
            total.overdue += row.overdue
            total.pending += row.pending
            total.no_deadline += row.no_deadline
            total.days.extend(row.days)
        return total

    @property
    def resolved_percent(self) -> str:
        received = self.totals["received"]
        if not received:
            return "0"
        return f"{100 * self.totals['resolved'] / received:.1f}".replace(".", ",").removesuffix(",0")

    @property
    def unit_phrase(self) -> str:
        """'huyện Tràng Định', 'tỉnh Lạng Sơn' as the body text writes the area."""
        return self.unit.full_name[0].lower() + self.unit.full_name[1:]

    def filename(self, extension: str) -> str:
        from django.utils.text import slugify

        return f"bao-cao-doi-thoai-thanh-nien-{self.year}-{slugify(self.unit.name) or self.unit.pk}.{extension}"


def _people_committee(unit: AdministrativeUnit | None) -> Agency | None:
    if unit is None:
        return None
    return Agency.objects.filter(unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE).order_by("pk").first()


def _issuing_body_lines(unit: AdministrativeUnit) -> list[str]:
    return ["ỦY BAN NHÂN DÂN", unit.full_name.upper()]


def _recipients(unit: AdministrativeUnit) -> list[str]:
    """The superior body first (the report goes to it), then the unit's Home Affairs and Youth Union, the archive."""
    lines = []
    superior = _people_committee(unit.parent)
    if superior is not None:
        lines.append(f"{superior.short_name or superior.name} (b/c)")
    elif unit.parent is not None:
        lines.append(f"UBND {unit.parent.full_name.lower()} (b/c)")
    else:
        lines.append("Bộ Nội vụ (b/c)")
    local = Agency.objects.filter(unit=unit).exclude(kind=AgencyKind.PEOPLES_COMMITTEE).order_by("name")
    home_affairs = [a for a in local if "nội vụ" in a.name.lower()]
    youth = [a for a in local if a.kind == AgencyKind.YOUTH_UNION]
    level = {UnitKind.CENTRAL_CITY: "thành phố", UnitKind.PROVINCIAL_CITY: "thành phố"}.get(
        unit.kind, str(UnitKind(unit.kind).label).lower()
    )
    lines.append(f"Chủ tịch, các PCT UBND {level}")
    lines.extend(a.name for a in home_affairs + youth)
    lines.append("Lưu: VT, NV.")
    return lines


def build_yearly_report(
    *, unit: AdministrativeUnit, year: int, report_date: date | None = None, signer_name: str = "", today=None
) -> YearlyReport:
    today = today or date.today()
    in_area = Conference.objects.filter(organising_unit__path__startswith=unit.path, year=year)
    held = in_area.filter(status__in=HELD_STATUSES)
    planned = in_area.exclude(status__in=HELD_STATUSES).count()

    # 1. One line per conference held, with its counts and its current issued notice.
    lines = []
    rows = (
        held.select_related("organising_unit")
        .annotate(
            site_count=Count("bridge_points", distinct=True),
            received=Count("petitions", filter=~Q(petitions__status=PetitionStatus.MERGED), distinct=True),
            resolved=Count(
                "petitions",
                filter=Q(petitions__status__in=(PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED)),
                distinct=True,
            ),
        )
        .order_by("organising_unit__tier", "held_on", "title")
    )
    conferences = list(rows)
    notices = {}
    from .models import ConclusionNotice

    for notice in ConclusionNotice.objects.filter(conference__in=conferences, state=NoticeState.ISSUED):
        notices.setdefault(notice.conference_id, notice)
    for c in conferences:
        notice = notices.get(c.pk)
        lines.append(
            ConferenceLine(
                title=c.title,
                held_on=c.held_on or c.planned_date,
                form=str(c.get_form_display()),
                theme=c.theme,
                sites=c.site_count,
                received=c.received,
                resolved=c.resolved,
                notice_label=notice.number_label.strip() if notice else "",
                notice_date=notice.issue_date if notice else None,
            )
        )

    # 2. Petitions, answers and tasks through the same reads as the statistics pages.
    totals = stats.petition_totals(held)
    by_agency = stats.answer_timeliness(held, today=today)
    tasks = stats.task_progress_by_agency(held, today=today)

    # 3. What carries over: open tasks (with those deferred to next year's dialogue) and unresolved petitions.
    carry = []
    open_tasks = (
        Directive.objects.filter(
            notice__conference__in=held, notice__state=NoticeState.ISSUED, status__in=OPEN_DIRECTIVE_STATUSES
        )
        .select_related("agency")
        .order_by("agency__name", "due_date", "position")
    )
    for d in open_tasks:
        carry.append(
            CarryOver(
                agency=(d.agency.short_name or d.agency.name) if d.agency else d.heading,
                text=d.text,
                due=d.due_date,
                next_conference=d.deadline_kind == DeadlineKind.NEXT_CONFERENCE,
            )
        )
    unresolved = (
        Assignment.objects.filter(petition__conference__in=held, status__in=OPEN_ASSIGNMENT_STATUSES)
        .exclude(petition__status__in=(PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED, PetitionStatus.MERGED))
        .values("lead_agency__name", "lead_agency__short_name")
        .annotate(n=Count("petition", distinct=True))
        .order_by("-n", "lead_agency__name")
    )
    latest = max(conferences, key=lambda c: (c.organising_unit_id == unit.pk, c.held_on or date.min), default=None)
    return YearlyReport(
        unit=unit,
        year=year,
        issuing_body_lines=_issuing_body_lines(unit),
        place=unit.name,
        report_date=report_date,
        drafted_in=(report_date or today).year,
        signer_name=signer_name or (latest.chair_name if latest and latest.organising_unit_id == unit.pk else ""),
        conferences=lines,
        planned=planned,
        totals=totals,
        by_group=stats.petitions_by_issue_group(held),
        by_agency=by_agency,
        median_days=stats.median_days_overall(by_agency),
        tasks_by_agency=tasks,
        carry_over=carry,
        unresolved_by_agency=[(r["lead_agency__short_name"] or r["lead_agency__name"], r["n"]) for r in unresolved],
        recipients=_recipients(unit),
    )


def render(report: YearlyReport, fmt: str) -> tuple[bytes, str]:
    raise NotImplementedError
