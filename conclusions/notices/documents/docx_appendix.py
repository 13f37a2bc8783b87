"""The appendices in the Word file: each its own section (new page, its orientation, its page numbers from 1),
its label, title and reference line kept with the table, the column header repeated on every page, the issue-group
rows of a grouped appendix; the same columns as the PDF."""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..markup import Run
from .appendix import Appendix
from .docx_text import CENTER, TABLE_PITCH, keep_with_next, pitch, text_runs

# Widths in mm, as in notice.css.
PORTRAIT_TEXT_WIDTH = 165
LANDSCAPE_TEXT_WIDTH = 252


def appendix_columns(appendix: Appendix) -> list[tuple[str, float]]:
    """(header, width mm) of each appendix column, the same as the PDF."""
    if appendix.landscape:
        widths = {"tt": 12, "q": 66 if appendix.show_agency else 78, "unit": 36, "agency": 34}
        total = LANDSCAPE_TEXT_WIDTH
    else:
        widths = {"tt": 10, "q": 44 if appendix.show_agency else 48, "unit": 24 if appendix.show_agency else 30}
        widths["agency"] = 25
        total = PORTRAIT_TEXT_WIDTH
    columns = [("TT", widths["tt"]), ("NỘI DUNG KIẾN NGHỊ", widths["q"]), ("ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT", widths["unit"])]
    if appendix.show_agency:
        columns.append(("CƠ QUAN TRẢ LỜI", widths["agency"]))
    columns.append(("NỘI DUNG GIẢI ĐÁP", total - sum(w for _, w in columns)))
    return columns


class AppendixWriter:
    """The appendix part of NoticeDocx (which supplies the paragraph, run, table and section helpers)."""

    def _appendix(self, appendix: Appendix) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._margins(section, landscape=appendix.landscape)
        self._page_numbers(section, restart=True)
        for text, size, bold, italic, after in (
            (appendix.label, 14, True, False, 0),
            (appendix.title.upper(), 13, True, False, 0),
            (appendix.reference, 13, False, True, 10),
        ):
            paragraph = self._para(text=text, align=CENTER, indent=False, size=size, bold=bold, italic=italic,
                                   after=after)  # fmt: skip
            keep_with_next(paragraph)
        columns = appendix_columns(appendix)
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        self._row_flags(header, header=True)  # the header row repeats on every page
        for cell, (title, _) in zip(header.cells, columns, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            pitch(paragraph, 12, TABLE_PITCH)
            self._run(paragraph, title, size=12, bold=True)
        for group in appendix.groups:
            if appendix.grouped:
                cells = table.add_row().cells
                merged = cells[0].merge(cells[-1])
                pitch(merged.paragraphs[0], 12, TABLE_PITCH)
                keep_with_next(merged.paragraphs[0])
                self._run(merged.paragraphs[0], group.heading, size=12, bold=True)
            for row in group.rows:
                self._appendix_row(table, appendix, row)
        self._fixed_widths(table, [w for _, w in columns])

    def _appendix_row(self, table, appendix: Appendix, row) -> None:
        cells = table.add_row().cells
        values = [[Run(str(row.number))], row.question, [Run(u) for u in row.units]]
        if appendix.show_agency:
            values.append([Run(a) for a in row.agencies])
        values.append(row.answer)
        for index, (cell, blocks) in enumerate(zip(cells, values, strict=True)):
            cell._tc.remove(cell.paragraphs[0]._p)
            if index in (0, 2) or (appendix.show_agency and index == 3):
                # TT, units and agencies: centred lines, as in the PDF.
                for run in blocks:
                    paragraph = self._para(cell, align=CENTER, indent=False, size=12, after=3, factor=TABLE_PITCH)
                    text_runs(paragraph, run.text, size=12)
                continue
            self._blocks(cell, blocks, size=12, indent=False, after=3, factor=TABLE_PITCH)
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # narrow columns: ragged right, as in the PDF
