"""The yearly report to the superior body (Decree 13/2021 Art. 12): "Báo cáo kết quả đối thoại và giải quyết kiến
nghị của thanh niên năm YYYY" of an organising unit, as PDF (official format) and DOCX.

1. build_yearly_report() (here) reads everything once into a YearlyReport (a fixed number of queries whatever the
   size), through the same reads as the statistics pages (conclusions.stats.figures), so the figures agree.
2. report_body() (body) turns it into the document's parts (headings, paragraphs, dashes, tables).
3. The writers (writers) reuse the notice's document engine (conclusions.notices.documents), so the report looks
   like the notice, on paper and in Word.

The report covers the conferences held that year by the unit and by every unit inside it (a province folds in its
districts' dialogues). Without a number and a date it is a draft: "Số:       /BC-UBND", the day left blank and
"DỰ THẢO" on the page, for the clerk to register and sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from conferences.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    BridgePoint,
    Conference,
    ConferenceStatus,
    UnitKind,
)
from petitions.models import (
    ANSWERED_PETITION_STATES,
    OPEN_ASSIGNMENT_STATUSES,
    Assignment,
    Petition,
    PetitionStatus,
)

from ...errors import Refused
from ...models import OPEN_DIRECTIVE_STATUSES, ConclusionNotice, Directive, NoticeState
from ...notices.documents.text import number_label, recipient_lines
from ...notices.signature import signature_problems
from .. import figures as stats

HELD_STATUSES = (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED, ConferenceStatus.ARCHIVED)
REPORT_AUTHORITY = "TM. ỦY BAN NHÂN DÂN"
REPORT_SIGNER_TITLE = "CHỦ TỊCH"


@dataclass
class ConferenceLine:
    title: str
    held_on: date | None
    form: str
    theme: str
    sites: int
    received: int
    resolved: int
    notice_number: str
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
    day: date  # the report's date (planned, for a draft)
    number: int | None
    is_draft: bool
    signer_name: str
    conferences: list[ConferenceLine]
    planned: int
    totals: dict
    by_group: list[tuple[str, int, int]]
    by_agency: list[stats.Timeliness]
    answered: stats.Timeliness  # the year's petitions: on time + late + no deadline = totals["resolved"]
    median_days: float | None
    tasks_by_agency: list[stats.TaskProgress]
    carry_over: list[CarryOver]
    unresolved_by_agency: list[tuple[str, int]]
    superior: str
    recipients: list[str] = field(default_factory=list)
    signer_title: str = "CHỦ TỊCH"
    authority: str = "TM. ỦY BAN NHÂN DÂN"

    @property
    def title(self) -> str:
        return f"Kết quả đối thoại và giải quyết kiến nghị của thanh niên năm {self.year}"

    @property
    def area(self) -> str:
        """'huyện Tràng Định', 'tỉnh Lạng Sơn' as the body text writes the area."""
        name = self.unit.full_name
        return name[:1].lower() + name[1:]

    @property
    def task_totals(self) -> stats.TaskProgress:
        total = stats.TaskProgress(label="Tổng số")
        for row in self.tasks_by_agency:
            total.done, total.open, total.overdue = (
                total.done + row.done,
                total.open + row.open,
                total.overdue + row.overdue,
            )
        return total

    def filename(self, fmt: str) -> str:
        prefix = "du-thao-" if self.is_draft else ""
        return f"{prefix}bao-cao-doi-thoai-thanh-nien-{self.year}-{slugify(self.unit.name) or self.unit.pk}.{fmt}"


def _people_committee(unit: AdministrativeUnit | None) -> Agency | None:
    if unit is None:
        return None
    return Agency.objects.filter(unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE).order_by("pk").first()


def _level_word(unit: AdministrativeUnit) -> str:
    if unit.kind in (UnitKind.CENTRAL_CITY, UnitKind.PROVINCIAL_CITY):
        return "thành phố"
    return str(UnitKind(unit.kind).label).lower()


def _superior_and_recipients(unit: AdministrativeUnit) -> tuple[str, list[str]]:
    """The body the report goes to, then the usual list: the unit's leaders, Home Affairs, the Youth Union."""
    committee = _people_committee(unit.parent)
    if committee is not None:
        superior = committee.short_name or committee.name
    elif unit.parent is not None:
        superior = f"UBND {unit.parent.full_name[:1].lower()}{unit.parent.full_name[1:]}"
    else:
        superior = "Bộ Nội vụ"
    local = list(Agency.objects.filter(unit=unit).exclude(kind=AgencyKind.PEOPLES_COMMITTEE).order_by("name"))
    home_affairs = [a.name for a in local if "nội vụ" in a.name.lower()]
    youth = [a.name for a in local if a.kind == AgencyKind.YOUTH_UNION]
    lines = [f"{superior} (b/c)", f"Chủ tịch, các PCT UBND {_level_word(unit)}", *home_affairs, *youth]
    return superior, recipient_lines("\n".join(lines))


