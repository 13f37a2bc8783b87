"""Reading and checking an Excel list of petitions; the web import and `manage.py import_petitions` share it.

Two column sets are recognised by their headers, wherever the header row sits in the first rows of the sheet:
- the portal's template: TT | Nội dung kiến nghị | Đơn vị kiến nghị | Nhóm vấn đề | Điểm cầu
- the appendix of seed 003: TT | NỘI DUNG KIẾN NGHỊ | ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT | NỘI DUNG GIẢI ĐÁP
Blank rows, merged cells (header or data: the top-left value fills the range), numbers stored as text, stray
whitespace and NFD text are handled. Section rows ("I. Nhóm vấn đề về vốn") set the issue group of the rows below.

Nothing here writes: `check_workbook` returns a report of every row with its problems; services import it.
"""

import re
import zipfile
from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from conferences.models import AdministrativeUnit, BridgePoint, Conference, IssueGroup
from conferences.text import clean, fold, nfc

from .similarity import IMPORT_THRESHOLD, SimilarityIndex, text_similarity

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_HEADERS = ["TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"]
HEADER_SCAN_ROWS = 25
_SUGGEST_MIN = 0.3
_ROMAN = re.compile(r"^[ivx]+\.?$", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_SITE_PREFIXES = ("diem cau ", "dc ")


class ImportRefused(Exception):
    """The file as a whole cannot be read (wrong type, too large, too many rows, no recognisable header)."""


# --- 1. Reading the sheet ----------------------------------------------------------------------------------------


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


def _multiline(text: str) -> str:
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
        raise ImportRefused(
            _("Tệp lớn %(size).1f MB, vượt giới hạn %(max)s MB mỗi lần nhập.")
            % {"size": size / 1024 / 1024, "max": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_("Đây là tệp Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên."))
    if not head.startswith(b"PK"):
        raise ImportRefused(_("Tệp không phải bảng tính Excel .xlsx (đã kiểm tra nội dung tệp, không dựa vào tên)."))
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ImportRefused(_("Tệp .xlsx bị hỏng, không đọc được.")) from exc
    finally:
        fileobj.seek(0)
    if "xl/workbook.xml" not in names:
        raise ImportRefused(_("Tệp không phải bảng tính Excel .xlsx (đã kiểm tra nội dung tệp, không dựa vào tên)."))


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
        raise ImportRefused(
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
    except ImportRefused:
        raise
    except Exception as exc:  # openpyxl raises many types on damaged files
        raise ImportRefused(_("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.")) from exc
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
        raise ImportRefused(
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
        raise ImportRefused(
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


# --- 2. Matching sites and issue groups --------------------------------------------------------------------------


_UNIT_WORDS = re.compile(r"^(diem cau|tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong|dac khu)\s+")


def _bare(name: str) -> str:
    """'Điểm cầu xã Tân Minh' -> 'tan minh': folded, without the kind words in front."""
    text = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(name)).split())
    previous = None
    while previous != text:
        previous, text = text, _UNIT_WORDS.sub("", text)
    return text


@dataclass
class SiteInfo:
    pk: int
    name: str
    bare: str
    full: str
    parent_bare: str
    parent_name: str
    tier: int
    in_scope: bool


class SiteMatcher:
    """Finds a conference's bridge point from what people write: 'Xã Tân Minh', 'tan minh', 'Điểm cầu Tân Minh'."""

    def __init__(self, sites: list[BridgePoint], scope_pks: set[int]):
        self.sites = []
        for site in sites:
            unit: AdministrativeUnit | None = site.unit
            self.sites.append(
                SiteInfo(
                    pk=site.pk,
                    name=site.name,
                    bare=_bare(unit.name if unit else site.name),
                    full=" ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(site.name)).split()),
                    parent_bare=_bare(unit.parent.name) if unit and unit.parent_id else "",
                    parent_name=unit.parent.full_name if unit and unit.parent_id else "",
                    tier=unit.tier if unit else 3,
                    in_scope=site.pk in scope_pks,
                )
            )
        self.by_key: dict[str, list[SiteInfo]] = {}
        for info in self.sites:
            for key in {info.bare, info.full}:
                self.by_key.setdefault(key, []).append(info)

    def resolve(self, text: str) -> tuple[SiteInfo | None, str | None, SiteInfo | None]:
        """(site, problem, suggestion). A name shared by several sites is settled by the district named with it."""
        written = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
        first = _bare(re.split(r"[,(\-–]", fold(text))[0])
        found = self.by_key.get(written) or self.by_key.get(_bare(text)) or self.by_key.get(first) or []
        if len(found) > 1:
            narrowed = [s for s in found if s.parent_bare and s.parent_bare in written.replace(first, "", 1)]
            if len(narrowed) == 1:
                found = narrowed
            else:
                in_scope = [s for s in found if s.in_scope]
                if len(in_scope) == 1:
                    found = in_scope
        if len(found) == 1:
            site = found[0]
            if not site.in_scope:
                return None, _("Điểm cầu “%(name)s” không thuộc phạm vi đơn vị của bạn.") % {"name": site.name}, None
            return site, None, None
        if len(found) > 1 and not any(s.in_scope for s in found):
            return None, _("Điểm cầu “%(name)s” không thuộc phạm vi đơn vị của bạn.") % {"name": text}, None
        if len(found) > 1:
            names = ", ".join(f"{s.name} ({s.parent_name})" if s.parent_name else s.name for s in found)
            return None, _("“%(text)s” có thể là: %(names)s. Hãy ghi rõ hơn.") % {"text": text, "names": names}, None
        suggestion = self.suggest(text)
        return None, _("Không tìm thấy điểm cầu “%(text)s”.") % {"text": text}, suggestion

    def suggest(self, text: str) -> SiteInfo | None:
        bare = _bare(text)
        scored = [(text_similarity(bare, s.bare), s) for s in self.sites if s.in_scope]
        scored = [(score, s) for score, s in scored if score >= _SUGGEST_MIN]
        return max(scored, key=lambda item: (item[0], -item[1].tier))[1] if scored else None

    def infer_from_unit(self, unit_text: str) -> SiteInfo | None:
        """'Bí thư Đoàn xã Tân Minh' -> the Tân Minh site: the longest in-scope site name the unit ends with."""
        written = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(unit_text)).split())
        best = None
        for site in self.sites:
            if site.in_scope and site.bare and (written.endswith(" " + site.bare) or written == site.bare):
                key = (len(site.bare), site.tier)
                if best is None or key > (len(best.bare), best.tier):
                    best = site
        return best


class GroupMatcher:
    def __init__(self, groups: list[IssueGroup]):
        self.groups = [(g.pk, g.name, " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(g.name)).split())) for g in groups]

    def resolve(self, text: str) -> tuple[int | None, str | None, tuple[int, str] | None]:
        written = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
        written = re.sub(r"^(nhom van de|nhom|linh vuc)\s+(ve\s+)?", "", written)
        written = re.sub(r"^([ivxlc]+|\d+)\s+", "", written)
        exact = [g for g in self.groups if g[2] == written]
        if not exact and written:
            # Every word written appears in exactly one group's name: "vốn", "OCOP", "nông thôn mới".
            words = set(written.split())
            exact = [g for g in self.groups if words <= set(g[2].split())]
        if len(exact) == 1:
            return exact[0][0], None, None
        scored = sorted(((text_similarity(written, g[2]), g) for g in self.groups), key=lambda x: -x[0])
        suggestion = (scored[0][1][0], scored[0][1][1]) if scored and scored[0][0] >= _SUGGEST_MIN else None
        return None, _("Không có nhóm vấn đề “%(text)s” trong hội nghị này.") % {"text": text}, suggestion


# --- 3. Checking every row ----------------------------------------------------------------------------------------


@dataclass
class RowReport:
    line: int
    number: str = ""
    content: str = ""
    unit: str = ""
    group_text: str = ""
    site_text: str = ""
    site_id: int | None = None
    site_name: str = ""
    group_id: int | None = None
    group_name: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    site_suggestion: list | None = None  # [pk, name]
    group_suggestion: list | None = None
    similar: list[dict] = field(default_factory=list)  # [{pk, number, percent}]
    section: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.section


@dataclass
class Report:
    rows: list[RowReport]
    columns: list[str]
    ignored_headers: list[str]
    header_line: int

    @property
    def data_rows(self) -> list[RowReport]:
        return [r for r in self.rows if not r.section]

    @property
    def good_rows(self) -> list[RowReport]:
        return [r for r in self.rows if r.ok]

    def as_json(self) -> dict:
        return {
            "rows": [asdict(r) for r in self.rows],
            "columns": self.columns,
            "ignored_headers": self.ignored_headers,
            "header_line": self.header_line,
            "counts": {
                "rows": len(self.data_rows),
                "good": len(self.good_rows),
                "errors": sum(1 for r in self.data_rows if r.errors),
                "warnings": sum(1 for r in self.good_rows if r.warnings),
            },
        }


@dataclass
class Context:
    """What the rows are checked against: the conference's sites and groups, the user's scope, existing petitions."""

    conference: Conference
    sites: list[BridgePoint]
    scope_site_ids: set[int]
    groups: list[IssueGroup]
    existing: list[tuple[int, int, str]]  # (pk, number, content) the user can see
    default_site_id: int | None = None  # the user's own site, for rows naming none


def check_rows(sheet: Sheet, ctx: Context, corrections: dict | None = None) -> Report:
    corrections = corrections or {}
    sites = SiteMatcher(ctx.sites, ctx.scope_site_ids)
    groups = GroupMatcher(ctx.groups)
    site_names = {s.pk: s.name for s in ctx.sites}
    group_names = {g.pk: g.name for g in ctx.groups}
    existing_by_text = {}
    for pk, number, content in ctx.existing:
        existing_by_text.setdefault(fold(content), (pk, number))
    index = SimilarityIndex((pk, content) for pk, _number, content in ctx.existing)
    numbers = {pk: number for pk, number, _content in ctx.existing}
    seen_in_file: dict[str, int] = {}
    col = sheet.columns
    current_section_group: tuple[int | None, str] = (None, "")
    rows: list[RowReport] = []

    def cell(cells, key):
        return cells[col[key]] if key in col and col[key] < len(cells) else ""

    for line, cells, merged_across in sheet.rows:
        row = RowReport(
            line=line,
            number=clean(cell(cells, "number")),
            content=_multiline(cell(cells, "content")),
            unit=clean(cell(cells, "unit")),
            group_text=clean(cell(cells, "group")),
            site_text=clean(cell(cells, "site")),
        )
        fix = corrections.get(str(line), {})
        # Section rows: "I. Nhóm vấn đề về vốn" or a row merged across the table, with no unit.
        if merged_across or (_ROMAN.match(row.number) and row.content and not row.unit and len(row.content) < 200):
            row.section = True
            title = row.content if row.content else clean(next((c for c in cells if c.strip()), ""))
            row.content = title
            group_pk, _problem, _suggest = groups.resolve(re.sub(r"^[ivxlcIVXLC]+[.)]\s*", "", title))
            current_section_group = (group_pk, group_names.get(group_pk, ""))
            rows.append(row)
            continue
        # 1. Content and unit.
        if not row.content:
            row.errors.append(_("Thiếu nội dung kiến nghị."))
        if not row.unit:
            row.errors.append(_("Thiếu đơn vị kiến nghị."))
        # 2. Site: a correction chosen in the preview, the column, or inferred from the unit.
        if fix.get("site"):
            if int(fix["site"]) in ctx.scope_site_ids:
                row.site_id = int(fix["site"])
            else:
                row.errors.append(_("Điểm cầu đã chọn không thuộc phạm vi đơn vị của bạn."))
        elif row.site_text:
            site, problem, suggestion = sites.resolve(row.site_text)
            if site:
                row.site_id = site.pk
            else:
                row.errors.append(problem)
                if suggestion:
                    row.site_suggestion = [suggestion.pk, suggestion.name]
        elif row.unit:
            inferred = sites.infer_from_unit(row.unit)
            if inferred:
                row.site_id = inferred.pk
                if "site" in col:
                    row.warnings.append(
                        _("Chưa ghi điểm cầu; lấy theo đơn vị kiến nghị: %(name)s.") % {"name": inferred.name}
                    )
            elif ctx.default_site_id:
                row.site_id = ctx.default_site_id
                row.warnings.append(
                    _("Chưa ghi điểm cầu; ghi vào điểm cầu của đơn vị bạn: %(name)s.")
                    % {"name": site_names[ctx.default_site_id]}
                )
            else:
                row.errors.append(_("Chưa ghi điểm cầu."))
        else:
            row.errors.append(_("Chưa ghi điểm cầu."))
        row.site_name = site_names.get(row.site_id, "")
        # 3. Issue group: a correction, the column, the section above, or none (allowed, shown).
        if fix.get("group"):
            row.group_id = int(fix["group"]) if int(fix["group"]) in group_names else None
        elif row.group_text:
            group_pk, problem, suggestion = groups.resolve(row.group_text)
            if group_pk:
                row.group_id = group_pk
            else:
                row.errors.append(problem)
                if suggestion:
                    row.group_suggestion = list(suggestion)
        elif current_section_group[0]:
            row.group_id = current_section_group[0]
        else:
            row.warnings.append(_("Chưa phân nhóm vấn đề."))
        row.group_name = group_names.get(row.group_id, "")
        # 4. Duplicates: in the file, exactly an existing petition, or very close to one.
        if row.content:
            key = fold(row.content)
            if key in seen_in_file:
                row.errors.append(_("Trùng nội dung với dòng %(line)s trong tệp.") % {"line": seen_in_file[key]})
            else:
                seen_in_file[key] = line
            if key in existing_by_text:
                pk, number = existing_by_text[key]
                row.errors.append(_("Trùng nội dung với kiến nghị số %(n)s đã có.") % {"n": number})
                row.similar.append({"pk": pk, "number": number, "percent": 100})
            else:
                for pk, score in index.best(row.content, threshold=IMPORT_THRESHOLD, limit=3):
                    row.similar.append({"pk": pk, "number": numbers[pk], "percent": round(score * 100)})
                if row.similar:
                    row.warnings.append(
                        _("Gần giống kiến nghị số %(n)s đã có (%(p)s%%); Nội vụ có thể gộp sau.")
                        % {"n": row.similar[0]["number"], "p": row.similar[0]["percent"]}
                    )
        rows.append(row)
    found = [key for key in ("number", "content", "unit", "group", "site", "answer") if key in col]
    report = Report(rows=rows, columns=found, ignored_headers=sheet.ignored_headers, header_line=sheet.header_line)
    if "answer" in col:
        report.ignored_headers.append(_("Nội dung giải đáp (không nhập ở bước tiếp nhận)"))
    return report


# --- 4. The template ----------------------------------------------------------------------------------------------


def site_labels(sites: list[BridgePoint]) -> list[str]:
    """How the template lists sites: the name, with its district when two sites share it (Xã Hồng Phong exists in
    Bình Gia and in Cao Lộc); the import reads both forms."""
    counts: dict[str, int] = {}
    for site in sites:
        counts[fold(site.name)] = counts.get(fold(site.name), 0) + 1
    labels = []
    for site in sites:
        parent = site.unit.parent if site.unit and site.unit.parent_id else None
        ambiguous = counts[fold(site.name)] > 1
        labels.append(f"{site.name} ({parent.full_name})" if ambiguous and parent else site.name)
    return labels


def template_workbook(*, conference: Conference, sites: list[BridgePoint], groups: list[IssueGroup]) -> bytes:
    """The downloadable list: the five columns, dropdowns fed by a 'Danh mục' sheet, and a short guide."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kiến nghị"
    sheet.append(TEMPLATE_HEADERS)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FDF3E1")
    for col, width in enumerate([6, 70, 32, 36, 28], start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
        header = sheet.cell(row=1, column=col)
        header.font = bold
        header.fill = fill
        header.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    for row in range(2, 502):
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")

    lists = workbook.create_sheet("Danh mục")
    lists.append(["Nhóm vấn đề", "Điểm cầu"])
    lists["A1"].font = bold
    lists["B1"].font = bold
    lists.column_dimensions["A"].width = 60
    lists.column_dimensions["B"].width = 40
    labels = site_labels(sites)
    for i in range(max(len(groups), len(labels))):
        lists.append([groups[i].name if i < len(groups) else None, labels[i] if i < len(labels) else None])
    if groups:
        validation = DataValidation(type="list", formula1=f"='Danh mục'!$A$2:$A${len(groups) + 1}", allow_blank=True)
        validation.error = "Chọn nhóm vấn đề trong danh mục"
        sheet.add_data_validation(validation)
        validation.add("D2:D5001")
    if sites:
        validation = DataValidation(type="list", formula1=f"='Danh mục'!$B$2:$B${len(sites) + 1}", allow_blank=True)
        validation.showErrorMessage = False  # a site may also be written freely ("tan minh"); the import matches it
        sheet.add_data_validation(validation)
        validation.add("E2:E5001")

    guide = workbook.create_sheet("Hướng dẫn")
    for line in [
        conference.title,
        "",
        "Mỗi dòng là một kiến nghị. Giữ nguyên dòng tiêu đề của trang “Kiến nghị”.",
        "TT: số thứ tự trong danh sách của đơn vị (cổng tự cấp số mới khi nhập).",
        "Nội dung kiến nghị: bắt buộc; giữ nguyên cách viết của văn bản gốc.",
        "Đơn vị kiến nghị: bắt buộc, ghi như văn bản gốc, ví dụ “Bí thư Đoàn xã Tân Minh”.",
        "Nhóm vấn đề: chọn trong danh mục (có thể để trống, Nội vụ phân nhóm sau).",
        "Điểm cầu: chọn trong danh mục hoặc ghi tên xã/huyện; để trống thì cổng lấy theo đơn vị kiến nghị.",
        f"Tối đa {settings.IMPORT_MAX_ROWS:,} dòng và {settings.UPLOAD_MAX_BYTES // 1024 // 1024} MB mỗi tệp.".replace(
            ",", "."
        ),
        "Trước khi nhập, cổng hiện bản xem trước với lỗi của từng dòng; chỉ khi bạn xác nhận mới ghi vào hệ thống.",
    ]:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 110
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
