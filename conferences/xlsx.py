"""The one way the portal writes a workbook cell: text stays text.

A value a user typed ("=HYPERLINK(...)", "+84...", "@SUM") must never become a live formula in a workbook someone
opens later, so every string is written as a string cell. Numbers and dates keep their type.
"""

from datetime import date, datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


def put(cell, value, *, number_format: str | None = None) -> None:
    """Write `value` into an existing cell (normal worksheets)."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | date | datetime):
        cell.value = value
        if number_format:
            cell.number_format = number_format
        elif isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        return
    # Control characters pasted from other programs make the workbook unreadable; they carry no meaning in a cell.
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.data_type = "s"  # never a formula, whatever the text starts with


def cell(sheet, value, *, number_format: str | None = None) -> WriteOnlyCell:
    """A new cell for write-only worksheets (large exports), written by the same rule as `put`."""
    new = WriteOnlyCell(sheet)
    put(new, value, number_format=number_format)
    return new
