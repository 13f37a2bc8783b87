"""The spreadsheet a clerk prints: every row as tall as its text, never over Excel's 409-point row (a long answer goes
on in continuation rows beside its merged TT, question and unit), page numbers from page 2. The Word file keeps the
signature block in one unsplittable row, the closing line with it, headings with their text, and recipients hang
from their dash."""

import io

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from openpyxl import load_workbook

from conclusions.notices.documents.render import render_notice
from conclusions.notices.documents.xlsx_layout import LINE_PT, MAX_ROW_PT, column_width_pt, wrapped_lines
from conclusions.notices.drafting import notice_draft_from_conference

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Tăng cường công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền cơ sở trong việc triển khai thực hiện Chương "
    "trình; huy động các nguồn lực đóng góp từ nhân dân theo Nghị quyết số 08/2019/NQ-HĐND ngày 10/12/2019."
)


def test_a_long_answer_continues_below_and_every_row_holds_its_text(world):
    answer = "\n".join(f"{i}. {PARAGRAPH}" for i in range(1, 41))
    world.petition("Câu hỏi dài?", answer=answer)
    world.petition("Câu hỏi ngắn?", answer="Trả lời ngắn.")
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    sheet = load_workbook(io.BytesIO(render_notice(notice, "xlsx").data)).active
    answer_width = column_width_pt(sheet.column_dimensions["D"].width)
    rows = list(sheet.iter_rows(min_row=7))  # row 6 is the first issue group's heading
    pieces = []
    for row in rows:
        number, _question, _unit, text = (cell.value for cell in row)
        if number == 2:
            break
        height = sheet.row_dimensions[row[0].row].height
        assert height <= MAX_ROW_PT
        assert height >= len(wrapped_lines(text, answer_width)) * LINE_PT
        pieces.append(text)
    assert len(pieces) > 1  # continuation rows
    assert "\n".join(pieces).split() == answer.split()
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"A7:A{6 + len(pieces)}" in merged and f"B7:B{6 + len(pieces)}" in merged


def test_the_sheet_numbers_its_pages_in_the_top_margin_from_page_two(demo_files):
    sheet = load_workbook(io.BytesIO(demo_files.trang_dinh_xlsx)).active
    assert sheet.oddHeader.center.text == "&P"
    assert sheet.HeaderFooter.differentFirst and not sheet.firstHeader.center.text
    assert all(sheet.row_dimensions[r].height for r in range(6, sheet.max_row + 1))


def test_the_docx_keeps_the_signature_together_and_hangs_the_recipients(demo_files):
    doc = Document(io.BytesIO(demo_files.lang_son_docx))
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    assert "w:cantSplit" in signature.rows[0]._tr.xml
    closing = next(p for p in doc.paragraphs if p.text.endswith("./."))
    assert closing.paragraph_format.keep_with_next
    heading = next(p for p in doc.paragraphs if p.text.startswith("2.4."))
    assert heading.paragraph_format.keep_with_next
    recipients = [p for p in signature.rows[0].cells[0].paragraphs if p.text.startswith("- ")]
    assert recipients and all(
        p.paragraph_format.left_indent > 0 and p.paragraph_format.first_line_indent < 0 for p in recipients
    )
    body = next(p for p in doc.paragraphs if p.text.startswith("Tham dự Hội nghị"))
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.AT_LEAST
    assert round(body.paragraph_format.line_spacing.pt, 1) == 16.8  # notice.css: 14 pt at line-height 1.2
    assert "DỰ THẢO" in doc.sections[0].first_page_header.paragraphs[0].text
