"""The one reader of text with line structure (seed 003): answers on the pages and in the notice's PDF, DOCX and
XLSX, and the body of the notice's sections and tasks.

Every non-blank line is its own block:
- "- text" (also "+", "•", "–"): a dash item. The mark needs a space after it, as the seeds write them; "-5%",
  "+84 ..." or "-----" are ordinary text.
- "* Về vốn: nội dung": a starred sub-heading of a multi-part answer; the words up to the first colon are its bold
  heading (`lead`), the rest is text.
- in notice bodies (`numbered=True`) also "1.1. text" (a numbered sub-heading) and "a) text" (a point).
- anything else: a paragraph.

Blocks carry text only. The page escapes it first and only then gives it structure (`render`); the document writers
put it in as text runs; nothing here marks user text safe without escaping it.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_DASH = re.compile(r"^[-+•–]\s+(.+)$")
_STAR = re.compile(r"^\*+\s*(.+)$")
_SUBHEADING = re.compile(r"^(\d+(?:\.\d+)+\.?)\s+(.+)$")
_POINT = re.compile(r"^([a-zđ]\))\s+(.+)$")
STAR_HEADING_MAX = 300  # longer "heading: ..." is a sentence with a colon, not a heading


@dataclass(frozen=True)
class Block:
    """One line. kind: p (paragraph), dash (- item), star (* heading), sub (1.1. heading), point (a) item); the
    notice adds live ("answered at the conference"). lead: bold words before the text on the same line."""

    kind: str
    text: str
    lead: str = ""


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def _star(content: str) -> Block:
    heading, colon, rest = content.partition(":")
    if colon and rest.strip() and len(heading) <= STAR_HEADING_MAX:
        return Block("star", rest.strip(), lead=f"{heading.strip()}:")
    return Block("star", content)


def _block(line: str, *, numbered: bool) -> Block:
    if numbered and (m := _SUBHEADING.match(line)):
        number = m.group(1) if m.group(1).endswith(".") else m.group(1) + "."
        return Block("sub", m.group(2), lead=number)
    if numbered and (m := _POINT.match(line)):
        return Block("point", m.group(2), lead=m.group(1))
    if m := _DASH.match(line):
        return Block("dash", m.group(1))
    if not numbered and (m := _STAR.match(line)):
        return _star(m.group(1))
    return Block("p", line)


def blocks(text: str, *, numbered: bool = False) -> list[Block]:
    """The blocks of an answer (paragraphs, dashes, starred headings) or, `numbered`, of a notice section's body
    (paragraphs, dashes, numbered sub-headings, points)."""
    return [_block(line, numbered=numbered) for line in lines_of(text)]


# -- the page --------------------------------------------------------------------------------------------------------
@dataclass
class PageBlock:
    """What the page shows: a paragraph, a starred heading, or a list of the dash items next to each other."""

    kind: str  # "paragraph" | "star" | "bullets"
    items: list[Block] = field(default_factory=list)


def parse(text: str) -> list[PageBlock]:
    """The answer's blocks as the page groups them: dash items next to each other (blank lines between them
    allowed) form one list."""
    out: list[PageBlock] = []
    for block in blocks(text):
        if block.kind == "dash":
            if out and out[-1].kind == "bullets":
                out[-1].items.append(block)
            else:
                out.append(PageBlock("bullets", [block]))
        else:
            out.append(PageBlock("star" if block.kind == "star" else "paragraph", [block]))
    return out


def _star_html(block: Block) -> SafeString:
    if block.lead:
        return format_html('<p class="answer-star"><strong>* {}</strong> {}</p>', block.lead, block.text)
    return format_html('<p class="answer-star"><strong>* {}</strong></p>', block.text)


def render(text: str) -> SafeString:
    parts = []
    for group in parse(text):
        if group.kind == "bullets":
            items = format_html_join("", "<li>{}</li>", ((item.text,) for item in group.items))
            parts.append(format_html('<ul class="answer-bullets">{}</ul>', items))
        elif group.kind == "star":
            parts.append(_star_html(group.items[0]))
        else:
            parts.append(format_html("<p>{}</p>", group.items[0].text))
    # Every part above was built by format_html from escaped pieces.
    return mark_safe(f'<div class="answer-text">{"".join(parts)}</div>')


def excerpt(text: str, length: int = 160) -> str:
    """One line for lists (plain text; templates escape it)."""
    flat = " ".join(line.strip() for line in (text or "").splitlines() if line.strip())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"
