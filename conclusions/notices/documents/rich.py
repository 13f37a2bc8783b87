"""Blocks and runs (conclusions.notices.markup) as HTML, for the notice page and the PDF alike.

User text is escaped character by character (typeset.html); the only tags are the fixed ones written here. Footnotes
are printed where they are called in the PDF (WeasyPrint's `float: footnote` moves them to the page foot), and as a
numbered list under the text on the page (`notes="end"`).
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..markup import Run, runs_of
from . import typeset


def runs_html(runs, *, notes: str = "float", glue_end: bool = False) -> str:
    parts = []
    last = len(runs) - 1
    for index, run in enumerate(runs):
        if run.note is not None:
            if notes == "float":
                parts.append(f'<span class="fn">{runs_html(run.note.runs, notes="none")}</span>')
            elif notes == "end":
                n = run.note.number
                parts.append(f'<sup class="fn-call"><a href="#chu-thich-{n}" id="goi-{n}">{n}</a></sup>')
            continue
        text = typeset.glue_last_word(run.text) if glue_end and index == last else run.text
        piece = typeset.html(text)
        if getattr(run, "sub", False):
            piece = f"<sub>{piece}</sub>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if getattr(run, "bold", False):
            piece = f"<b>{piece}</b>"
        parts.append(piece)
    return "".join(parts)


def _table_html(block, notes: str) -> str:
    rows = block.table.rows
    head, body = (rows[:1], rows[1:]) if block.table.header else ((), rows)
    width = block.table.columns

    def cells(row, tag):
        padded = list(row) + [()] * (width - len(row))
        return "".join(f"<{tag}>{runs_html(cell, notes=notes)}</{tag}>" for cell in padded)

    thead = "".join(f"<tr>{cells(row, 'th')}</tr>" for row in head)
    tbody = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in body)
    return f'<table class="rich">{f"<thead>{thead}</thead>" if thead else ""}<tbody>{tbody}</tbody></table>'


def block_html(block, *, notes: str = "float", glue: bool = True) -> str:
    if block.kind == "table":
        return _table_html(block, notes)
    runs = runs_of(block)
    text = runs_html(runs, notes=notes, glue_end=glue and block.kind in ("p", "dash", "point"))
    lead = escape(block.lead)
    if block.kind == "sub":
        return f'<p class="b-sub"><b>{lead} {text}</b></p>'
    if block.kind == "star":
        if block.lead:
            return f'<p class="b-star"><b><i>* {lead}</i></b> {text}</p>'
        return f'<p class="b-star"><b><i>* {text}</i></b></p>'
    lead_html = f"<b>{lead}</b> " if block.lead else ""
    dash = "- " if block.kind == "dash" else ""
    return f'<p class="b-{escape(block.kind)}">{lead_html}{dash}{text}</p>'


def blocks_html(blocks, *, notes: str = "float", glue: bool = True) -> SafeString:
    # Every piece of user text above went through typeset.html (escape); the tags are ours.
    return mark_safe("".join(block_html(b, notes=notes, glue=glue) for b in blocks))


def paragraph_html(runs, *, notes: str = "float") -> SafeString:
    """One paragraph's runs (the opening, a legal basis, the closing line) with its last word tied."""
    return mark_safe(runs_html(tuple(runs), notes=notes, glue_end=True))


def footnotes_html(notes) -> SafeString:
    """The footnotes as a numbered list (the page shows them under the text)."""
    items = "".join(
        f'<li id="chu-thich-{n.number}" value="{n.number}">{runs_html(n.runs, notes="none")}</li>' for n in notes
    )
    return mark_safe(f'<ol class="footnotes">{items}</ol>' if items else "")


__all__ = ["Run", "blocks_html", "footnotes_html", "paragraph_html", "runs_html"]
