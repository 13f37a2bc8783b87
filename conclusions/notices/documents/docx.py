"""The notice and its appendices as an editable Word file (python-docx), in the layout of the PDF, page for page.

Same parts, margins, column widths and line pitch as notice.css, so Word and LibreOffice break pages where the PDF
does (the demo notices have the PDF's page count): every line is "at least" its CSS line height (14 pt body text at
1.2 = 16.8 pt; 1.15 in tables), not a multiple of the font's own height, which differs between applications. The
draft mark sits in the first page's header (in the PDF it is in the top margin), headings keep with the text after
them, the closing line keeps with the signature block, which never splits; recipients hang from their dash. Page
numbers are in the header from page 2; each appendix is its own section with its own numbering and orientation.
The font is Times New Roman, the font Decree 30/2020 names; the PDF uses Liberation Serif, metric-compatible.
All text goes in as text runs (python-docx escapes it), through docx_text (numbers and dates kept whole).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..markup import runs_of
from .content import NoticeContent
from .docx_appendix import AppendixWriter, appendix_columns
from .docx_text import (
    BODY_PITCH,
    CENTER,
    TABLE_PITCH,
    Footnotes,
    clean,
    keep_with_next,
    pitch,
    runs_into,
    style_run,
    text_runs,
)

FONT = "Times New Roman"
PORTRAIT_TEXT_WIDTH = 165  # mm, as in notice.css
__all__ = ["TABLE_PITCH", "NoticeDocx", "appendix_columns", "clean", "keep_with_next", "pitch"]


class NoticeDocx(AppendixWriter):
    """`NoticeDocx(content).render() -> bytes`."""

    def __init__(self, content: NoticeContent):
        self.content = content
        self.doc = Document()
        self.footnotes = Footnotes(self.doc)

    # -- low-level helpers -------------------------------------------------------------------------------------
    def _style_defaults(self) -> None:
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(14 * BODY_PITCH)
        fmt.widow_control = True  # notice.css: orphans 2, widows 2

    @staticmethod
    def _margins(section, *, landscape: bool = False) -> None:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)
        section.header_distance = Mm(8)

    def _page_numbers(self, section, *, restart: bool) -> None:
        """A centred PAGE field in the header; none on the first page of the section, which carries the draft mark
        of a draft instead (the PDF prints it in the top margin)."""
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = CENTER
        run = paragraph.add_run()
        run.font.size = Pt(14)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)
        if self.content.is_draft:
            mark = section.first_page_header.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            style_run(mark.add_run("DỰ THẢO"), size=12, bold=True)
        if restart:
            sect = section._sectPr
            pg = sect.find(qn("w:pgNumType"))
            if pg is None:
                pg = OxmlElement("w:pgNumType")
                sect.append(pg)
            pg.set(qn("w:start"), "1")

    def _para(self, container=None, text: str = "", *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, size=None,
              bold=False, italic=False, after=6, before=0, factor=BODY_PITCH, glue=False):  # fmt: skip
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Mm(12.7) if indent else Mm(0)
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(before)
        pitch(paragraph, size or 14, factor)
        if text:
            text_runs(paragraph, text, glue_end=glue, size=size, bold=bold, italic=italic)
        return paragraph

    @staticmethod
    def _run(paragraph, text: str, *, size=None, bold=False, italic=False, subscript=False, underline=False):
        """One plain run (fixed wording: header, column titles)."""
        run = paragraph.add_run(clean(text))
        return style_run(run, size=size, bold=bold, italic=italic, subscript=subscript, underline=underline)

    def _spans(self, paragraph, spans, *, size=None, bold=False, italic=False, glue_end=False):
        runs_into(paragraph, spans, self.footnotes, size=size, bold=bold, italic=italic, glue_end=glue_end)

    @staticmethod
    def _rule(paragraph, *, width_mm: float, column_mm: float, after: float = 0) -> None:
        """A centred horizontal rule: the bottom border of an empty paragraph narrowed by its indents."""
        side = max(0.0, (column_mm - width_mm) / 2)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.first_line_indent = Mm(0)
        fmt.space_after = Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(2)
        ppr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        ppr.append(borders)

    @staticmethod
    def _no_borders(table) -> None:
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        tbl_pr.append(borders)

    @staticmethod
    def _fixed_widths(table, widths_mm: list[float]) -> None:
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=False):
                cell.width = Mm(width)
        for column, width in zip(table.columns, widths_mm, strict=False):
            column.width = Mm(width)

    @staticmethod
    def _row_flags(row, *, header: bool = False, cant_split: bool = False) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        for flag, wanted in (("w:cantSplit", cant_split), ("w:tblHeader", header)):
            if wanted:
                element = OxmlElement(flag)
                element.set(qn("w:val"), "true")
                tr_pr.append(element)

    def _blocks(self, container, blocks, *, size=None, indent=True, after=6, factor=BODY_PITCH):
        for block in blocks:
            if block.kind == "table":
                self._rich_table(container, block)
                continue
            paragraph = self._para(container, indent=indent, after=after, size=size, factor=factor)
            runs = runs_of(block)
            if block.kind == "sub":
                self._run(paragraph, f"{block.lead} ", size=size, bold=True)
                self._spans(paragraph, runs, size=size, bold=True)
                keep_with_next(paragraph)  # a heading never ends a page
            elif block.kind == "star":
                if block.lead:
                    self._run(paragraph, f"* {block.lead} ", size=size, bold=True, italic=True)
                    self._spans(paragraph, runs, size=size)
                else:
                    self._run(paragraph, "* ", size=size, bold=True, italic=True)
                    self._spans(paragraph, runs, size=size, bold=True, italic=True)
            else:
                if block.lead:
                    self._run(paragraph, f"{block.lead} ", size=size, bold=True)
                if block.kind == "dash":
                    self._run(paragraph, "- ", size=size)
                self._spans(paragraph, runs, size=size, italic=block.kind == "live", glue_end=True)

    def _rich_table(self, container, block) -> None:
        """A small table typed in a section: grid, the header row repeated, 12 pt as in the PDF."""
        target = container if container is not None else self.doc
        rows = block.table.rows
        width = block.table.columns
        table = target.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r_index, (row, source) in enumerate(zip(table.rows, rows, strict=True)):
            header = block.table.header and r_index == 0
            if header:
                self._row_flags(row, header=True)
            for cell, runs in zip(row.cells, list(source) + [()] * (width - len(source)), strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.alignment = CENTER if header else WD_ALIGN_PARAGRAPH.LEFT
                paragraph.paragraph_format.space_after = Pt(0)
                pitch(paragraph, 12, TABLE_PITCH)
                self._spans(paragraph, runs, size=12, bold=header)
        if container is None:
            self._para(after=0, size=6)

    # -- parts -------------------------------------------------------------------------------------------------
    def _header(self) -> None:
        c = self.content
        table = self.doc.add_table(rows=2, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, [66, 99])
        left, right = table.rows[0].cells
        for i, line in enumerate(c.body_lines):
            paragraph = left.paragraphs[0] if i == 0 else left.add_paragraph()
            paragraph.alignment = CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.first_line_indent = Mm(0)
            pitch(paragraph, 13, TABLE_PITCH)
            self._run(paragraph, line, size=13, bold=True)
        if c.party:
            self._para(left, "*", align=CENTER, indent=False, size=13, after=0, factor=TABLE_PITCH)
        else:
            longest = max((len(line) for line in c.body_lines), default=10)
            self._rule(left.add_paragraph(), width_mm=max(12.0, longest * 2.6 * 0.4), column_mm=66)
        first = right.paragraphs[0]
        first.alignment = CENTER
        first.paragraph_format.space_after = Pt(0)
        if c.party:
            pitch(first, 14, TABLE_PITCH)
            self._run(first, "ĐẢNG CỘNG SẢN VIỆT NAM", size=14, bold=True, underline=True)
        else:
            pitch(first, 12, TABLE_PITCH)
            self._run(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
            motto = self._para(right, align=CENTER, indent=False, after=0, size=13, factor=TABLE_PITCH)
            self._run(motto, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
        number, place = table.rows[1].cells
        for cell, text, italic, size in ((number, c.number_line, False, 13), (place, c.place_date, True, 14)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = CENTER
            paragraph.paragraph_format.space_before = Pt(6)
            paragraph.paragraph_format.space_after = Pt(0)
            pitch(paragraph, size, BODY_PITCH)
            self._run(paragraph, text, size=size, italic=italic)

        self._para(text=c.doc_type, align=CENTER, indent=False, bold=True, after=0, before=12)
        for i, line in enumerate(c.title_lines):
            text = line.upper() if c.party and i == 0 else line
            self._para(text=text, align=CENTER, indent=False, bold=True, after=0)
        self._rule(self.doc.add_paragraph(), width_mm=50, column_mm=PORTRAIT_TEXT_WIDTH, after=12)

    def _body(self) -> None:
        c = self.content
        for line in c.legal_bases:
            self._para(text=line, italic=True, glue=True)
        for paragraph in c.opening:
            self._spans(self._para(), paragraph.spans, glue_end=True)
        for section in c.sections:
            if section.heading:
                keep_with_next(self._para(text=f"{section.number} {section.heading}", bold=True))
            self._blocks(None, section.blocks)
        if c.closing_line:
            keep_with_next(self._para(text=c.closing_line, glue=True))  # never alone above the signature

    def _signature(self) -> None:
        """The recipients ("Nơi nhận") left, the signature right, in one row that never splits across pages."""
        c = self.content
        table = self.doc.add_table(rows=1, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, [79, 86])
        self._row_flags(table.rows[0], cant_split=True)
        left, right = table.rows[0].cells
        label = left.paragraphs[0]
        label.paragraph_format.space_after = Pt(0)
        pitch(label, 12, TABLE_PITCH)
        self._run(label, "Nơi nhận:", size=12, bold=True, italic=True)
        hang = Pt(11 * 0.6)  # notice.css .recipient: the text hangs from its dash
        for line in [*c.recipients, None]:  # None: the archive line "Lưu: VT, NC(PVD)." last
            paragraph = self._para(left, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, size=11, after=0,
                                   factor=TABLE_PITCH)  # fmt: skip
            paragraph.paragraph_format.left_indent = hang
            paragraph.paragraph_format.first_line_indent = -hang
            self._run(paragraph, "- ", size=11)
            if line is None:
                self._spans(paragraph, c.archive, size=11)
            else:
                text_runs(paragraph, line, size=11, glue_end=True)
        for i, line in enumerate(c.signature_lines):
            paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
            paragraph.alignment = CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            pitch(paragraph, 14, BODY_PITCH)
            self._run(paragraph, line, size=14, bold=True)
        space = right.add_paragraph()
        space.paragraph_format.space_after = Pt(0)
        space.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        space.paragraph_format.line_spacing = Mm(28)  # notice.css .signature .space
        name = right.add_paragraph()
        name.alignment = CENTER
        pitch(name, 14, BODY_PITCH)
        if c.signer_name:
            self._run(name, c.signer_name, size=14, bold=True)

    def _document(self) -> None:
        """What follows the header; documents in the same format (the yearly report) put their own body here."""
        self._body()
        self._signature()
        for appendix in self.content.appendices:
            self._appendix(appendix)

    def render(self) -> bytes:
        self._style_defaults()
        first = self.doc.sections[0]
        self._margins(first)
        self._page_numbers(first, restart=False)
        self._header()
        self._document()
        self.footnotes.attach()
        props = self.doc.core_properties
        props.title = self.content.pdf_title[:255]
        props.author = self.content.author[:255]
        props.language = "vi-VN"
        props.comments = "Cổng đối thoại với thanh niên"
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
