"""The appendices of a notice as the writers read them: which petitions each lists, in which order, grouped under
issue-group rows (I., II., ...) or as one flat table (seed 003), with its label and reference line.

`build_appendices` makes a fixed number of queries whatever the number of petitions: a light list of the answered
petitions (number, issue group) decides membership and order; only the rows to print are then read in full (the
notice page previews the first rows of a large appendix at the cost of those rows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from petitions.models import ANSWERED_PETITION_STATES, Answer, Petition

from ...models import AppendixOrder, AppendixReference, ConclusionNotice, DocumentStyle, NoticeAppendix
from ..markup import Block
from .text import lines_of, number_label, roman, short_date

NO_GROUP = "Các ý kiến, kiến nghị khác"


@dataclass
class AppendixRow:
    number: int
    petition_id: int
    question: list[Block]
    units: list[str]
    agencies: list[str]
    answer: list[Block]


@dataclass
class AppendixGroup:
    label: str  # "I", "II", ...; "" in a flat appendix
    name: str
    rows: list[AppendixRow]
    continued: bool = False  # a later part of a group split across documents
    total: int | None = None  # rows of the whole group when `rows` holds only the first ones (the page's preview)

    @property
    def count(self) -> int:
        return len(self.rows) if self.total is None else self.total

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.name.upper()}" + (" (tiếp theo)" if self.continued else "")


@dataclass
class AppendixChunk:
    """A slice of the appendix laid out as one document: the first carries the heading."""

    index: int
    first: bool
    groups: list[AppendixGroup]

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


@dataclass
class Appendix:
    title: str
    reference: str
    show_agency: bool
    landscape: bool
    groups: list[AppendixGroup]
    # Large appendices start every issue group on a new page, so the groups can be laid out in parallel.
    groups_on_new_page: bool = False
    label: str = "Phụ lục"  # "Phụ lục I", "Phụ lục II" when a notice has several
    grouped: bool = True  # False: one flat table, no issue-group rows (seed 003)

    @property
    def row_count(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def show_group_headings(self) -> bool:
        return self.grouped and bool(self.groups)

    def chunks(self, *, max_rows: int) -> list[AppendixChunk]:
        """The documents the appendix is laid out in.

        A small appendix is one document (no forced page breaks). A large one is cut at issue-group boundaries, and
        a group longer than max_rows into near-equal parts, so each document stays small in memory.
        """
        if not self.groups_on_new_page:
            return [AppendixChunk(index=0, first=True, groups=self.groups)]
        chunks: list[AppendixChunk] = []
        for group in self.groups:
            parts = max(1, math.ceil(len(group.rows) / max_rows))
            size = math.ceil(len(group.rows) / parts) if group.rows else 0
            for part in range(parts):
                rows = group.rows[part * size : (part + 1) * size]
                piece = AppendixGroup(group.label, group.name, rows, continued=part > 0)
                chunks.append(AppendixChunk(index=len(chunks), first=not chunks, groups=[piece]))
        return chunks or [AppendixChunk(index=0, first=True, groups=[])]


# -- reading the rows -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Listed:
    """An answered petition as the light list reads it: enough to decide its appendix and its place."""

    pk: int
    number: int
    group_id: int | None
    group_name: str
    group_position: int

    @property
    def group_key(self) -> tuple:
        # Petitions without an issue group come last, under "Các ý kiến, kiến nghị khác".
        return (self.group_id is None, self.group_position, self.group_name, self.group_id or 0)


def _listed(conference) -> list[_Listed]:
    rows = (
        Petition.objects.filter(conference=conference, status__in=ANSWERED_PETITION_STATES)
        .order_by("number")
        .values_list("pk", "number", "issue_group_id", "issue_group__name", "issue_group__position")
    )
    return [_Listed(pk, number, gid, name or NO_GROUP, position or 0) for pk, number, gid, name, position in rows]


def appendix_petitions(conference):
    """Petitions the appendix lists: answered or published, merged duplicates folded in (3 queries)."""
    answers = (
        Answer.objects.approved_or_published()
        .select_related("agency", "sub_question")
        .order_by("sub_question__position", "id")
    )
    return (
        Petition.objects.filter(conference=conference, status__in=ANSWERED_PETITION_STATES)
        .select_related("issue_group")
        .with_merged_units()
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="appendix_answers"))
    )


def _group_ids(spec: NoticeAppendix) -> set[int]:
    return {g.pk for g in spec.issue_groups.all()} if spec.pk else set()


def _members(specs: list[NoticeAppendix], listed: list[_Listed]) -> dict[int, list[_Listed]]:
    """Which petitions each appendix lists: those of the issue groups it names; the first appendix that names no
    group takes every petition no other appendix took."""
    taken: set[int] = set()
    members: dict[int, list[_Listed]] = {spec.position: [] for spec in specs}
    for spec in specs:
        groups = _group_ids(spec)
        if groups:
            members[spec.position] = [p for p in listed if p.group_id in groups and p.pk not in taken]
            taken.update(p.pk for p in members[spec.position])
    rest = next((spec for spec in specs if not _group_ids(spec)), None)
    if rest is not None:
        members[rest.position] = [p for p in listed if p.pk not in taken]
    return members


def _ordered(spec: NoticeAppendix, rows: list[_Listed]) -> list[_Listed]:
    """The rows in the appendix's order; a grouped appendix keeps that order inside each issue group."""
    if spec.order == AppendixOrder.CHOSEN:
        place = {number: index for index, number in enumerate(spec.chosen_numbers())}
        rows = sorted(rows, key=lambda p: (place.get(p.number, len(place)), p.number))
    elif spec.order == AppendixOrder.GROUP:
        rows = sorted(rows, key=lambda p: (p.group_key, p.number))
    if spec.grouped:
        rows = sorted(rows, key=lambda p: p.group_key)  # stable: the order above holds inside each group
    return rows


