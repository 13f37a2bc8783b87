"""DOCX and XLSX exports keep the notice's structure, fonts and column widths, so an office can edit them."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from conclusions.notices.documents.content import Appendix
from conclusions.notices.documents.docx import appendix_columns

pytestmark = pytest.mark.django_db


def test_docx_has_the_notice_section_and_a_separately_numbered_appendix_section(demo_files):
    doc = Document(io.BytesIO(demo_files.trang_dinh_docx))
    notice, appendix = doc.sections
    for section in (notice, appendix):
        assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
        assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml
    assert 'w:start="1"' in appendix._sectPr.xml
    assert doc.styles["Normal"].font.name == "Times New Roman"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Số: 1428/TB-UBND" in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    reference = "(Ban hành kèm theo Thông báo số: 1428/TB-UBND ngày 12/4/2024 của UBND huyện)"
    assert "Phụ lục" in text and reference in text.replace("\u2060", "").replace("\u00a0", " ")


def test_docx_appendix_table_repeats_its_header_and_uses_the_pdf_column_widths(demo_files):
    doc = Document(io.BytesIO(demo_files.trang_dinh_docx))
    table = doc.tables[-1]
    assert "w:tblHeader" in table.rows[0]._tr.xml
    assert [c.text for c in table.rows[0].cells] == [
        "TT",
        "NỘI DUNG KIẾN NGHỊ",
        "ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT",
        "NỘI DUNG GIẢI ĐÁP",
    ]
    widths = [round(c.width.mm) for c in table.columns]
    assert widths == [10, 48, 30, 77]
    numbers = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text.isdigit()]
    assert numbers == [str(n) for n in range(1, 15)]


def test_column_widths_fill_the_text_width_in_both_orientations():
    for landscape, total in ((False, 165), (True, 252)):
        for agency in (False, True):
            appendix = Appendix("", "", show_agency=agency, landscape=landscape, groups=[])
            assert sum(width for _, width in appendix_columns(appendix)) == total


def test_xlsx_lists_the_fourteen_rows_flat_in_seed_order_ready_to_print(demo_files):
    sheet = load_workbook(io.BytesIO(demo_files.trang_dinh_xlsx)).active
    assert sheet["A1"].value == "Phụ lục"
    assert sheet["A3"].value.startswith("(Ban hành kèm theo Thông báo số: 1428/TB-UBND")
    header = [cell.value for cell in sheet[5]]
    assert header == ["TT", "NỘI DUNG KIẾN NGHỊ", "ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT", "NỘI DUNG GIẢI ĐÁP"]
    numbers = [row[0].value for row in sheet.iter_rows(min_row=6) if isinstance(row[0].value, int)]
    assert numbers == list(range(1, 15))
    # Seed 003 is one flat table: no issue-group rows (the grouped form is tested on a grouped appendix).
    groups = [row[0].value for row in sheet.iter_rows(min_row=6) if isinstance(row[0].value, str)]
    assert groups == []
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.freeze_panes == "A6"
