"""The notice and its appendix as an editable Word file (python-docx), in the layout of the PDF.

Same parts, same margins and column widths, page numbers in the header from page 2 (the appendix is its own section
with its own numbering and orientation). The font is Times New Roman, the font Decree 30/2020 names; the PDF uses
Liberation Serif, which has the same metrics, and LibreOffice substitutes one for the other, so lines break the
same way in Word, in LibreOffice and in our PDF. All text goes in as text runs (python-docx escapes it).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .content import Appendix, NoticeContent
from .text import Block, Span

FONT = "Times New Roman"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Widths in mm, as in notice.css.
PORTRAIT_TEXT_WIDTH = 165
LANDSCAPE_TEXT_WIDTH = 252


def clean(text: str) -> str:
    """Drop characters XML cannot hold (a pasted control character must not break the file)."""
    return _CONTROL.sub("", text or "")


def appendix_columns(appendix: Appendix) -> list[tuple[str, float]]:
    """(header, width mm) of each appendix column, the same as the PDF."""
    if appendix.landscape:
        widths = {"tt": 12, "q": 66 if appendix.show_agency else 78, "unit": 36, "agency": 34}
        total = LANDSCAPE_TEXT_WIDTH
    else:
        widths = {"tt": 10, "q": 44 if appendix.show_agency else 48, "unit": 24 if appendix.show_agency else 30}
        widths["agency"] = 25
        total = PORTRAIT_TEXT_WIDTH
    columns = [("TT", widths["tt"]), ("NỘI DUNG KIẾN NGHỊ", widths["q"]), ("ĐƠN VỊ KIẾN NGHỊ, ĐỀ XUẤT", widths["unit"])]
    if appendix.show_agency:
        columns.append(("CƠ QUAN TRẢ LỜI", widths["agency"]))
    columns.append(("NỘI DUNG GIẢI ĐÁP", total - sum(w for _, w in columns)))
    return columns


class NoticeDocx:
    """`NoticeDocx(content).render() -> bytes`."""

    def __init__(self, content: NoticeContent):
        self.content = content
        self.doc = Document()

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
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = 1.1

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

    @staticmethod
    def _page_numbers(section, *, restart: bool) -> None:
        """A centred PAGE field in the header; none on the first page of the section."""
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        if restart:
            sect = section._sectPr
            pg = sect.find(qn("w:pgNumType"))
            if pg is None:
                pg = OxmlElement("w:pgNumType")
                sect.append(pg)
            pg.set(qn("w:start"), "1")

    def _para(self, container=None, text: str = "", *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, size=None,
              bold=False, italic=False, after=6, before=0):  # fmt: skip
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Mm(12.7) if indent else Mm(0)
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(before)
        if text:
            self._run(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    @staticmethod
    def _run(paragraph, text: str, *, size=None, bold=False, italic=False, subscript=False, underline=False):
        run = paragraph.add_run(clean(text))
        run.bold = bold or None
        run.italic = italic or None
        run.underline = underline or None
        if subscript:
            run.font.subscript = True
        if size:
            run.font.size = Pt(size)
        return run

    def _spans(self, paragraph, spans: list[Span], *, size=None, bold=False, italic=False):
        for span in spans:
            self._run(paragraph, span.text, size=size, bold=bold, italic=italic or span.italic, subscript=span.sub)

    @staticmethod
    def _rule(paragraph, *, width_mm: float, column_mm: float) -> None:
        """A centred horizontal rule: the bottom border of an empty paragraph narrowed by its indents."""
        side = max(0.0, (column_mm - width_mm) / 2)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.first_line_indent = Mm(0)
        fmt.space_after = Pt(0)
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

    def _blocks(self, container, blocks: list[Block], *, size=None, indent=True, after=6):
        for block in blocks:
            paragraph = self._para(container, indent=indent, after=after)
            if block.kind == "sub":
                self._run(paragraph, f"{block.lead} {block.text}", size=size, bold=True)
            elif block.kind == "star":
                if block.lead:
                    self._run(paragraph, f"* {block.lead} ", size=size, bold=True, italic=True)
                    self._run(paragraph, block.text, size=size)
                else:
                    self._run(paragraph, f"* {block.text}", size=size, bold=True, italic=True)
            else:
                if block.lead:
                    self._run(paragraph, f"{block.lead} ", size=size, bold=True)
                prefix = "- " if block.kind == "dash" else ""
                self._run(paragraph, prefix + block.text, size=size, italic=block.kind == "live")

    # -- parts -------------------------------------------------------------------------------------------------
    def _header(self) -> None:
        c = self.content
        if c.is_draft:
            mark = self._para(text="DỰ THẢO", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, size=12, bold=True)
            mark.paragraph_format.space_after = Pt(0)
        table = self.doc.add_table(rows=2, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, [66, 99])
        left, right = table.rows[0].cells
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(c.body_lines):
            paragraph = left.paragraphs[0] if i == 0 else left.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.first_line_indent = Mm(0)
            self._run(paragraph, line, size=13, bold=True)
        if c.party:
            star = self._para(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=13, after=0)
            star.paragraph_format.space_after = Pt(0)
        else:
            longest = max((len(line) for line in c.body_lines), default=10)
            self._rule(left.add_paragraph(), width_mm=max(12.0, longest * 2.6 * 0.4), column_mm=66)
        first = right.paragraphs[0]
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first.paragraph_format.space_after = Pt(0)
        if c.party:
            self._run(first, "ĐẢNG CỘNG SẢN VIỆT NAM", size=14, bold=True, underline=True)
        else:
            self._run(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
            motto = self._para(right, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
            self._run(motto, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
        number, place = table.rows[1].cells
        for cell, text, italic, size in ((number, c.number_line, False, 13), (place, c.place_date, True, 14)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(6)
            self._run(paragraph, text, size=size, italic=italic)

        self._para(text=c.doc_type, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, bold=True, after=0, before=12)
        for i, line in enumerate(c.title_lines):
            text = line.upper() if c.party and i == 0 else line
            self._para(text=text, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, bold=True, after=0)
        self._rule(self.doc.add_paragraph(), width_mm=50, column_mm=PORTRAIT_TEXT_WIDTH)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(6)

    def _body(self) -> None:
        c = self.content
        for line in c.legal_bases:
            self._para(text=line, italic=True)
        for paragraph in c.opening:
            self._spans(self._para(), paragraph.spans)
        for section in c.sections:
            if section.heading:
                self._para(text=f"{section.number} {section.heading}", bold=True)
            self._blocks(None, section.blocks)
        if c.closing_line:
            self._para(text=c.closing_line)

    def _signature(self) -> None:
        c = self.content
        table = self.doc.add_table(rows=1, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, [79, 86])
        left, right = table.rows[0].cells
        label = left.paragraphs[0]
        self._run(label, "Nơi nhận:", size=12, bold=True, italic=True)
        label.paragraph_format.space_after = Pt(0)
        for line in c.recipients:
            self._para(left, f"- {line}", align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, size=11, after=0)
        archive = self._para(left, "- ", align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, size=11, after=0)
        self._spans(archive, c.archive, size=11)
        lines = list(c.signature_lines)
        for i, line in enumerate(lines):
            paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, line, size=14, bold=True)
        space = right.add_paragraph()
        space.paragraph_format.space_after = Pt(0)
        space.paragraph_format.line_spacing = Mm(26)
        name = right.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if c.signer_name:
            self._run(name, c.signer_name, size=14, bold=True)

    def _appendix(self) -> None:
        appendix = self.content.appendix
        if appendix is None:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._margins(section, landscape=appendix.landscape)
        self._page_numbers(section, restart=True)
        center = WD_ALIGN_PARAGRAPH.CENTER
        self._para(text="Phụ lục", align=center, indent=False, bold=True, after=0)
        self._para(text=appendix.title.upper(), align=center, indent=False, size=13, bold=True, after=0)
        self._para(text=appendix.reference, align=center, indent=False, size=13, italic=True, after=10)
        columns = appendix_columns(appendix)
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        # Repeat the header row on every page.
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, (title, _) in zip(header.cells, columns, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = center
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, title, size=12, bold=True)
        for group in appendix.groups:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            self._run(merged.paragraphs[0], group.heading, size=12, bold=True)
            for row in group.rows:
                cells = table.add_row().cells
                values = [[Block("p", str(row.number))], row.question, [Block("p", u) for u in row.units]]
                if appendix.show_agency:
                    values.append([Block("p", a) for a in row.agencies])
                values.append(row.answer)
                for index, (cell, blocks) in enumerate(zip(cells, values, strict=True)):
                    cell._tc.remove(cell.paragraphs[0]._p)
                    self._blocks(cell, blocks, size=12, indent=False, after=3)
                    # As in the PDF: narrow columns are set ragged right, TT, units and agencies centred.
                    centred = index in (0, 2) or (appendix.show_agency and index == 3)
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = center if centred else WD_ALIGN_PARAGRAPH.LEFT
        self._fixed_widths(table, [w for _, w in columns])

    def _document(self) -> None:
        """What follows the header; documents in the same format (the yearly report) put their own body here."""
        self._body()
        self._signature()
        self._appendix()

    def render(self) -> bytes:
        self._style_defaults()
        first = self.doc.sections[0]
        self._margins(first)
        self._page_numbers(first, restart=False)
        self._header()
        self._document()
        props = self.doc.core_properties
        props.title = self.content.pdf_title[:255]
        props.author = self.content.author[:255]
        props.comments = "Cổng đối thoại với thanh niên"
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