def unlisted_numbers(notice: ConclusionNotice) -> list[int]:
    """Numbers of answered petitions no appendix lists (every appendix names issue groups, and theirs is not)."""
    specs = _specs(notice)
    listed = _listed(notice.conference)
    members = _members(specs, listed)
    inside = {p.pk for rows in members.values() for p in rows}
    return [p.number for p in listed if p.pk not in inside]


def _specs(notice: ConclusionNotice) -> list[NoticeAppendix]:
    """The notice's appendices (prefetched with their groups by the reader, else read here in two queries); a
    notice without any row prints one appendix with the defaults."""
    if "appendices" in getattr(notice, "_prefetched_objects_cache", {}):
        specs = list(notice.appendices.all())
    else:
        specs = list(notice.appendices.order_by("position").prefetch_related("issue_groups"))
    return specs or [NoticeAppendix(notice=notice, position=1)]


# -- the appendices ---------------------------------------------------------------------------------------------------
def _reference(notice: ConclusionNotice, spec: NoticeAppendix, day: date) -> str:
    party = notice.style == DocumentStyle.PARTY
    number = number_label(notice.number, notice.symbol, party=party)
    when = short_date(day, blank_day=notice.is_draft)
    issuer = spec.reference_issuer.strip() or notice.issuing_agency.short_name or notice.issuing_agency.name
    if spec.reference_wording == AppendixReference.ISSUED_WITH:
        return f"(Ban hành kèm theo Thông báo số: {number} ngày {when} của {issuer})"
    return f"(Kèm theo Thông báo số {number} ngày {when} của {issuer})"


def _groups(spec: NoticeAppendix, ordered: list[_Listed], rows: dict[int, AppendixRow]) -> list[AppendixGroup]:
    """The printed groups; with a preview limit, `rows` holds only the first rows and each group its full size."""
    if not spec.grouped:
        shown = [rows[p.pk] for p in ordered if p.pk in rows]
        return [AppendixGroup("", "", shown, total=len(ordered) if len(shown) < len(ordered) else None)]
    groups: dict[tuple, AppendixGroup] = {}
    sizes: dict[tuple, int] = {}
    for p in ordered:
        group = groups.setdefault(p.group_key, AppendixGroup("", p.group_name, []))
        sizes[p.group_key] = sizes.get(p.group_key, 0) + 1
        if p.pk in rows:
            group.rows.append(rows[p.pk])
    for index, (key, group) in enumerate(groups.items(), start=1):
        group.label = roman(index)
        if len(group.rows) < sizes[key]:
            group.total = sizes[key]
    return list(groups.values())


def build_appendices(
    notice: ConclusionNotice, day: date, *, large_rows: int, limit: int | None, row
) -> tuple[list[Appendix], list[int]]:
    """The notice's appendices with their rows (`row(petition, number) -> AppendixRow`), and the numbers of the
    answered petitions none of them lists. An appendix with no row is left out. `limit`: only the first rows
    overall are read in full (the page's preview)."""
    specs = _specs(notice)
    listed = _listed(notice.conference)
    members = _members(specs, listed)
    ordered = {spec.position: _ordered(spec, members[spec.position]) for spec in specs}
    in_print_order = [p for spec in specs for p in ordered[spec.position]]
    wanted = in_print_order if limit is None else in_print_order[:limit]
    petitions = appendix_petitions(notice.conference)
    if limit is not None:
        petitions = petitions.filter(pk__in=[p.pk for p in wanted])
    by_pk = {petition.pk: petition for petition in petitions}
    several = len(specs) > 1
    out = []
    for spec in specs:
        numbers = {p.pk: n for n, p in enumerate(ordered[spec.position], start=1)}
        rows = {pk: row(by_pk[pk], numbers[pk]) for pk in numbers if pk in by_pk}
        if not numbers:
            continue
        appendix = Appendix(
            title=spec.title.strip(),
            reference=_reference(notice, spec, day),
            show_agency=spec.show_agency,
            landscape=spec.landscape,
            groups=_groups(spec, ordered[spec.position], rows),
            label=f"Phụ lục {roman(spec.position)}" if several else "Phụ lục",
            grouped=spec.grouped,
        )
        appendix.groups_on_new_page = appendix.row_count > large_rows
        out.append(appendix)
    inside = {p.pk for p in in_print_order}
    return out, [p.number for p in listed if p.pk not in inside]


def question_blocks(content: str) -> list[Block]:
    return [Block("p", line) for line in lines_of(content)]