def _count(rows):
    counted = rows.order_by().values("conference").annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _conference_lines(held) -> tuple[list, list[ConferenceLine], dict[int, ConclusionNotice]]:
    """The conferences held (with sites, received and resolved counts) and their issued notices: two queries."""
    # Correlated counts: joining sites and petitions in one GROUP BY would multiply them (232 x 2,500 rows).
    petitions = Petition.objects.filter(conference=OuterRef("pk"))
    conferences = list(
        held.select_related("organising_unit")
        .annotate(
            site_count=_count(BridgePoint.objects.filter(conference=OuterRef("pk"))),
            received=_count(petitions.exclude(status=PetitionStatus.MERGED)),
            resolved=_count(petitions.filter(status__in=ANSWERED_PETITION_STATES)),
        )
        .order_by("organising_unit__tier", "held_on", "title")
    )
    notices: dict[int, ConclusionNotice] = {}
    for notice in ConclusionNotice.objects.filter(conference__in=held, state=NoticeState.ISSUED).order_by("-revision"):
        notices.setdefault(notice.conference_id, notice)
    lines = [
        ConferenceLine(
            title=c.title,
            held_on=c.held_on or c.planned_date,
            form=str(c.get_form_display()).lower(),
            theme=c.theme,
            sites=c.site_count,
            received=c.received,
            resolved=c.resolved,
            notice_number=number_label(notices[c.pk].number, notices[c.pk].symbol) if c.pk in notices else "",
            notice_date=notices[c.pk].issue_date if c.pk in notices else None,
        )
        for c in conferences
    ]
    return conferences, lines, notices


def _chair(own: list, notices: dict[int, ConclusionNotice]) -> str:
    """Who signs for the committee: the chair named on the unit's latest conference, else the chair who signed
    its latest issued notice on behalf of the committee (TM. ... / CHỦ TỊCH)."""
    for conference in reversed(own):
        if conference.chair_name.strip():
            return conference.chair_name.strip()
        notice = notices.get(conference.pk)
        if notice and notice.signature_authority == "TM." and notice.signer_title.strip().upper() == "CHỦ TỊCH":
            return notice.signer_name.strip()
    return ""


def _carry_over(held) -> list[CarryOver]:
    """Tasks of the year's notices still open: they carry over to next year."""
    open_tasks = (
        Directive.objects.filter(
            notice__conference__in=held, notice__state=NoticeState.ISSUED, status__in=OPEN_DIRECTIVE_STATUSES
        )
        .select_related("agency")
        .order_by("agency__name", "due_date", "position")
    )
    return [
        CarryOver(
            agency=(d.agency.short_name or d.agency.name) if d.agency else d.heading,
            text=d.text,
            due=d.due_date,
            next_conference=d.follows_next_conference,
        )
        for d in open_tasks
    ]


def _unresolved_by_agency(held) -> list[tuple[str, int]]:
    unresolved = (
        Assignment.objects.filter(petition__conference__in=held, status__in=OPEN_ASSIGNMENT_STATUSES)
        .exclude(petition__status__in=(*ANSWERED_PETITION_STATES, PetitionStatus.MERGED))
        .values("lead_agency__name", "lead_agency__short_name")
        .annotate(n=Count("petition", distinct=True))
        .order_by("-n", "lead_agency__name")
    )
    return [(r["lead_agency__short_name"] or r["lead_agency__name"], r["n"]) for r in unresolved]


def build_yearly_report(
    *,
    unit: AdministrativeUnit,
    year: int,
    today: date,
    report_date: date | None = None,
    number: int | None = None,
    signer_name: str = "",
    signer_title: str = REPORT_SIGNER_TITLE,
    authority: str = REPORT_AUTHORITY,
) -> YearlyReport:
    """The report's figures, read once (a fixed number of queries) through the statistics' own reads.

    With a number and a date the report is issued: it must name its signer and title (the notice's own check,
    conclusions.notices.signature), else `Refused` says what is missing."""
    in_area = Conference.objects.filter(organising_unit__path__startswith=unit.path, year=year)
    held = in_area.filter(status__in=HELD_STATUSES)
    conferences, lines, notices = _conference_lines(held)
    own = [c for c in conferences if c.organising_unit_id == unit.pk]
    signer = (signer_name or _chair(own, notices)).strip()
    is_draft = not (number and report_date)
    problems = [] if is_draft else signature_problems(name=signer, title=signer_title)
    if problems:
        raise Refused(" ".join(problems))
    by_agency = stats.answer_timeliness(held, today=today)
    by_year = stats.answer_timeliness(held, today=today, by="year")
    superior, recipients = _superior_and_recipients(unit)
    return YearlyReport(
        unit=unit,
        year=year,
        day=report_date or today,
        number=number,
        is_draft=is_draft,
        signer_name=signer,
        signer_title=signer_title.strip(),
        authority=authority.strip(),
        conferences=lines,
        planned=in_area.exclude(status__in=HELD_STATUSES).count(),
        totals=stats.petition_totals(held),
        by_group=stats.petitions_by_issue_group(held),
        by_agency=by_agency,
        answered=by_year[0] if by_year else stats.Timeliness(label=str(year)),
        median_days=stats.median_days_overall(by_agency),
        tasks_by_agency=stats.task_progress_by_agency(held, today=today),
        carry_over=_carry_over(held),
        unresolved_by_agency=_unresolved_by_agency(held),
        superior=superior,
        recipients=recipients,
    )
