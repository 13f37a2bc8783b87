"""What a notice says, read from the database once and shaped for the writers (PDF, DOCX, XLSX).

`notice_content(notice)` makes a fixed number of queries whatever the number of petitions, and returns plain
dataclasses: the writers never touch the ORM, so the PDF pages can be laid out in worker processes and the three
formats are guaranteed to show the same text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from petitions.models import Answer, AnswerState, Petition, PetitionStatus

from ..live_summary import IN_WRITING_MARK, answered_in_writing_ids
from ..models import ConclusionNotice, DocumentStyle, NoticeSection
from .text import (
    Block,
    Span,
    answer_blocks,
    archive_line,
    body_blocks,
    lines_of,
    number_label,
    place_date,
    recipient_lines,
    roman,
    short_date,
    spans,
)

# Statutory limit for the conclusion (Decree 13/2021 Art. 11): the draft's month is the month it is due in.
CONCLUSION_DUE_DAYS = 10
APPENDIX_STATES = (PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED)
ANSWER_STATES = (AnswerState.APPROVED, AnswerState.PUBLISHED)


@dataclass
class Paragraph:
    spans: list[Span]


@dataclass
class Section:
    number: str  # "1."
    heading: str
    blocks: list[Block]


@dataclass
class AppendixRow:
    number: int
    petition_id: int
    question: list[Block]
    units: list[str]
    agencies: list[str]
    answer: list[Block]

    @property
    def weight(self) -> int:
        """Characters in the row: the layout cost of the row, used to balance parallel work."""
        return sum(len(b.text) + len(b.lead) for b in (*self.question, *self.answer)) + 40


@dataclass
class AppendixGroup:
    label: str  # "I", "II", ...
    name: str
    rows: list[AppendixRow]
    continued: bool = False  # a later part of a group split across documents

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
    def weight(self) -> int:
        return sum(row.weight for group in self.groups for row in group.rows)

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

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def show_group_headings(self) -> bool:
        return bool(self.groups)

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


@dataclass
class NoticeContent:
    notice_id: int
    revision: int
    is_draft: bool
    party: bool
    body_lines: list[str]
    number_line: str
    place_date: str
    doc_type: str
    title_lines: list[str]
    legal_bases: list[str]
    opening: list[Paragraph]
    sections: list[Section]
    closing_line: str
    recipients: list[str]
    archive: list[Span]
    signature_lines: list[str]
    signer_name: str
    appendix: Appendix | None
    pdf_title: str = ""
    author: str = ""
    issue_day: date | None = None
    extra: dict = field(default_factory=dict)


def planned_day(notice: ConclusionNotice) -> date:
    """The issue date, or for a draft the day it is planned for: the clerk's date, else the statutory limit."""
    if notice.issue_date:
        return notice.issue_date
    held = notice.conference.dialogue_date
    if held:
        return held + timedelta(days=CONCLUSION_DUE_DAYS)
    return timezone.localdate()


def _sections(notice: ConclusionNotice, sections: list[NoticeSection]) -> list[Section]:
    out = []
    for index, section in enumerate(sections, start=1):
        blocks = body_blocks(section.body)
        if not section.heading.strip() and blocks:
            # Party style (seed 004): "1. Các cấp uỷ đảng..." carries the number inline in its first paragraph.
            first = blocks[0]
            blocks[0] = Block(first.kind, first.text, lead=f"{index}.")
        subs = sum(1 for b in blocks if b.kind == "sub")
        for d_index, directive in enumerate(section.directives.all(), start=subs + 1):
            number = f"{index}.{d_index}."
            text_blocks = body_blocks(directive.text)
            heading = directive.heading.strip()
            if not heading:
                blocks += text_blocks
            elif len(text_blocks) == 1 and text_blocks[0].kind == "p":
                # "2.2. Sở Kế hoạch và Đầu tư: chủ trì, ..." (seed 000) when the task is one paragraph.
                blocks.append(Block("p", text_blocks[0].text, lead=f"{number} {heading}:"))
            else:
                blocks.append(Block("sub", heading, lead=number))
                blocks += text_blocks
        out.append(Section(number=f"{index}.", heading=section.heading.strip(), blocks=blocks))
    return out


def _answer_of(petition: Petition) -> tuple[list[Block], list[str]]:
    answers: list[Answer] = petition.appendix_answers
    whole = [a for a in answers if a.sub_question_id is None]
    parts = sorted((a for a in answers if a.sub_question_id), key=lambda a: (a.sub_question.position, a.pk))
    blocks: list[Block] = []
    agencies: list[str] = []
    for answer in [*whole, *parts]:
        if answer.agency_id and str(answer.agency) not in agencies:
            agencies.append(str(answer.agency))
        if answer.sub_question_id and not answer.text.lstrip().startswith("*"):
            blocks.append(Block("star", answer.sub_question.content))
        if answer.answered_at_conference:
            who = f" ({answer.answered_by})" if answer.answered_by else ""
            blocks.append(Block("live", f"Đã trả lời trực tiếp tại Hội nghị{who}."))
        blocks += answer_blocks(answer.text)
    return blocks, agencies


