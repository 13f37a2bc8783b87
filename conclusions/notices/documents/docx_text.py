"""Runs, footnotes and small tables of the notice's text in a Word file: the DOCX side of the one markup
(conclusions.notices.markup), with the line-breaking rules of typeset.py (the same as the PDF's).

- A run's text goes in as text (python-docx escapes it); characters XML cannot hold are dropped.
- Document numbers and dates stay whole: their hyphens are Word's non-breaking hyphen, a word joiner follows "/".
- Footnotes are real Word footnotes (a footnotes part with the separator notes Word expects), numbered as the PDF's.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from . import typeset

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE_SIZE = 11
BODY_PITCH = 1.2  # notice.css: p { line-height: 1.2 }
TABLE_PITCH = 1.15  # notice.css: table cells, header, recipients
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def pitch(paragraph, size: float, factor: float = BODY_PITCH) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    fmt.line_spacing = Pt(round(size * factor, 2))


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def clean(text: str) -> str:
    """Drop characters XML cannot hold (a pasted control character must not break the file)."""
    return _CONTROL.sub("", text or "")


def style_run(run, *, size=None, bold=False, italic=False, subscript=False, underline=False):
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if subscript:
        run.font.subscript = True
    if size:
        run.font.size = Pt(size)
    return run


def _unbreakable(run, token: str) -> None:
    """A document number or date in one run that Word and LibreOffice never break."""
    for index, part in enumerate(token.split("-")):
        if index:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            run._r.add_t(part.replace("/", "/" + typeset.WORD_JOINER))


def text_runs(paragraph, text: str, *, glue_end: bool = False, **style) -> None:
    """`text` as runs of one style, its numbers kept whole and its spaced dashes tied to the word before."""
    text = clean(typeset.glue_last_word(text) if glue_end else text)
    for piece, whole in typeset.unbreakable_spans(typeset.glue_dashes(text)):
        if whole:
            _unbreakable(style_run(paragraph.add_run(), **style), piece)
        else:
            style_run(paragraph.add_run(piece), **style)


class Footnotes:
    """The document's footnotes part, filled as the calls are written (numbers from the markup's Notes)."""

    def __init__(self, document):
        self.document = document
        self.notes: list[tuple[int, list]] = []

    def call(self, paragraph, note, *, size=None) -> None:
        run = paragraph.add_run()
        style_run(run, size=size)
        run.font.superscript = True
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note.number))
        run._r.append(ref)
        self.notes.append((note.number, list(note.runs)))

    @staticmethod
    def _run_xml(run) -> str:
        props = f'<w:sz w:val="{FOOTNOTE_SIZE * 2}"/>'
        if run.bold:
            props = "<w:b/>" + props
        if run.italic:
            props = "<w:i/>" + props
        text = escape(clean(typeset.glue_dashes(run.text)))
        return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'

    def attach(self) -> None:
        """Write the part (only when the document has footnotes)."""
        if not self.notes:
            return
        size = f'<w:sz w:val="{FOOTNOTE_SIZE * 2}"/>'
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        for number, runs in self.notes:
            body = "".join(self._run_xml(r) for r in runs if not r.note)
            notes.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="both"/></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/>{size}</w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve"> </w:t></w:r>{body}</w:p></w:footnote>'
            )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
            + "".join(notes)
            + "</w:footnotes>"
        )
        package = self.document.part.package
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


def runs_into(paragraph, runs, footnotes: Footnotes | None, *, size=None, bold=False, italic=False, glue_end=False):
    """The styled runs of a block or paragraph; `bold`/`italic` add to each run's own style."""
    last = len(runs) - 1
    for index, run in enumerate(runs):
        if run.note is not None:
            if footnotes is not None:
                footnotes.call(paragraph, run.note, size=size)
            continue
        text_runs(
            paragraph,
            run.text,
            glue_end=glue_end and index == last,
            size=size,
            bold=bold or run.bold,
            italic=italic or run.italic,
            subscript=run.sub,
        )
