"""Where a line of a notice may break, the same in the PDF (HTML) and the DOCX.

- Document numbers and dates stay whole: "08/2019/NQ-HĐND", "3188/QĐ-UBND", "12/4/2024" are never cut at their "/"
  or "-" (a reader must not have to join "08/2019/NQ-" and "HĐND" across lines).
- A spaced dash stays on the line of the word before it: "chính trị - xã hội" never puts "- xã hội" at the start of
  a line, where it would read as a new item of a list.
- The last word of a paragraph is tied to the one before it, so "hiện./." never stands alone on a last line.

The text a reader copies keeps its words: only spaces become no-break spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.html import escape

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
# A number or code joined by "/" or "-" ("08/2019/NQ-HĐND", "01-ĐA/TU", "12/4/2024", "2022-2030", "NĐ-CP"); long
# tokens (web addresses) may still break, a narrow column must be able to hold them.
_UNBREAKABLE = re.compile(r"(?<![\w/])(?:\d[\w&]*|[A-ZĐ][\w&]*)(?:[/\-][\w&]+)+(?![\w/])")
MAX_UNBREAKABLE = 20
_SPACED_DASH = re.compile(r" ([-–]) ")
SHORT_LAST_WORD = 12


def unbreakable_spans(text: str) -> Iterator[tuple[str, bool]]:
    """The text in pieces, each with whether it must not be broken."""
    pos = 0
    for m in _UNBREAKABLE.finditer(text):
        if len(m.group(0)) > MAX_UNBREAKABLE:
            continue
        if m.start() > pos:
            yield text[pos : m.start()], False
        yield m.group(0), True
        pos = m.end()
    if pos < len(text):
        yield text[pos:], False


def glue_dashes(text: str) -> str:
    return _SPACED_DASH.sub(lambda m: f"{NBSP}{m.group(1)} ", text)


def glue_last_word(text: str) -> str:
    """Tie the last word to the previous one when it is short (a paragraph's end, e.g. "thực hiện./.")."""
    head, space, last = text.rstrip().rpartition(" ")
    if not space or not head or len(last) > SHORT_LAST_WORD:
        return text
    return f"{head}{NBSP}{last}{text[len(text.rstrip()) :]}"


def html(text: str) -> str:
    """Escaped HTML of a piece of text, its unbreakable tokens in a no-wrap span."""
    out = []
    for piece, whole in unbreakable_spans(glue_dashes(text)):
        out.append(f'<span class="nb">{escape(piece)}</span>' if whole else escape(piece))
    return "".join(out)
