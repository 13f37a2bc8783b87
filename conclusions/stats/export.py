"""Statistics panels as an Excel workbook: one sheet per table, the same rows the page shows; every cell is written
by the portal's one cell writer (conferences.xlsx), so a label typed by someone never becomes a formula."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from conferences.xlsx import put

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title)[:28].strip() or "Bang"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} ({n})", n + 1
    used.add(name.lower())
    return name


def _put(cell, value) -> None:
    """The portal's one cell writer (text stays text); ratios and medians with one decimal."""
    put(cell, value, number_format="0.0" if isinstance(value, float) else None)


def panels_to_xlsx(panels, *, heading: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for panel in panels:
        sheet = workbook.create_sheet(_sheet_title(panel.title, used))
        _put(sheet.cell(row=1, column=1), heading)
        sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
        _put(sheet.cell(row=2, column=1), panel.title)
        sheet.cell(row=2, column=1).font = Font(bold=True)
        for col, header in enumerate(panel.columns, start=1):
            cell = sheet.cell(row=4, column=col)
            _put(cell, header)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r, row in enumerate(panel.rows, start=5):
            for col, value in enumerate(row, start=1):
                _put(sheet.cell(row=r, column=col), value)
        if panel.note:
            _put(sheet.cell(row=len(panel.rows) + 6, column=1), panel.note)
            sheet.cell(row=len(panel.rows) + 6, column=1).font = Font(italic=True)
        sheet.column_dimensions["A"].width = 48
        for col in range(2, len(panel.columns) + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 16
        sheet.freeze_panes = "B5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
