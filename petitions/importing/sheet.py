"""Reading an Excel list: the first sheet, merged cells undone, the header row found, the data rows below it.

Two column sets are recognised by their headers, wherever the header row sits in the first rows of the sheet:
- the portal's template: TT | Nội dung kiến nghị | Đơn vị kiến nghị | Nhóm vấn đề | Điểm cầu
- the appendix of seed 003: TT | NỘI DUNG KIẾN NGHỊ | ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT | NỘI DUNG GIẢI ĐÁP
Blank rows, merged cells (header or data: the top-left value fills the range), numbers stored as text, stray
whitespace and NFD text are handled. A file that cannot be read as a whole is `Refused` with the reason.

The work is bounded by the data actually present, never by what the file claims: the archive is checked before
anything is inflated (archive.py: sizes, compression ratio, member count), the sheet's XML is streamed row by row as
the file holds them (a sheet declaring A1:XFD1048576 costs what its few cells cost), only the first READ_COLUMNS
columns are kept, and reading stops as soon as the rows exceed the limit. XML entities are refused (defusedxml).
"""

import re
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from conferences.errors import Refused
from conferences.text import fold, nfc

from .archive import check_upload

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_HEADERS = ["TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"]
HEADER_SCAN_ROWS = 25
READ_COLUMNS = 30  # a list has 4 to 6 columns; a cell far to the right is never read
EXCEL_LAST_ROW = 1_048_576
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

    def as_json(self) -> dict:
        """Kept with the import, so a re-check or the confirmation never reads the file again."""
        return {
            "columns": self.columns,
            "header_line": self.header_line,
            "rows": [[line, cells, merged] for line, cells, merged in self.rows],
            "ignored_headers": self.ignored_headers,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Sheet":
        return cls(
            columns=data["columns"],
            header_line=data["header_line"],
            rows=[(line, cells, merged) for line, cells, merged in data["rows"]],
            ignored_headers=list(data["ignored_headers"]),
        )


def _too_many(limit: int) -> Refused:
    return Refused(
        _("Tệp có hơn %(max)s dòng, vượt giới hạn mỗi lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.")
        % {"max": f"{limit:,}".replace(",", ".")}
    )


def _first_sheet_parser(workbook) -> tuple[WorkSheetParser, IO[bytes], int]:
    """openpyxl's own row parser over the first sheet's XML: it yields the rows the file holds, and only those.
    (ReadOnlyWorksheet.iter_rows pads every gap and every row up to the declared dimension: 17 billion empty cells
    for a sheet that claims A1:XFD1048576.) openpyxl is pinned; this is the parser its read-only sheets use."""
    sheet = workbook.worksheets[0]
    source = sheet._get_source()
    size = workbook._archive.getinfo(sheet._worksheet_path).file_size
    parser = WorkSheetParser(
        source,
        sheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    return parser, source, size


def _stream(fileobj: IO[bytes], *, limit: int, progress=None) -> tuple[dict[int, list[str]], list]:
    """{Excel line: cell texts of the first READ_COLUMNS columns} for the lines holding text, and the merged ranges.
    Stops as soon as the lines with text exceed `limit` plus the rows above a header."""
    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    try:
        parser, source, size = _first_sheet_parser(workbook)
        lines: dict[int, list[str]] = {}
        with source:
            for seen, (line, cells) in enumerate(parser.parse(), start=1):
                if line > EXCEL_LAST_ROW:
                    break
                texts = {c["column"]: _cell_text(c["value"]) for c in cells if c["column"] <= READ_COLUMNS}
                texts = {column: text for column, text in texts.items() if text}
                if texts:
                    row = [""] * max(texts)
                    for column, text in texts.items():
                        row[column - 1] = text
                    lines[line] = row
                    if len(lines) > limit + HEADER_SCAN_ROWS:
                        raise _too_many(limit)
                if progress and seen % 500 == 0:
                    progress(source.tell(), size)
        merges = list(parser.merged_cells.mergeCell) if parser.merged_cells else []
    finally:
        workbook.close()
        fileobj.seek(0)
    return lines, merges


class _Grid:
    """The lines of the sheet that hold text, padded to one width, with merged ranges undone: the top-left value
    fills the range (openpyxl keeps it in the top-left cell only). Filling is bounded like the reading."""

    def __init__(self, lines: dict[int, list[str]], merges: list, limit: int):
        self.width = min(max((len(row) for row in lines.values()), default=0), READ_COLUMNS)
        self.lines = {line: row + [""] * (self.width - len(row)) for line, row in lines.items()}
        self.last = max(self.lines, default=0)
        self.limit = limit + HEADER_SCAN_ROWS
        self.budget = self.limit * max(self.width, 1) * 4
        self.across: list[tuple[int, int]] = []
        for merged in merges:
            self._undo(merged)

    def _undo(self, merged) -> None:
        top = self.lines.get(merged.min_row)
        value = top[merged.min_col - 1] if top and merged.min_col - 1 < self.width else ""
        if merged.min_col == 1 and merged.max_col >= self.width > 1:
            self.across.append((merged.min_row, merged.max_row))
        columns = range(merged.min_col - 1, min(merged.max_col, self.width))
        last = min(merged.max_row, self.last)
        if value:
            targets = range(merged.min_row, last + 1)
        else:
            targets = [line for line in self.lines if merged.min_row <= line <= last]
        for line in targets:
            row = self.lines.get(line)
            if row is None:
                row = self.lines[line] = [""] * self.width
                if len(self.lines) > self.limit:
                    raise _too_many(self.limit - HEADER_SCAN_ROWS)
            self.budget -= len(columns) + 1
            if self.budget < 0:
                raise _too_many(self.limit - HEADER_SCAN_ROWS)
            for column in columns:
                row[column] = value

    def row(self, line: int) -> list[str]:
        return self.lines.get(line) or [""] * self.width

    def merged_across(self, line: int) -> bool:
        return any(low <= line <= high for low, high in self.across)


def read_sheet(fileobj: IO[bytes], *, size: int, max_rows: int | None = None, progress=None) -> Sheet:
    """Check the archive, stream the first sheet, undo merged cells, find the header and return the rows below it.
    `progress(done, total)` is called now and then while the sheet is read."""
    max_rows = max_rows or settings.IMPORT_MAX_ROWS
    check_upload(fileobj, size)
    try:
        lines, merges = _stream(fileobj, limit=max_rows, progress=progress)
        grid = _Grid(lines, merges, max_rows)
    except Refused:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many types on damaged or hostile files
        raise Refused(_("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.")) from exc
    header_line, columns, headers = _find_header(grid)
    if header_line is None:
        raise Refused(
            _(
                "Không tìm thấy dòng tiêu đề. Tệp cần có các cột: %(cols)s "
                "(hoặc bộ cột của phụ lục: TT, Nội dung kiến nghị, Đơn vị kiến nghị, Nội dung giải đáp)."
            )
            % {"cols": ", ".join(TEMPLATE_HEADERS)}
        )
    start = header_line + 1
    # A header written over two rows (merged vertically) repeats itself in the next row: skip it.
    while start <= grid.last and _same_header(grid.row(start), columns, headers):
        start += 1
    rows = []
    for line in sorted(line for line in grid.lines if line >= start):
        cells = grid.lines[line]
        if not any(c.strip() for c in cells):
            continue
        if line == start and _is_column_numbering(cells):
            continue
        rows.append((line, cells, grid.merged_across(line)))
    ignored = [h for i, h in enumerate(headers) if h and i not in columns.values()]
    if len(rows) > max_rows:
        raise Refused(
            _("Tệp có %(n)s dòng, vượt giới hạn %(max)s dòng mỗi lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"n": f"{len(rows):,}".replace(",", "."), "max": f"{max_rows:,}".replace(",", ".")}
        )
    return Sheet(columns=columns, header_line=header_line, rows=rows, ignored_headers=ignored)


def _header_keys(texts: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for col, text in enumerate(texts):
        key = _column_key(text) if len(text) < 120 else None
        if key and key not in columns:
            columns[key] = col
    return columns


def _find_header(grid: _Grid):
    """The first line naming the content column (and TT or unit). A header over two rows ('Kiến nghị' merged above
    'Nội dung' | 'Đơn vị') reads each column from the lower row where it names something, else from the upper."""
    for line in range(1, HEADER_SCAN_ROWS + 1):
        row = grid.row(line)
        columns = _header_keys(row)
        if not ("content" in columns and ("unit" in columns or "number" in columns)):
            continue
        if line < grid.last:
            below = grid.row(line + 1)
            combined = [below[c] if _column_key(below[c]) else row[c] for c in range(len(row))]
            two_rows = _header_keys(combined)
            if "content" in two_rows and len(two_rows) > len(columns):
                return line + 1, two_rows, combined
        return line, columns, row
    return None, {}, []


def _same_header(row: list[str], columns: dict[str, int], headers: list[str]) -> bool:
    return all(row[col] == headers[col] for col in columns.values())


def _is_column_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(_COLUMN_NUMBER.match(c) for c in filled)
