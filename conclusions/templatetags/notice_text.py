"""The notice's text in templates, written by the one renderer (conclusions.notices.documents.rich) for the page and
the PDF alike: `{{ section.blocks|rich }}`, `{{ paragraph.spans|runs }}`, `{{ line|typeset }}`, `{{ notes|footnotes }}`.
User text is escaped by that renderer; nothing here marks anything safe on its own."""

from django import template
from django.utils.safestring import mark_safe

from ..notices.documents import rich as renderer
from ..notices.markup import Run

register = template.Library()


@register.filter
def rich(blocks, notes: str = "float"):
    """Blocks of a section, a task or an appendix cell. notes="end": footnote calls only (the page lists them)."""
    return renderer.blocks_html(blocks or [], notes=notes)


@register.filter
def runs(spans, notes: str = "float"):
    """One paragraph's runs (the opening, the archive line), its last word tied."""
    return renderer.paragraph_html(spans or [], notes=notes)


@register.filter
def typeset(text: str):
    """A plain paragraph (a legal basis, the closing line): unbreakable numbers, its last word tied."""
    return renderer.paragraph_html([Run(text or "")])


@register.filter
def nb(text: str):
    """A plain line whose numbers and dates must not break (a recipient, a reference line)."""
    # runs_html escapes every character of the text (typeset.html).
    return mark_safe(renderer.runs_html((Run(text or ""),)))


@register.filter
def footnotes(notes):
    return renderer.footnotes_html(notes or [])
