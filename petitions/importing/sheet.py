"""Reading an Excel list: the first sheet, merged cells undone, the header row found, the data rows below it.

Two column sets are recognised by their headers, wherever the header row sits in the first rows of the sheet:
- the portal's template: TT | Nội dung kiến nghị | Đơn vị kiến nghị | Nhóm vấn đề | Điểm cầu
- the appendix of seed 003: TT | NỘI DUNG KIẾN NGHỊ | ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT | NỘI DUNG GIẢI ĐÁP
Blank rows, merged cells (header or data: the top-left value fills the range), numbers stored as text, stray
whitespace and NFD text are handled. A file that cannot be read as a whole is `Refused` with the reason.
"""

import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from conferences.errors import Refused
from conferences.text import fold, nfc

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_HEADERS = ["TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"]
HEADER_SCAN_ROWS = 25
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def _column_key(header: str) -> str | None:
    text = re.sub(r"[^a-z0-9 ]+", " ", fold(header))
    text = " ".join(text.split())
    if not text:
        return None
    if text in ("tt", "stt", "so tt", "so thu tu", "thu tu"):
        return "number"
    if "giai dap" in text or "tra loi" in text:
        return "answer"
    if "diem cau" in text:
        return "site"
    if "nhom van de" in text or "linh vuc" in text:
        return "group"
    if text.startswith(("don vi", "nguoi kien nghi", "noi kien nghi")):
        return "unit"
    if text.startswith(("noi dung", "kien nghi", "y kien", "cau hoi")):
        return "content"
    return None


def _cell_text(value) -> str:
    """Cell value as text: numbers stored as numbers or as text read the same ('3', 3, 3.0 -> '3')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def multiline(text: str) -> str:
    """Keep the lines of a long cell, trim each, collapse spaces inside lines and runs of blank lines."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass
class Sheet:
    columns: dict[str, int]  # key -> 0-based column index
    header_line: int
    rows: list[tuple[int, list[str], bool]]  # (Excel line number, cell texts, merged across the whole table)
    ignored_headers: list[str] = field(default_factory=list)


def _check_file(fileobj: IO[bytes], size: int) -> None:
    if size > settings.UPLOAD_MAX_BYTES:
        raise Refused(
            _("Tệp lớn %(size).1f MB, vượt giới hạn %(max)s MB mỗi lần nhập.")
            % {"size": size / 1024 / 1024, "max": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(_("Đây là tệp Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên."))
    if not head.startswith(b"PK"):
        raise Refused(_("Tệp không phải bảng tính Excel .xlsx (đã kiểm tra nội dung tệp, không dựa vào tên)."))
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise Refused(_("Tệp .xlsx bị hỏng, không đọc được.")) from exc
    finally:
        fileobj.seek(0)
    if "xl/workbook.xml" not in names:
        raise Refused(_("Tệp không phải bảng tính Excel .xlsx (đã kiểm tra nội dung tệp, không dựa vào tên)."))


def _count_rows(fileobj: IO[bytes], limit: int) -> None:
    """Stream the first sheet and stop as soon as the data rows exceed the limit (header rows allowed for)."""
    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    try:
        count = 0
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            if any(_cell_text(v).strip() for v in row):
                count += 1
                if count > limit + HEADER_SCAN_ROWS:
                    break
    finally:
        workbook.close()
        fileobj.seek(0)
    if count > limit + HEADER_SCAN_ROWS:
        raise Refused(
            _("Tệp có hơn %(max)s dòng, vượt giới hạn mỗi lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"max": f"{limit:,}".replace(",", ".")}
        )


def read_sheet(fileobj: IO[bytes], *, size: int, max_rows: int | None = None) -> Sheet:
    """Open the first sheet, undo merged cells, find the header and return the non-blank rows below it."""
    max_rows = max_rows or settings.IMPORT_MAX_ROWS
    _check_file(fileobj, size)
    try:
        _count_rows(fileobj, max_rows)
        workbook = load_workbook(fileobj, data_only=True)
    except Refused:
        raise
    except Exception as exc:  # openpyxl raises many types on damaged files
        raise Refused(_("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.")) from exc
    sheet = workbook.worksheets[0]
    grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    # Merged cells: openpyxl keeps the value in the top-left cell only; copy it over the whole range.
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(grid) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, width)):
                grid[r][c] = value
    merged_rows = {
        r
        for merged in sheet.merged_cells.ranges
        if merged.min_col == 1 and merged.max_col >= width > 1
        for r in range(merged.min_row - 1, merged.max_row)
    }
    workbook.close()

    header_index, columns, headers = _find_header(grid)
    if header_index is None:
        raise Refused(
            _(
                "Không tìm thấy dòng tiêu đề. Tệp cần có các cột: %(cols)s "
                "(hoặc bộ cột của phụ lục: TT, Nội dung kiến nghị, Đơn vị kiến nghị, Nội dung giải đáp)."
            )
            % {"cols": ", ".join(TEMPLATE_HEADERS)}
        )
    rows = []
    start = header_index + 1
    # A header written over two rows (merged vertically) repeats itself in the next row: skip it.
    while start < len(grid) and _same_header(grid[start], columns, headers):
        start += 1
    for index in range(start, len(grid)):
        cells = grid[index]
        if not any(c.strip() for c in cells):
            continue
        if index == start and _is_column_numbering(cells):
            continue
        rows.append((index + 1, cells, index in merged_rows))
    ignored = [h for i, h in enumerate(headers) if h and i not in columns.values()]
    if len(rows) > max_rows:
        raise Refused(
            _("Tệp có %(n)s dòng, vượt giới hạn %(max)s dòng mỗi lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"n": f"{len(rows):,}".replace(",", "."), "max": f"{max_rows:,}".replace(",", ".")}
        )
    return Sheet(columns=columns, header_line=header_index + 1, rows=rows, ignored_headers=ignored)


def _header_keys(texts: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for col, text in enumerate(texts):
        key = _column_key(text) if len(text) < 120 else None
        if key and key not in columns:
            columns[key] = col
    return columns


def _find_header(grid: list[list[str]]):
    """The first row naming the content column (and TT or unit). A header over two rows ('Kiến nghị' merged above
    'Nội dung' | 'Đơn vị') reads each column from the lower row where it names something, else from the upper."""
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        columns = _header_keys(row)
        if not ("content" in columns and ("unit" in columns or "number" in columns)):
            continue
        if index + 1 < len(grid):
            below = grid[index + 1]
            combined = [below[c] if _column_key(below[c]) else row[c] for c in range(len(row))]
            two_rows = _header_keys(combined)
            if "content" in two_rows and len(two_rows) > len(columns):
                return index + 1, two_rows, combined
        return index, columns, row
    return None, {}, []


def _same_header(row: list[str], columns: dict[str, int], headers: list[str]) -> bool:
    return all(row[col] == headers[col] for col in columns.values())


def _is_column_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(_COLUMN_NUMBER.match(c) for c in filled)
