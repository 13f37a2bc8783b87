"""The appendices as a spreadsheet (openpyxl), ready to print: one sheet per appendix, one row per petition, grouped
under issue-group rows or flat as the appendix is; every row as tall as its text, an answer longer than Excel's
409-point row continuing in the rows below (its TT, question and unit cells merged down beside it); page numbers
centred in the top margin from page 2, the column header repeated on every page.

Every cell goes through the portal's one cell writer (conferences.xlsx.put): a petition that starts with "=" stays
text and never becomes a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList

from conferences.xlsx import put

from ..markup import runs_of
from .appendix import Appendix
from .content import NoticeContent
from .docx import appendix_columns
from .xlsx_layout import column_width_pt, height_pt, split_for_rows, wrapped_lines

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MM_TO_CHARS = 0.75  # Excel column width (characters) per millimetre of the printed column, roomy on screen
HEADER_ROW = 5
DEFAULT_COLUMNS = [("TT", 10), ("NỘI DUNG KIẾN NGHỊ", 48), ("ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT", 30), ("NỘI DUNG GIẢI ĐÁP", 77)]


def cell_text(blocks) -> str:
    lines = []
    for block in blocks:
        text = "".join(r.text for r in runs_of(block)) if getattr(block, "runs", None) else block.text
        if block.kind == "sub":
            lines.append(f"{block.lead} {text}")
        elif block.kind == "star":
            lines.append(f"* {block.lead} {text}" if block.lead else f"* {text}")
        elif block.kind == "dash":
            lines.append(f"- {text}")
        else:
            lines.append(f"{block.lead} {text}".strip())
    return "\n".join(lines)


class AppendixXlsx:
    """`AppendixXlsx(content).render() -> bytes`; a notice without appendix gives one sheet with its header only."""

    def __init__(self, content: NoticeContent):
        self.content = content

    @staticmethod
    def _put(ws, row: int, column: int, value, *, bold=False, italic=False, align="left", border=True):
        cell = ws.cell(row=row, column=column)
        # Control characters a pasted text may carry cannot be stored in a workbook: dropped.
        put(cell, value)
        cell.font = Font(name=FONT, size=12, bold=bold, italic=italic)
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        if border:
            cell.border = BORDER
        return cell

    def _heading(self, ws, appendix: Appendix | None, columns) -> None:
        c = self.content
        width = len(columns)
        total_pt = sum(column_width_pt(round(mm * MM_TO_CHARS, 1)) for _, mm in columns)
        heading = [
            (appendix.label if appendix else "Phụ lục", True, False),
            ((appendix.title if appendix else c.title_lines[0] if c.title_lines else "").upper(), True, False),
            (appendix.reference if appendix else "", False, True),
        ]
        for row, (text, bold, italic) in enumerate(heading, start=1):
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            self._put(ws, row, 1, text, bold=bold, italic=italic, align="center", border=False)
            ws.row_dimensions[row].height = height_pt(len(wrapped_lines(text, total_pt * 0.92)))
        for index, (title, _mm) in enumerate(columns, start=1):
            self._put(ws, HEADER_ROW, index, title, bold=True, align="center")
        ws.row_dimensions[HEADER_ROW].height = height_pt(
            max(len(wrapped_lines(title, column_width_pt(round(mm * MM_TO_CHARS, 1)))) for title, mm in columns)
        )

    def _petition(self, ws, row: int, appendix: Appendix, item, widths: list[float]) -> int:
        """The petition's row and, when its answer is longer than a row holds, its continuation rows; returns the
        next free row."""
        values = [item.number, cell_text(item.question), "\n".join(item.units)]
        if appendix.show_agency:
            values.append("\n".join(item.agencies))
        answer = cell_text(item.answer)
        pieces = split_for_rows(answer, widths[-1])
        beside = max(len(wrapped_lines(str(v), w)) for v, w in zip(values, widths, strict=False))
        last = row + len(pieces) - 1
        for index, value in enumerate(values, start=1):
            self._put(ws, row, index, value, align="center" if index in (1, 3) else "left")
            for below in range(row + 1, last + 1):
                self._put(ws, below, index, None)  # borders of the merged area
            if last > row:
                ws.merge_cells(start_row=row, start_column=index, end_row=last, end_column=index)
        answer_column = len(values) + 1
        for offset, piece in enumerate(pieces):
            self._put(ws, row + offset, answer_column, piece)
            lines = len(wrapped_lines(piece, widths[-1]))
            if offset == len(pieces) - 1:  # the merged cells beside it need the rows' total height
                lines = max(lines, beside - sum(len(wrapped_lines(p, widths[-1])) for p in pieces[:-1]))
            ws.row_dimensions[row + offset].height = height_pt(lines)
        return last + 1

    def _sheet(self, ws, appendix: Appendix | None) -> None:
        columns = appendix_columns(appendix) if appendix else DEFAULT_COLUMNS
        for index, (_title, mm) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = round(mm * MM_TO_CHARS, 1)
        widths = [column_width_pt(round(mm * MM_TO_CHARS, 1)) for _, mm in columns]
        self._heading(ws, appendix, columns)
        row = HEADER_ROW + 1
        for group in appendix.groups if appendix else []:
            if appendix.grouped:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
                self._put(ws, row, 1, group.heading, bold=True)
                ws.row_dimensions[row].height = height_pt(len(wrapped_lines(group.heading, sum(widths))))
                row += 1
            for item in group.rows:
                row = self._petition(ws, row, appendix, item, widths)
        self._print_setup(ws, landscape=bool(appendix and appendix.landscape))

    def _print_setup(self, ws, *, landscape: bool) -> None:
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
        ws.page_margins.top, ws.page_margins.bottom = 20 / 25.4, 20 / 25.4
        ws.page_margins.header = 8 / 25.4
        # Decree 30/2020: the page number centred in the top margin, none on the first page.
        ws.HeaderFooter.differentFirst = True
        ws.oddHeader.center.text = "&P"
        ws.oddHeader.center.font = f"{FONT},Regular"
        ws.oddHeader.center.size = 14

    def render(self) -> bytes:
        c = self.content
        wb = Workbook()
        # The workbook's default font sets the unit of column widths (xlsx_layout.CHAR_PX); openpyxl keeps it as
        # the first of its fonts and has no public setter.
        wb._fonts = IndexedList([Font(name=FONT, size=12)])
        appendices = c.appendices or [None]
        for index, appendix in enumerate(appendices):
            ws = wb.active if index == 0 else wb.create_sheet()
            ws.title = (appendix.label if appendix else "Phụ lục")[:31]
            self._sheet(ws, appendix)
        wb.properties.title = c.pdf_title[:255]
        wb.properties.creator = c.author[:255]
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