def appendix_petitions(conference):
    """Petitions the appendix lists: answered or published, merged duplicates folded in (4 queries)."""
    answers = (
        Answer.objects.filter(state__in=ANSWER_STATES)
        .select_related("agency", "sub_question")
        .order_by("sub_question__position", "id")
    )
    return (
        Petition.objects.filter(conference=conference, status__in=APPENDIX_STATES)
        .select_related("issue_group")
        .with_merged_units()
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="appendix_answers"))
        .order_by("issue_group__position", "issue_group__name", "number")
    )


def _appendix(notice: ConclusionNotice, day: date, large_rows: int) -> Appendix | None:
    groups: list[AppendixGroup] = []
    by_key: dict[object, AppendixGroup] = {}
    number = 0
    in_writing = answered_in_writing_ids(notice.conference)
    for petition in appendix_petitions(notice.conference):
        key = petition.issue_group_id
        if key not in by_key:
            name = petition.issue_group.name if petition.issue_group else "Các ý kiến, kiến nghị khác"
            by_key[key] = AppendixGroup(label="", name=name, rows=[])
            groups.append(by_key[key])
        number += 1
        answer, agencies = _answer_of(petition)
        if petition.pk in in_writing:
            answer.insert(0, Block("live", IN_WRITING_MARK))
        by_key[key].rows.append(
            AppendixRow(
                number=number,
                petition_id=petition.pk,
                question=[Block("p", line) for line in lines_of(petition.content)],
                units=petition.submitting_units,
                agencies=agencies,
                answer=answer,
            )
        )
    if not groups:
        return None
    # Groups with no petition of their own are skipped, so numbering is I, II, ... over the groups shown.
    for index, group in enumerate(groups, start=1):
        group.label = roman(index)
    party = notice.style == DocumentStyle.PARTY
    issuer = notice.issuing_agency.short_name or notice.issuing_agency.name
    reference = (
        f"(Kèm theo Thông báo số {number_label(notice.number, notice.symbol, party=party)} "
        f"ngày {short_date(day, blank_day=notice.is_draft)} của {issuer})"
    )
    return Appendix(
        title=notice.appendix_title.strip(),
        reference=reference,
        show_agency=notice.appendix_show_agency,
        landscape=notice.appendix_landscape,
        groups=groups,
        groups_on_new_page=number > large_rows,
    )


def notice_content(notice: ConclusionNotice, *, large_rows: int | None = None) -> NoticeContent:
    """Everything the writers need, in a fixed number of queries."""
    from django.conf import settings

    if large_rows is None:
        large_rows = settings.NOTICE_LARGE_APPENDIX_ROWS
    notice = (
        ConclusionNotice.objects.select_related("conference__organising_unit", "issuing_agency")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=NoticeSection.objects.order_by("position", "id").prefetch_related("directives"),
            )
        )
        .get(pk=notice.pk)
    )
    party = notice.style == DocumentStyle.PARTY
    day = planned_day(notice)
    title_lines = lines_of(notice.title)
    body_lines = [line.upper() for line in lines_of(notice.issuing_body_lines)]
    authority = (notice.signature_authority or "").strip()
    signature_lines = []
    if authority:
        signature_lines.append(f"{authority} {notice.signature_authority_line.strip()}".strip().upper())
    if notice.signer_title.strip():
        signature_lines.append(notice.signer_title.strip().upper())
    number_text = number_label(notice.number, notice.symbol, party=party)
    return NoticeContent(
        notice_id=notice.pk,
        revision=notice.revision,
        is_draft=notice.is_draft,
        party=party,
        body_lines=body_lines,
        number_line=f"Số {number_text}" if party else f"Số: {number_text}",
        place_date=place_date(notice.place, day, blank_day=notice.is_draft),
        doc_type="THÔNG BÁO",
        title_lines=title_lines,
        legal_bases=lines_of(notice.legal_bases),
        opening=[Paragraph(spans(line)) for line in lines_of(notice.opening)],
        sections=_sections(notice, list(notice.sections.all())),
        closing_line=notice.closing_line.strip(),
        recipients=recipient_lines(notice.recipients, party=party),
        archive=archive_line(notice.drafter_code, party=party),
        signature_lines=signature_lines,
        signer_name=notice.signer_name.strip(),
        appendix=_appendix(notice, day, large_rows),
        pdf_title=" ".join(["Thông báo", number_text.replace("\u00a0", "").strip(), *title_lines[:1]]),
        author=notice.issuing_agency.name,
        issue_day=notice.issue_date if not notice.is_draft else None,
    )
