"""Plain text to document blocks, and the date and number wording of Decree 30/2020.

Notice parts and answers are stored as plain text with line structure (seeds 000 and 003), read into blocks by the
one reader the pages use too (petitions.answer_text): the page, the PDF, the DOCX and the XLSX show the same
structure. Blocks carry text only; the HTML templates escape it (autoescape) and the DOCX/XLSX writers put it in as
text runs.
"""

import re
from datetime import date

from petitions.answer_text import Block, blocks, lines_of

from ..markup import Run as Span  # a styled piece of text: one model for the notice's runs and these helpers

NBSP = "\u00a0"
BLANK_NUMBER = NBSP * 7  # the space a clerk leaves for the number written at issue
BLANK_DAY = NBSP * 5

_QUOTED = re.compile(r"“([^“”]{1,400})”")
_APPENDIX_REF = re.compile(r"\((chi tiết tại [Pp]hụ lục[^()]{0,80})\)")

__all__ = ["Block", "Span", "answer_blocks", "body_blocks", "lines_of"]


def answer_blocks(text: str) -> list[Block]:
    """An answer cell: starred sub-headings, dashes and paragraphs (seed 003), read as the page reads them."""
    return blocks(text)


def body_blocks(text: str) -> list[Block]:
    """The body of a notice section or task: numbered sub-headings, points, dashes (kept as "- text"), paragraphs."""
    return blocks(text, numbered=True)


def spans(text: str, *, italic_quotes: bool = True) -> list[Span]:
    """Split a paragraph of the opening into upright and italic runs: quoted titles (the theme, the report) and
    "(chi tiết tại Phụ lục ...)" are italic as in seed 000. Only the text is returned; escaping is the writer's job."""
    marks = []
    if italic_quotes:
        marks += [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)]
    marks += [(m.start(1), m.end(1)) for m in _APPENDIX_REF.finditer(text)]
    marks.sort()
    out, pos = [], 0
    for start, end in marks:
        if start < pos:
            continue
        if start > pos:
            out.append(Span(text[pos:start]))
        out.append(Span(text[start:end], italic=True))
        pos = end
    if pos < len(text):
        out.append(Span(text[pos:]))
    return out


# Decree 30/2020 Appendix I: days below 10 and the months 1 and 2 take a leading zero.
def day_str(day: date) -> str:
    return f"{day.day:02d}"


def month_str(day: date) -> str:
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def place_date(place: str, day: date, *, blank_day: bool = False) -> str:
    """'Lạng Sơn, ngày 05 tháng 4 năm 2023'; a draft leaves the day blank: 'Lạng Sơn, ngày      tháng 4 năm 2023'."""
    shown_day = BLANK_DAY if blank_day else day_str(day)
    return f"{place}, ngày {shown_day} tháng {month_str(day)} năm {day.year}"


def short_date(day: date, *, blank_day: bool = False) -> str:
    """'05/4/2023' as the appendix reference writes it."""
    return f"{BLANK_DAY if blank_day else day_str(day)}/{month_str(day)}/{day.year}"


def number_label(number: int | None, symbol: str, *, party: bool = False) -> str:
    """'12/TB-UBND' (state) or '12-TB/VPTU' (Party); a draft leaves the number blank."""
    shown = str(number) if number else BLANK_NUMBER
    return f"{shown}-{symbol}" if party else f"{shown}/{symbol}"


def archive_line(drafter_code: str, *, party: bool = False) -> list[Span]:
    """'Lưu: VT, NC(PVD).' with the drafter's initials in brackets, which the template sets as a subscript.

    Party documents write 'Lưu VPTU.' (seed 004); there the code is the whole archive note."""
    code = (drafter_code or "").strip().rstrip(".")
    if party:
        return [Span(f"Lưu {code or 'VPTU'}.")]
    if not code:
        return [Span("Lưu: VT.")]
    m = re.match(r"^(.*?)(\([^()]*\))$", code)
    if m:
        return [Span(f"Lưu: VT, {m.group(1)}"), Span(m.group(2), sub=True), Span(".")]
    return [Span(f"Lưu: VT, {code}.")]


def recipient_lines(text: str, *, party: bool = False) -> list[str]:
    """One recipient per line without its dash; a line without closing punctuation gets ';' (',' for the Party)."""
    out = []
    for line in lines_of(text):
        line = re.sub(r"^[-–•+]\s*", "", line).strip()
        if not line:
            continue
        if line[-1] not in ";,.:":
            line += "," if party else ";"
        out.append(line)
    return out


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def upper_vi(text: str) -> str:
    """Upper case that keeps Vietnamese letters right (str.upper does; named for the intent)."""
    return text.upper()
