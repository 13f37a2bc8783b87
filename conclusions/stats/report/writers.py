"""The yearly report as PDF and DOCX, written by the notice's document engine: the same print stylesheet, bundled
Liberation Serif, asset-only URL fetcher, page numbering and archival form (tagged PDF/A) for the PDF; the same
Decree 30/2020 header, signature and "Nơi nhận" blocks for the DOCX. So the report looks like the notice, on paper
and in Word."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ...notices.documents.archival import ArchivalPdf, DocumentInfo
from ...notices.documents.docx import TABLE_PITCH, NoticeDocx, keep_with_next, pitch
from ...notices.documents.formats import CONTENT_TYPES
from ...notices.documents.pagenumbers import PageNumberer
from ...notices.documents.parallel import html_to_pdf
from ...notices.documents.text import Span, archive_line, number_label, place_date
from .body import Part, report_body
from .figures import YearlyReport

REPORT_SYMBOL = "BC-UBND"
REPORT_FORMATS = ("pdf", "docx")


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
        signature_lines=[line.upper() for line in (r.authority, r.signer_title) if line],
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
        head = report_head(self.report)
        archive = ArchivalPdf(DocumentInfo(title=head.pdf_title, author=head.author))
        numberer = PageNumberer(archive.pdf)
        for number, added in enumerate(archive.add(html_to_pdf(self.html())), start=1):
            if number > 1:
                numberer.stamp(added, number)
        self.page_count = archive.page_count
        return archive.write()


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
            pitch(paragraph, 12, TABLE_PITCH)
            self._run(paragraph, title, size=12, bold=True)
        for row in part.rows:
            total = row[1] == "Tổng số"
            for index, (cell, value) in enumerate(zip(table.add_row().cells, row, strict=True)):
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_after = Pt(0)
                pitch(paragraph, 12, TABLE_PITCH)
                self._run(paragraph, value, size=12, bold=total)
        self._fixed_widths(table, part.widths)
        self._para(after=0)

    def _report_body(self) -> None:
        for part in report_body(self.report):
            if part.kind == "heading":
                keep_with_next(self._para(text=part.text, bold=True))  # as the PDF: never alone at a page foot
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
