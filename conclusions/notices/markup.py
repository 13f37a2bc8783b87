"""The small markup of a notice's text (opening, sections, tasks): parsed once, rendered the same everywhere.

What a clerk may type (seed 004's emphasis, seed 001's footnotes, a small table), and nothing else:

    **đậm**   *nghiêng*   ***đậm nghiêng***        \\* a literal asterisk
    văn bản có chú thích[^1]                         [^1]: Quyết định số 522/QĐ-TTg ngày 14/5/2018 ...
    | TT | Nội dung |                               a table: one row per line between | ... |; a line of
    |----|----------|                               dashes after the first row makes it the header
    | 1  | ...      |

Line structure (paragraphs, "- " dashes, "1.1." numbered sub-headings, "a)" points) is read by the one reader of
structured text (petitions.answer_text); this module adds the runs inside a line, the footnotes and the tables.
Everything else is text: "<b>" stays the four characters it is typed as, in the page, the PDF and the DOCX.

`parse()` gives Blocks of Runs; `blocks_html()` writes them for the page and the PDF (every character of user text
escaped, markup only from the fixed set of tags below); the DOCX writer reads the same Runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from petitions import answer_text

# -- the model --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with one style. A footnote call carries its note (and no text of its own).
    `sub`: the drafter's initials in "Lưu: VT, NC(PVD)." are set as a subscript."""

    text: str
    italic: bool = False
    sub: bool = False
    bold: bool = False
    note: Footnote | None = None


