"""The minutes as a Word file: A4 landscape, Times New Roman, one table row per question (python-docx escapes text)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import Minutes

FONT = "Times New Roman"
# (header, width mm): 267 mm of text on landscape A4 with 15 mm margins.
COLUMNS = [
    ("TT", 10),
    ("Thời gian", 16),
    ("Điểm cầu", 30),
    ("Đơn vị", 30),
    ("Số", 12),
    ("Câu hỏi", 70),
    ("Người trả lời", 30),
    ("Phút trên sóng", 15),
    ("Kết quả", 54),
]


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _paragraph(doc, text: str, *, bold=False, size=13, italic=False, center=False):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def minutes_docx(minutes: Minutes) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(12)
    title = "NHẬT KÝ PHIÊN ĐỐI THOẠI" + (" (TỔNG DUYỆT)" if minutes.rehearsal else "")
    _paragraph(doc, title, bold=True, size=14, center=True)
    _paragraph(doc, minutes.conference_title, bold=True, center=True)
    _paragraph(doc, minutes.date_line, italic=True, center=True)
    _paragraph(doc, minutes.summary_line, size=12)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for cell, (label, width) in zip(header.cells, COLUMNS, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].add_run(label).bold = True
    for row in minutes.rows:
        values = [
            str(row.number),
            row.time,
            row.site,
            row.unit,
            row.label,
            row.question,
            row.responder,
            row.on_air,
            f"{row.outcome}. {row.detail}" if row.detail else row.outcome,
        ]
        cells = table.add_row().cells
        for cell, value, (_label, width) in zip(cells, values, COLUMNS, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0].add_run(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
