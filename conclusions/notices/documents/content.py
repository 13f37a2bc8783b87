"""What a notice says, read from the database once and shaped for the writers (PDF, DOCX, XLSX) and the page.

`notice_content(notice)` makes a fixed number of queries whatever the number of petitions, and returns plain
dataclasses: the writers never touch the ORM, so the PDF pages can be laid out in worker processes and the three
formats are guaranteed to show the same text. The notice's own text is read by the one markup parser
(conclusions.notices.markup) in reading order, so footnotes are numbered once for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from conferences.services import conclusion_due
from petitions.models import Answer, Petition

from ...models import ConclusionNotice, DocumentStyle, NoticeAppendix, NoticeSection
from .. import markup
from ..drafting import current_opening
from ..live_summary import IN_WRITING_MARK, answered_in_writing_ids
from ..markup import Block, Footnote, Notes, Run
from .appendix import (
    Appendix,
    AppendixChunk,
    AppendixGroup,
    AppendixRow,
    appendix_petitions,
    build_appendices,
    question_blocks,
)
from .text import Span, answer_blocks, archive_line, lines_of, number_label, place_date, recipient_lines, spans

__all__ = [
    "Appendix",
    "AppendixChunk",
    "AppendixGroup",
    "AppendixRow",
    "NoticeContent",
    "Paragraph",
    "Section",
    "appendix_petitions",
    "notice_content",
    "planned_day",
]


@dataclass
class Paragraph:
    spans: list[Span]


@dataclass
class Section:
    number: str  # "1."
    heading: str
    blocks: list[Block]
    # The section's own text and each task's (by task id), as printed: the notice page shows them beside the
    # buttons that edit them.
    body: list[Block] = field(default_factory=list)
    tasks: dict[int, list[Block]] = field(default_factory=dict)


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
    # Every appendix in order (Phụ lục I, II, ...); `appendix` is the first. Either may be given.
    appendices: list[Appendix] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    unlisted: list[int] = field(default_factory=list)  # answered petitions no appendix lists (issue refused)

    def __post_init__(self):
        if not self.appendices and self.appendix is not None:
            self.appendices = [self.appendix]
        elif self.appendices and self.appendix is None:
            self.appendix = self.appendices[0]


def planned_day(notice: ConclusionNotice) -> date:
    """The issue date, or for a draft the day it is planned for: the clerk's date, else the statutory limit after
    the dialogue (conferences.services.conclusion_due, 10 or 15 days)."""
    if notice.issue_date:
        return notice.issue_date
    held = notice.conference.dialogue_date
    if held:
        return conclusion_due(held, complex_matters=notice.complex_matters).due
    return timezone.localdate()


def _opening(text: str, notes: Notes) -> list[Paragraph]:
    """One paragraph per line, each with its marked runs; an unmarked quoted title (the theme) and "(chi tiết tại
    Phụ lục ...)" are set in italic, as in seed 000."""
    out = []
    for runs in markup.paragraphs(text, notes=notes):
        styled: list[Run] = []
        for run in runs:
            if run.bold or run.italic or run.note:
                styled.append(run)
            else:
                styled += spans(run.text)
        out.append(Paragraph(styled))
    return out


def _sections(notice: ConclusionNotice, sections: list[NoticeSection], notes: Notes) -> list[Section]:
    out = []
    for index, section in enumerate(sections, start=1):
        body = markup.parse(section.body, notes=notes)
        blocks = list(body)
        if not section.heading.strip() and blocks:
            # Party style (seed 004): "1. Các cấp uỷ đảng..." carries the number inline in its first paragraph.
            blocks[0] = replace(blocks[0], lead=f"{index}.")
        subs = sum(1 for b in blocks if b.kind == "sub")
        tasks = {}
        for d_index, directive in enumerate(section.directives.all(), start=subs + 1):
            number = f"{index}.{d_index}."
            text_blocks = tasks[directive.pk] = markup.parse(directive.text, notes=notes)
            heading = directive.heading.strip()
            if not heading:
                blocks += text_blocks
            elif len(text_blocks) == 1 and text_blocks[0].kind == "p":
                # "2.2. Sở Kế hoạch và Đầu tư: chủ trì, ..." (seed 000) when the task is one paragraph.
                blocks.append(replace(text_blocks[0], lead=f"{number} {heading}:"))
            else:
                blocks.append(Block("sub", heading, lead=number, runs=(Run(heading),)))
                blocks += text_blocks
        out.append(Section(f"{index}.", section.heading.strip(), blocks, body=body, tasks=tasks))
    return out


