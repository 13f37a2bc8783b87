"""Answers are plain text with line structure (seed 003): paragraphs, "- " bullets, "* " starred sub-headings.

The text is escaped first and only then given structure, so whatever an officer types (tags included) shows as
text; nothing here marks user text safe without escaping it.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^[-+•–]\s+")
_STAR = re.compile(r"^\*\s*")


@dataclass
class Block:
    kind: str  # "paragraph" | "star" | "bullets"
    lines: list[str] = field(default_factory=list)


def parse(text: str) -> list[Block]:
    """Split an answer into blocks. Every non-blank line is its own paragraph (as the seeds write them); bullets
    next to each other (blank lines between them allowed) form one list."""
    blocks: list[Block] = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _BULLET.match(line):
            item = _BULLET.sub("", line, count=1)
            if blocks and blocks[-1].kind == "bullets":
                blocks[-1].lines.append(item)
            else:
                blocks.append(Block("bullets", [item]))
        elif line.startswith("*"):
            blocks.append(Block("star", [_STAR.sub("", line, count=1)]))
        else:
            blocks.append(Block("paragraph", [line]))
    return blocks


def _star(line: str) -> SafeString:
    """'* Về vốn: nội dung' -> the heading up to the first colon in bold, the rest as text."""
    heading, colon, rest = line.partition(":")
    if colon and rest.strip():
        return format_html('<p class="answer-star"><strong>* {}:</strong> {}</p>', heading.strip(), rest.strip())
    return format_html('<p class="answer-star"><strong>* {}</strong></p>', line)


def render(text: str) -> SafeString:
    parts = []
    for block in parse(text):
        if block.kind == "bullets":
            items = format_html_join("", "<li>{}</li>", ((item,) for item in block.lines))
            parts.append(format_html('<ul class="answer-bullets">{}</ul>', items))
        elif block.kind == "star":
            parts.append(_star(block.lines[0]))
        else:
            parts.append(format_html("<p>{}</p>", block.lines[0]))
    # Every part above was built by format_html from escaped pieces.
    return mark_safe(f'<div class="answer-text">{"".join(parts)}</div>')


def excerpt(text: str, length: int = 160) -> str:
    """One line for lists (plain text; templates escape it)."""
    flat = " ".join(line.strip() for line in (text or "").splitlines() if line.strip())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"