@dataclass(frozen=True)
class Footnote:
    number: int
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    header: bool  # the first row is the header row

    @property
    def columns(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass(frozen=True)
class Block:
    """A paragraph-level block. kind: p, dash, sub, point, star, live (as petitions.answer_text) or table.
    `text` is the plain text (what XLSX cells and searches read); `runs` the styled text."""

    kind: str
    text: str
    lead: str = ""
    runs: tuple[Run, ...] = ()
    table: Table | None = None


@dataclass
class Notes:
    """Footnote numbers run through the whole document: one Notes per document, passed to every parse() in
    reading order."""

    items: list[Footnote] = field(default_factory=list)

    def add(self, runs: tuple[Run, ...]) -> Footnote:
        note = Footnote(len(self.items) + 1, runs)
        self.items.append(note)
        return note


def plain(runs) -> str:
    return "".join(r.text for r in runs)


def runs_of(block) -> tuple[Run, ...]:
    """The runs of a block; a plain block (an answer line, a petition's text) is one upright run."""
    runs = getattr(block, "runs", None)
    return runs if runs else (Run(block.text),) if block.text else ()


# -- inline markup ----------------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"\\([\\*\[\]|])|(\*{1,3})|\[\^([^\]\s]{1,20})\]")
_STYLE = {1: (False, True), 2: (True, False), 3: (True, True)}  # delimiter length -> (bold, italic)


@dataclass
class _Piece:
    text: str
    delim: int = 0  # length of a * run
    can_open: bool = False
    can_close: bool = False
    partner: int | None = None
    note: str | None = None  # a footnote label


def _pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            pieces.append(_Piece(text[pos : m.start()]))
        if m.group(1) is not None:
            pieces.append(_Piece(m.group(1)))
        elif m.group(2):
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            pieces.append(
                _Piece(m.group(2), delim=len(m.group(2)), can_open=not after.isspace(), can_close=not before.isspace())
            )
        else:
            pieces.append(_Piece(m.group(0), note=m.group(3)))
        pos = m.end()
    if pos < len(text):
        pieces.append(_Piece(text[pos:]))
    return pieces


def _pair(pieces: list[_Piece]) -> None:
    """Match each closing * run with the nearest open run of the same length; the rest stays literal text."""
    openers: list[int] = []
    for index, piece in enumerate(pieces):
        if not piece.delim:
            continue
        match = None
        if piece.can_close:
            match = next((i for i in reversed(openers) if pieces[i].delim == piece.delim), None)
        if match is not None:
            del openers[openers.index(match) :]
            pieces[match].partner, piece.partner = index, match
        elif piece.can_open:
            openers.append(index)


def inline(text: str, *, notes: Notes | None = None, definitions: dict | None = None) -> tuple[Run, ...]:
    """The runs of one line: emphasis, footnote calls (numbered from `notes`), escapes; the rest is text."""
    pieces = _pieces(text)
    _pair(pieces)
    runs: list[Run] = []
    bold = italic = 0
    for index, piece in enumerate(pieces):
        if piece.delim and piece.partner is not None:
            b, i = _STYLE[piece.delim]
            step = 1 if piece.partner > index else -1
            bold, italic = bold + (step if b else 0), italic + (step if i else 0)
            continue
        if piece.note is not None and notes is not None and definitions and piece.note in definitions:
            runs.append(Run("", note=notes.add(definitions[piece.note])))
            continue
        if not piece.text:
            continue
        style = {"bold": bold > 0, "italic": italic > 0}
        if runs and not runs[-1].note and (runs[-1].bold, runs[-1].italic) == (style["bold"], style["italic"]):
            runs[-1] = Run(runs[-1].text + piece.text, **style)
        else:
            runs.append(Run(piece.text, **style))
    return tuple(runs)


# -- blocks -----------------------------------------------------------------------------------------------------------
_NOTE_DEF = re.compile(r"^\[\^([^\]\s]{1,20})\]:\s*(.*)$")
_TABLE_RULE = re.compile(r"^:?-{3,}:?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _is_table_line(line: str) -> bool:
    return len(line) >= 2 and line.startswith("|") and line.endswith("|")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _CELL_SPLIT.split(line[1:-1])]


def _table(lines: list[str], notes, definitions) -> Block:
    rows = [_cells(line) for line in lines]
    header = len(rows) > 1 and all(_TABLE_RULE.match(cell) for cell in rows[1] if cell)
    if header:
        del rows[1]
    styled = tuple(tuple(inline(cell, notes=notes, definitions=definitions) for cell in row) for row in rows)
    text = "\n".join(" | ".join(row) for row in rows)
    return Block("table", text, table=Table(styled, header=header))


def _line_block(line: str, *, numbered: bool, notes, definitions) -> Block:
    shape = answer_text.blocks(line, numbered=numbered)[0]
    runs = inline(shape.text, notes=notes, definitions=definitions)
    return Block(shape.kind, plain(runs), lead=shape.lead, runs=runs)


def _definitions(text: str, notes: Notes | None) -> tuple[list[str], dict[str, tuple[Run, ...]]]:
    """The text's lines without its footnote definitions, and the definitions by label (none without `notes`)."""
    definitions: dict[str, tuple[Run, ...]] = {}
    body: list[str] = []
    for line in answer_text.lines_of(text):
        m = _NOTE_DEF.match(line)
        if m and notes is not None:
            definitions[m.group(1)] = inline(m.group(2))
        else:
            body.append(line)
    return body, definitions


def parse(text: str, *, numbered: bool = True, notes: Notes | None = None) -> list[Block]:
    """The blocks of a notice text. Footnote definitions ("[^1]: ...") anywhere in the text are taken out of the
    flow; their calls are numbered in reading order by `notes` (without `notes`, footnotes are left as typed)."""
    body, definitions = _definitions(text, notes)
    out: list[Block] = []
    table: list[str] = []
    for line in body:
        if _is_table_line(line):
            table.append(line)
            continue
        if table:
            out.append(_table(table, notes, definitions))
            table = []
        out.append(_line_block(line, numbered=numbered, notes=notes, definitions=definitions))
    if table:
        out.append(_table(table, notes, definitions))
    return out


def paragraphs(text: str, *, notes: Notes | None = None) -> list[tuple[Run, ...]]:
    """The runs of each line taken as a paragraph of its own, whatever it starts with (the opening: seed 004 lists
    its issue groups there as "- Về lao động, việc làm;" lines, printed as typed)."""
    body, definitions = _definitions(text, notes)
    return [inline(line, notes=notes, definitions=definitions) for line in body]


def strip(text: str) -> str:
    """The words of a marked-up text without its marks (titles, searches, one-line excerpts)."""
    return "\n".join(block.text for block in parse(text, notes=None))