def _answer_of(petition: Petition) -> tuple[list[Block], list[str]]:
    answers: list[Answer] = petition.appendix_answers
    whole = [a for a in answers if a.sub_question_id is None]
    parts = sorted((a for a in answers if a.sub_question_id), key=lambda a: (a.sub_question.position, a.pk))
    blocks: list = []
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


def _row(petition: Petition, number: int, *, in_writing: frozenset[int] = frozenset()) -> AppendixRow:
    answer, agencies = _answer_of(petition)
    if petition.pk in in_writing:
        answer.insert(0, Block("live", IN_WRITING_MARK))
    return AppendixRow(
        number=number,
        petition_id=petition.pk,
        question=question_blocks(petition.content),
        units=petition.submitting_units,
        agencies=agencies,
        answer=answer,
    )


def _signature_lines(notice: ConclusionNotice) -> list[str]:
    authority = (notice.signature_authority or "").strip()
    lines = []
    if authority:
        lines.append(f"{authority} {notice.signature_authority_line.strip()}".strip().upper())
    if notice.signer_title.strip():
        lines.append(notice.signer_title.strip().upper())
    return lines


def read_notice(pk: int) -> ConclusionNotice:
    """The notice with everything its documents show, in a fixed number of queries."""
    return (
        ConclusionNotice.objects.select_related("conference__organising_unit", "issuing_agency")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=NoticeSection.objects.order_by("position", "id").prefetch_related("directives"),
            ),
            Prefetch(
                "appendices", queryset=NoticeAppendix.objects.order_by("position").prefetch_related("issue_groups")
            ),
        )
        .get(pk=pk)
    )


def notice_content(
    notice: ConclusionNotice, *, large_rows: int | None = None, appendix_limit: int | None = None
) -> NoticeContent:
    """Everything the writers need, in a fixed number of queries. `appendix_limit`: only the first rows of the
    appendix (the notice page's preview), with the sizes of the whole."""
    if large_rows is None:
        large_rows = settings.NOTICE_LARGE_APPENDIX_ROWS
    notice = read_notice(notice.pk)
    party = notice.style == DocumentStyle.PARTY
    day = planned_day(notice)
    title_lines = [markup.strip(line) for line in lines_of(notice.title)]
    number_text = number_label(notice.number, notice.symbol, party=party)
    notes = Notes()
    opening = _opening(current_opening(notice), notes)
    sections = _sections(notice, list(notice.sections.all()), notes)
    row = partial(_row, in_writing=frozenset(answered_in_writing_ids(notice.conference)))
    appendices, unlisted = build_appendices(notice, day, large_rows=large_rows, limit=appendix_limit, row=row)
    return NoticeContent(
        notice_id=notice.pk,
        revision=notice.revision,
        is_draft=notice.is_draft,
        party=party,
        body_lines=[line.upper() for line in lines_of(notice.issuing_body_lines)],
        number_line=f"Số {number_text}" if party else f"Số: {number_text}",
        place_date=place_date(notice.place, day, blank_day=notice.is_draft),
        doc_type="THÔNG BÁO",
        title_lines=title_lines,
        legal_bases=lines_of(notice.legal_bases),
        opening=opening,
        sections=sections,
        closing_line=notice.closing_line.strip(),
        recipients=recipient_lines(notice.recipients, party=party),
        archive=archive_line(notice.drafter_code, party=party),
        signature_lines=_signature_lines(notice),
        signer_name=notice.signer_name.strip(),
        appendix=appendices[0] if appendices else None,
        appendices=appendices,
        footnotes=notes.items,
        unlisted=unlisted,
        pdf_title=" ".join(["Thông báo", number_text.replace("\u00a0", "").strip(), *title_lines[:1]]),
        author=notice.issuing_agency.name,
        issue_day=notice.issue_date if not notice.is_draft else None,
    )
