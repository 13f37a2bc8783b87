"""The appendix as a spreadsheet (openpyxl): one row per petition, grouped by issue group, ready to print.

Every cell goes through the portal's one cell writer (conferences.xlsx.put): a petition that starts with "=" stays
text and never becomes a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from conferences.xlsx import put

from .content import NoticeContent
from .docx import appendix_columns
from .text import Block

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MM_TO_CHARS = 0.75  # Excel column width (characters) per millimetre of the printed column, roomy on screen


def cell_text(blocks: list[Block]) -> str:
    lines = []
    for block in blocks:
        if block.kind == "sub":
            lines.append(f"{block.lead} {block.text}")
        elif block.kind == "star":
            lines.append(f"* {block.lead} {block.text}" if block.lead else f"* {block.text}")
        elif block.kind == "dash":
            lines.append(f"- {block.text}")
        else:
            lines.append(f"{block.lead} {block.text}".strip())
    return "\n".join(lines)


class AppendixXlsx:
    """`AppendixXlsx(content).render() -> bytes`; an empty appendix gives the sheet with its header only."""

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

    def render(self) -> bytes:
        c = self.content
        wb = Workbook()
        ws = wb.active
        ws.title = "Phụ lục"
        appendix = c.appendix
        columns = (
            appendix_columns(appendix)
            if appendix
            else [("TT", 10), ("NỘI DUNG KIẾN NGHỊ", 48), ("ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT", 30), ("NỘI DUNG GIẢI ĐÁP", 77)]
        )
        width = len(columns)
        for index, (_title, mm) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = round(mm * MM_TO_CHARS, 1)
        heading = [
            ("Phụ lục", True, False),
            ((appendix.title if appendix else c.title_lines[0] if c.title_lines else "").upper(), True, False),
            (appendix.reference if appendix else "", False, True),
        ]
        for row, (text, bold, italic) in enumerate(heading, start=1):
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            self._put(ws, row, 1, text, bold=bold, italic=italic, align="center", border=False)
            ws.row_dimensions[row].height = 36 if row == 2 else 18
        header_row = len(heading) + 2
        for index, (title, _) in enumerate(columns, start=1):
            self._put(ws, header_row, index, title, bold=True, align="center")
        row = header_row + 1
        for group in appendix.groups if appendix else []:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            self._put(ws, row, 1, group.heading, bold=True)
            row += 1
            for item in group.rows:
                values = [item.number, cell_text(item.question), "\n".join(item.units)]
                if appendix.show_agency:
                    values.append("\n".join(item.agencies))
                values.append(cell_text(item.answer))
                for index, value in enumerate(values, start=1):
                    self._put(ws, row, index, value, align="center" if index in (1, 3) else "left")
                row += 1
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if appendix and appendix.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
        ws.page_margins.top, ws.page_margins.bottom = 20 / 25.4, 20 / 25.4
        wb.properties.title = c.pdf_title[:255]
        wb.properties.creator = c.author[:255]
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
