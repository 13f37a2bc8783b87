"""The yearly report to the superior body (Decree 13/2021 Art. 12): "Báo cáo kết quả đối thoại và giải quyết kiến
nghị của thanh niên năm YYYY" of an organising unit, as PDF (official format) and DOCX.

1. build_yearly_report() reads everything once into a YearlyReport (a fixed number of queries whatever the size),
   through the same reads as the statistics pages (conclusions.stats), so the figures agree with them.
2. report_body() turns it into the document's parts (headings, paragraphs, dashes, tables), shared by both writers.
3. The writers reuse the notice's document engine (conclusions.documents): the same print stylesheet, bundled
   Liberation Serif, asset-only URL fetcher and page numbering for the PDF; the same Decree 30/2020 header, signature
   and "Nơi nhận" blocks for the DOCX. So the report looks like the notice, on paper and in Word.

The report covers the conferences held that year by the unit and by every unit inside it (a province folds in its
districts' dialogues). Without a number and a date it is a draft: "Số:       /BC-UBND", the day left blank and
"DỰ THẢO" on the page, for the clerk to register and sign.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.text import slugify
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from conferences.models import AdministrativeUnit, Agency, AgencyKind, Conference, ConferenceStatus, UnitKind
from petitions.models import OPEN_ASSIGNMENT_STATUSES, Assignment, PetitionStatus

from . import stats
from .documents import CONTENT_TYPES
from .documents.docx import NoticeDocx
from .documents.text import Span, archive_line, number_label, place_date, recipient_lines, short_date
from .models import OPEN_DIRECTIVE_STATUSES, ConclusionNotice, DeadlineKind, Directive, NoticeState

HELD_STATUSES = (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED, ConferenceStatus.ARCHIVED)
RESOLVED = (PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED)
REPORT_SYMBOL = "BC-UBND"
REPORT_FORMATS = ("pdf", "docx")


# 1. The figures -----------------------------------------------------------------------------------------------------


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
    median_days: float | None
    tasks_by_agency: list[stats.TaskProgress]
    carry_over: list[CarryOver]
    unresolved_by_agency: list[tuple[str, int]]
    superior: str
    recipients: list[str] = field(default_factory=list)

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


def build_yearly_report(
    *,
    unit: AdministrativeUnit,
    year: int,
    today: date,
    report_date: date | None = None,
    number: int | None = None,
    signer_name: str = "",
) -> YearlyReport:
    in_area = Conference.objects.filter(organising_unit__path__startswith=unit.path, year=year)
    held = in_area.filter(status__in=HELD_STATUSES)
    conferences = list(
        held.select_related("organising_unit")
        .annotate(
            site_count=Count("bridge_points", distinct=True),
            received=Count("petitions", filter=~Q(petitions__status=PetitionStatus.MERGED), distinct=True),
            resolved=Count("petitions", filter=Q(petitions__status__in=RESOLVED), distinct=True),
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
    by_agency = stats.answer_timeliness(held, today=today)
    open_tasks = (
        Directive.objects.filter(
            notice__conference__in=held, notice__state=NoticeState.ISSUED, status__in=OPEN_DIRECTIVE_STATUSES
        )
        .select_related("agency")
        .order_by("agency__name", "due_date", "position")
    )
    unresolved = (
        Assignment.objects.filter(petition__conference__in=held, status__in=OPEN_ASSIGNMENT_STATUSES)
        .exclude(petition__status__in=(*RESOLVED, PetitionStatus.MERGED))
        .values("lead_agency__name", "lead_agency__short_name")
        .annotate(n=Count("petition", distinct=True))
        .order_by("-n", "lead_agency__name")
    )
    own = [c for c in conferences if c.organising_unit_id == unit.pk]
    superior, recipients = _superior_and_recipients(unit)
    return YearlyReport(
        unit=unit,
        year=year,
        day=report_date or today,
        number=number,
        is_draft=not (number and report_date),
        signer_name=signer_name or (own[-1].chair_name if own else ""),
        conferences=lines,
        planned=in_area.exclude(status__in=HELD_STATUSES).count(),
        totals=stats.petition_totals(held),
        by_group=stats.petitions_by_issue_group(held),
        by_agency=by_agency,
        median_days=stats.median_days_overall(by_agency),
        tasks_by_agency=stats.task_progress_by_agency(held, today=today),
        carry_over=[
            CarryOver(
                agency=(d.agency.short_name or d.agency.name) if d.agency else d.heading,
                text=d.text,
                due=d.due_date,
                next_conference=d.deadline_kind == DeadlineKind.NEXT_CONFERENCE,
            )
            for d in open_tasks
        ],
        unresolved_by_agency=[(r["lead_agency__short_name"] or r["lead_agency__name"], r["n"]) for r in unresolved],
        superior=superior,
        recipients=recipients,
    )


# 2. The document's parts ------------------------------------------------------------------------------------------


@dataclass
class Part:
    """kind: heading (bold), para (justified, indented), dash ('- ' item), table (columns, widths mm, rows)."""

    kind: str
    text: str = ""
    columns: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _n(value: int) -> str:
    """Counts as official reports write them: two digits below ten ('01 hội nghị')."""
    return f"{value:02d}" if 0 < value < 10 else str(value)


def _d(day: date | None) -> str:
    """'12/4/2024' as official texts cite dates (Decree 30/2020: day below 10 and months 1-2 with a zero)."""
    return short_date(day) if day else ""


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{100 * part / whole:.1f}".replace(".", ",").removesuffix(",0") + "%"


def _days(value: float | None) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") if value is not None else ""


def report_body(r: YearlyReport) -> list[Part]:
    committee = f"Ủy ban nhân dân {r.area}"
    parts = [
        Part(
            "para",
            "Thực hiện Luật Thanh niên năm 2020 và Nghị định số 13/2021/NĐ-CP ngày 01/3/2021 của Chính phủ quy định về "
            f"đối thoại với thanh niên, {committee} báo cáo kết quả đối thoại và giải quyết ý kiến, kiến nghị của "
            f"thanh niên năm {r.year} như sau:",
        ),
        Part("heading", "I. KẾT QUẢ TỔ CHỨC ĐỐI THOẠI"),
    ]
    if r.conferences:
        parts.append(
            Part(
                "para",
                f"Năm {r.year}, trên địa bàn {r.area} đã tổ chức {_n(len(r.conferences))} hội nghị đối thoại giữa "
                "Chủ tịch Ủy ban nhân dân với thanh niên, cụ thể:",
            )
        )
        for c in r.conferences:
            held = f"tổ chức ngày {_d(c.held_on)}, " if c.held_on else ""
            text = f"{c.title}: {held}hình thức {c.form}, {_n(c.sites)} điểm cầu"
            if c.theme:
                text += f"; chủ đề “{c.theme}”"
            text += f"; tiếp nhận {_n(c.received)} ý kiến, kiến nghị, đã trả lời {_n(c.resolved)}"
            if c.notice_number:
                text += f"; Thông báo kết luận số {c.notice_number} ngày {_d(c.notice_date)}"
            parts.append(Part("dash", text + ";"))
    else:
        parts.append(
            Part("para", f"Năm {r.year}, trên địa bàn {r.area} chưa tổ chức hội nghị đối thoại với thanh niên.")
        )
    if r.planned:
        parts.append(Part("para", f"Ngoài ra, {_n(r.planned)} hội nghị đang trong giai đoạn chuẩn bị, chưa tổ chức."))

    t = r.totals
    parts += [
        Part("heading", "II. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ CỦA THANH NIÊN"),
        Part("heading", "1. Kết quả chung"),
        Part(
            "para",
            f"Tổng số ý kiến, kiến nghị, đề xuất của thanh niên được tiếp nhận: {_n(t['received'])}; trong đó đã "
            f"được trả lời, giải quyết: {_n(t['resolved'])} (đạt {_percent(t['resolved'], t['received'])}), đang "
            f"giải quyết: {_n(t['received'] - t['resolved'])}. Số ý kiến được trả lời trực tiếp tại hội nghị: "
            f"{_n(t['answered_live'])}; đã công bố công khai: {_n(t['published'])}.",
        ),
    ]
    if r.by_group:
        parts += [
            Part("heading", "2. Theo nhóm vấn đề"),
            Part(
                "table",
                columns=["TT", "Nhóm vấn đề", "Số ý kiến, kiến nghị", "Đã trả lời, giải quyết"],
                widths=[12, 93, 30, 30],
                rows=[[str(i), name, str(n), str(done)] for i, (name, n, done) in enumerate(r.by_group, start=1)]
                + [["", "Tổng số", str(t["received"]), str(t["resolved"])]],
            ),
        ]
    if r.by_agency:
        parts += [
            Part("heading", "3. Theo cơ quan giải quyết"),
            Part(
                "table",
                columns=["TT", "Cơ quan", "Đúng hạn", "Trễ hạn", "Quá hạn", "Đang trong hạn", "Không giao hạn"],
                widths=[12, 63, 18, 18, 18, 18, 18],
                rows=[
                    [str(i), a.label, str(a.on_time), str(a.late), str(a.overdue), str(a.pending), str(a.no_deadline)]
                    for i, a in enumerate(r.by_agency, start=1)
                ],
            ),
        ]
        if r.median_days is not None:
            parts.append(
                Part(
                    "para",
                    "Thời gian trả lời (tính từ ngày giao đến ngày cơ quan gửi trả lời, theo ngày làm việc): trung vị "
                    f"{_days(r.median_days)} ngày làm việc.",
                )
            )

    tasks = r.task_totals
    parts.append(Part("heading", "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ SAU ĐỐI THOẠI"))
    if r.tasks_by_agency:
        parts += [
            Part(
                "para",
                f"Thông báo kết luận giao {_n(tasks.total)} nhiệm vụ cho các cơ quan, đơn vị; đã hoàn thành "
                f"{_n(tasks.done)}, đang thực hiện {_n(tasks.open)}, quá hạn chưa hoàn thành {_n(tasks.overdue)}.",
            ),
            Part(
                "table",
                columns=["TT", "Cơ quan, đơn vị", "Đã hoàn thành", "Đang thực hiện", "Quá hạn", "Tổng số"],
                widths=[12, 73, 20, 20, 20, 20],
                rows=[
                    [str(i), a.label, str(a.done), str(a.open), str(a.overdue), str(a.total)]
                    for i, a in enumerate(r.tasks_by_agency, start=1)
                ]
                + [["", "Tổng số", str(tasks.done), str(tasks.open), str(tasks.overdue), str(tasks.total)]],
            ),
        ]
    else:
        parts.append(Part("para", "Thông báo kết luận không giao nhiệm vụ cụ thể cho các cơ quan, đơn vị."))

    parts.append(Part("heading", "IV. NHỮNG NỘI DUNG CHUYỂN TIẾP SANG NĂM SAU"))
    if r.carry_over or r.unresolved_by_agency:
        for item in r.carry_over:
            when = (
                "thực hiện tại hội nghị đối thoại năm sau"
                if item.next_conference
                else (f"hạn {_d(item.due)}" if item.due else "chưa ấn định thời hạn")
            )
            parts.append(Part("dash", f"{item.agency}: {item.text.strip().rstrip('.;')} ({when});"))
        for agency, n in r.unresolved_by_agency:
            parts.append(Part("dash", f"{agency}: còn {_n(n)} ý kiến, kiến nghị của thanh niên đang giải quyết;"))
    else:
        parts.append(
            Part("para", "Không có nội dung chuyển tiếp: các ý kiến, kiến nghị và nhiệm vụ đã được giải quyết.")
        )
    parts.append(
        Part("para", f"{committee} báo cáo {r.superior} (qua Sở Nội vụ) theo quy định./.")
        if r.unit.parent is not None
        else Part("para", f"{committee} báo cáo Bộ Nội vụ theo quy định./.")
    )
    return parts


# 3. The writers ---------------------------------------------------------------------------------------------------


@dataclass
class ReportHead:
    """The header, title and signature blocks in the shape the notice writers read (NoticeContent's fields)."""

    is_draft: bool
    body_lines: list[str]
    number_line: str
    place_date: str
    title_lines: list[str]
    recipients: list[str]
    archive: list[Span]
    signature_lines: list[str]
    signer_name: str
    pdf_title: str
    author: str
    party: bool = False
    doc_type: str = "BÁO CÁO"
    appendix: None = None


def report_head(r: YearlyReport) -> ReportHead:
    return ReportHead(
        is_draft=r.is_draft,
        body_lines=["ỦY BAN NHÂN DÂN", r.unit.full_name.upper()],
        number_line=f"Số: {number_label(r.number if not r.is_draft else None, REPORT_SYMBOL)}",
        place_date=place_date(r.unit.name, r.day, blank_day=r.is_draft),
        title_lines=[r.title],
        recipients=r.recipients,
        archive=archive_line("NV"),
        signature_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name=r.signer_name,
        pdf_title=f"Báo cáo {r.title[:1].lower()}{r.title[1:]} – {r.unit.full_name}",
        author=f"Ủy ban nhân dân {r.area}",
    )


class YearlyReportPdf:
    """`YearlyReportPdf(report).render() -> bytes`: laid out like the notice, numbered from page 2."""

    template_name = "conclusions/reports/yearly_report.html"

    def __init__(self, report: YearlyReport):
        self.report = report
        self.page_count = 0

    def html(self) -> str:
        return render_to_string(
            self.template_name, {"c": report_head(self.report), "r": self.report, "parts": report_body(self.report)}
        )

    def render(self) -> bytes:
        from pypdf import PdfReader, PdfWriter

        from .documents.pagenumbers import PageNumberer
        from .documents.parallel import html_to_pdf

        head = report_head(self.report)
        writer = PdfWriter()
        numberer = PageNumberer(writer)
        for number, page in enumerate(PdfReader(io.BytesIO(html_to_pdf(self.html()))).pages, start=1):
            added = writer.add_page(page)
            if number > 1:
                numberer.stamp(added, number)
        writer.add_metadata(
            {"/Title": head.pdf_title, "/Author": head.author, "/Creator": "Cổng đối thoại với thanh niên"}
        )
        self.page_count = len(writer.pages)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


class YearlyReportDocx(NoticeDocx):
    """`YearlyReportDocx(report).render() -> bytes`: the notice's Word writer (header, signature, margins, page
    numbers, Times New Roman) with the report's body in place of the notice's."""

    def __init__(self, report: YearlyReport):
        super().__init__(report_head(report))
        self.report = report

    def _table(self, part: Part) -> None:
        table = self.doc.add_table(rows=1, cols=len(part.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        repeat = OxmlElement("w:tblHeader")  # the column titles repeat on every page
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, title in zip(header.cells, part.columns, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, title, size=12, bold=True)
        for row in part.rows:
            total = row[1] == "Tổng số"
            for index, (cell, value) in enumerate(zip(table.add_row().cells, row, strict=True)):
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_after = Pt(0)
                self._run(paragraph, value, size=12, bold=total)
        self._fixed_widths(table, part.widths)
        self._para(after=0)

    def _report_body(self) -> None:
        for part in report_body(self.report):
            if part.kind == "heading":
                self._para(text=part.text, bold=True)
            elif part.kind == "dash":
                self._para(text=f"- {part.text}")
            elif part.kind == "table":
                self._table(part)
            else:
                self._para(text=part.text)

    def _document(self) -> None:
        self._report_body()
        self._signature()


def render(report: YearlyReport, fmt: str) -> tuple[bytes, str]:
    """The report as bytes in one of REPORT_FORMATS, with its content type."""
    if fmt == "pdf":
        return YearlyReportPdf(report).render(), CONTENT_TYPES["pdf"]
    if fmt == "docx":
        return YearlyReportDocx(report).render(), CONTENT_TYPES["docx"]
    raise ValueError(f"unknown report format {fmt!r}")
