"""Checking every row of a list against the conference: content and unit, site, issue group, duplicates.

Nothing here writes: `check_rows` returns a report of every row with its problems; services import it.
"""

import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from conferences.models import BridgePoint, Conference, IssueGroup
from conferences.text import clean, fold

from ..similarity import IMPORT_THRESHOLD, SimilarityIndex, comparable_text
from .matching import GroupMatcher, SiteMatcher
from .sheet import Sheet, multiline

_ROMAN = re.compile(r"^[ivx]+\.?$", re.IGNORECASE)


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
    site_suggestion_sure: bool = False  # pre-selected in the preview (a weak guess is only offered)
    group_suggestion_sure: bool = False
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
    existing: list[tuple[int, int, str, str]]  # (pk, number, content, search_text) the user can see
    default_site_id: int | None = None  # the user's own site, for rows naming none


class _Checker:
    """Checks rows one by one, remembering what the file said so far (the section's group, contents seen)."""

    def __init__(self, sheet: Sheet, ctx: Context, corrections: dict):
        self.ctx = ctx
        self.columns = sheet.columns
        self.corrections = corrections
        self.sites = SiteMatcher(ctx.sites, ctx.scope_site_ids)
        self.groups = GroupMatcher(ctx.groups)
        self.site_names = {s.pk: s.name for s in ctx.sites}
        self.group_names = {g.pk: g.name for g in ctx.groups}
        self.existing_by_text: dict[str, tuple[int, int]] = {}
        for pk, number, content, _searched in ctx.existing:
            self.existing_by_text.setdefault(fold(content), (pk, number))
        # Compared on the stored search text, as the petition page and the form compare (petitions.similarity).
        self.index = SimilarityIndex((pk, searched) for pk, _number, _content, searched in ctx.existing)
        self.numbers = {pk: number for pk, number, _content, _searched in ctx.existing}
        self.seen_in_file: dict[str, int] = {}
        self.section_group: int | None = None

    def cell(self, cells: list[str], key: str) -> str:
        col = self.columns
        return cells[col[key]] if key in col and col[key] < len(cells) else ""

    def check(self, line: int, cells: list[str], merged_across: bool) -> RowReport:
        row = RowReport(
            line=line,
            number=clean(self.cell(cells, "number")),
            content=multiline(self.cell(cells, "content")),
            unit=clean(self.cell(cells, "unit")),
            group_text=clean(self.cell(cells, "group")),
            site_text=clean(self.cell(cells, "site")),
        )
        # Section rows: "I. Nhóm vấn đề về vốn" or a row merged across the table, with no unit.
        if merged_across or (_ROMAN.match(row.number) and row.content and not row.unit and len(row.content) < 200):
            self.section(row, cells)
            return row
        fix = self.corrections.get(str(line), {})
        # 1. Content and unit.
        if not row.content:
            row.errors.append(_("Thiếu nội dung kiến nghị."))
        if not row.unit:
            row.errors.append(_("Thiếu đơn vị kiến nghị."))
        self.site(row, fix)
        self.group(row, fix)
        if row.content:
            self.duplicates(row)
        return row

    def section(self, row: RowReport, cells: list[str]) -> None:
        """A section row sets the issue group of the rows below it."""
        row.section = True
        row.content = row.content if row.content else clean(next((c for c in cells if c.strip()), ""))
        group_pk, _problem, _suggest = self.groups.resolve(re.sub(r"^[ivxlcIVXLC]+[.)]\s*", "", row.content))
        self.section_group = group_pk

    def site(self, row: RowReport, fix: dict) -> None:
        """2. Site: a correction chosen in the preview, the column, or inferred from the unit."""
        if fix.get("site"):
            if int(fix["site"]) in self.ctx.scope_site_ids:
                row.site_id = int(fix["site"])
            else:
                row.errors.append(_("Điểm cầu đã chọn không thuộc phạm vi đơn vị của bạn."))
        elif row.site_text:
            site, problem, suggestion = self.sites.resolve(row.site_text, row.unit)
            if site:
                row.site_id = site.pk
            else:
                row.errors.append(problem)
                if suggestion:
                    row.site_suggestion, row.site_suggestion_sure = [suggestion.pk, suggestion.name], suggestion.sure
        elif row.unit:
            self.site_from_unit(row)
        else:
            row.errors.append(_("Chưa ghi điểm cầu."))
        row.site_name = self.site_names.get(row.site_id, "")

    def site_from_unit(self, row: RowReport) -> None:
        inferred = self.sites.infer_from_unit(row.unit)
        if inferred:
            row.site_id = inferred.pk
            if "site" in self.columns:
                row.warnings.append(
                    _("Chưa ghi điểm cầu; lấy theo đơn vị kiến nghị: %(name)s.") % {"name": inferred.name}
                )
        elif self.ctx.default_site_id:
            row.site_id = self.ctx.default_site_id
            row.warnings.append(
                _("Chưa ghi điểm cầu; ghi vào điểm cầu của đơn vị bạn: %(name)s.")
                % {"name": self.site_names[self.ctx.default_site_id]}
            )
        else:
            row.errors.append(_("Chưa ghi điểm cầu."))

    def group(self, row: RowReport, fix: dict) -> None:
        """3. Issue group: a correction, the column, the section above, or none (allowed, shown)."""
        if fix.get("group"):
            row.group_id = int(fix["group"]) if int(fix["group"]) in self.group_names else None
        elif row.group_text:
            group_pk, problem, suggestion = self.groups.resolve(row.group_text)
            if group_pk:
                row.group_id = group_pk
            else:
                row.errors.append(problem)
                if suggestion:
                    row.group_suggestion, row.group_suggestion_sure = [suggestion.pk, suggestion.name], suggestion.sure
        elif self.section_group:
            row.group_id = self.section_group
        else:
            row.warnings.append(_("Chưa phân nhóm vấn đề."))
        row.group_name = self.group_names.get(row.group_id, "")

    def duplicates(self, row: RowReport) -> None:
        """4. Duplicates: in the file, exactly an existing petition, or very close to one."""
        key = fold(row.content)
        if key in self.seen_in_file:
            row.errors.append(_("Trùng nội dung với dòng %(line)s trong tệp.") % {"line": self.seen_in_file[key]})
        else:
            self.seen_in_file[key] = row.line
        if key in self.existing_by_text:
            pk, number = self.existing_by_text[key]
            row.errors.append(_("Trùng nội dung với kiến nghị số %(n)s đã có.") % {"n": number})
            row.similar.append({"pk": pk, "number": number, "percent": 100})
            return
        for pk, score in self.index.best(comparable_text(row.content, row.unit), threshold=IMPORT_THRESHOLD, limit=3):
            row.similar.append({"pk": pk, "number": self.numbers[pk], "percent": round(score * 100)})
        if row.similar:
            row.warnings.append(
                _("Gần giống kiến nghị số %(n)s đã có (%(p)s%%); Nội vụ có thể gộp sau.")
                % {"n": row.similar[0]["number"], "p": row.similar[0]["percent"]}
            )


def check_rows(sheet: Sheet, ctx: Context, corrections: dict | None = None) -> Report:
    checker = _Checker(sheet, ctx, corrections or {})
    rows = [checker.check(line, cells, merged_across) for line, cells, merged_across in sheet.rows]
    col = sheet.columns
    found = [key for key in ("number", "content", "unit", "group", "site", "answer") if key in col]
    report = Report(
        rows=rows, columns=found, ignored_headers=list(sheet.ignored_headers), header_line=sheet.header_line
    )
    if "answer" in col:
        report.ignored_headers.append(_("Nội dung giải đáp (không nhập ở bước tiếp nhận)"))
    return report
