"""Page numbers stamped on the joined PDF, centred in the top margin (Decree 30/2020: none on a first page).

The notice and each part of its appendix are laid out as separate documents (in parallel for large appendices), so
no single layout knows the final page numbers. They are drawn afterwards, with the same bundled font: the digits
0-9 are laid out once per process by WeasyPrint, and their embedded font object and glyph codes are reused for
every number. Drawing a number is then a few bytes of content stream per page, with one shared font object.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from weasyprint import HTML

from .fetcher import BundledAssetFetcher

MM = 72 / 25.4
# Must match @page in templates/conclusions/documents/notice.css.
MARGIN_LEFT = 30 * MM
MARGIN_RIGHT = 15 * MM
MARGIN_TOP = 20 * MM
FONT_SIZE = 14
FONT_KEY = NameObject("/PortalPageNo")
DIGITS = "0123456789"
# A page number is pagination, not content: an artifact, outside the document's structure (tagged PDF).
ARTIFACT_NUMBER = (
    b"/Artifact <</Type /Pagination /Subtype /Header>> BDC q 0 g BT %s %d Tf 1 0 0 1 %.3f %.3f Tm <%s> Tj ET Q EMC\n"
)


@dataclass(frozen=True)
class DigitFont:
    pdf: bytes
    font_name: str
    codes: dict[str, bytes]  # digit -> glyph code bytes (Identity-H, two bytes per glyph)
    widths: dict[str, float]  # digit -> advance in text space units (1/1000 em)


def _glyph_widths(descendant) -> dict[int, float]:
    widths: dict[int, float] = {}
    items = list(descendant.get("/W", []))
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], list | ArrayObject):
            for offset, width in enumerate(items[i + 1]):
                widths[first + offset] = float(width)
            i += 2
        else:
            last, width = int(items[i + 1]), float(items[i + 2])
            for cid in range(first, last + 1):
                widths[cid] = width
            i += 3
    return widths


@lru_cache(maxsize=1)
def digit_font() -> DigitFont:
    """Lay out '0123456789' with the bundled regular face and read back its font object and glyph codes."""
    html = (
        '<html><head><link rel="stylesheet" href="asset:css/notice.css"></head>'
        f'<body><p style="text-indent:0;font-size:{FONT_SIZE}pt">{DIGITS}</p></body></html>'
    )
    pdf = HTML(string=html, url_fetcher=BundledAssetFetcher()).write_pdf(uncompressed_pdf=True)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data()
    match = re.search(rb"/(\S+) [\d.]+ Tf\s*\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ", content)
    if not match:
        raise RuntimeError("page numbers: digits not found in the reference layout")
    font_name = match.group(1).decode()
    hexes = b"".join(re.findall(rb"<([0-9a-fA-F]*)>", match.group(2)))
    raw = bytes.fromhex(hexes.decode())
    if len(raw) != 2 * len(DIGITS):
        raise RuntimeError("page numbers: unexpected glyph encoding of the digits")
    codes = {digit: raw[2 * i : 2 * i + 2] for i, digit in enumerate(DIGITS)}
    font = page["/Resources"]["/Font"][f"/{font_name}"].get_object()
    widths_by_cid = _glyph_widths(font["/DescendantFonts"][0].get_object())
    widths = {d: widths_by_cid.get(int.from_bytes(code, "big"), 500.0) for d, code in codes.items()}
    return DigitFont(pdf=pdf, font_name=font_name, codes=codes, widths=widths)


class PageNumberer:
    """Stamps numbers on pages of a PdfWriter: `stamp(page, 3)` draws "3" centred in the top margin."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        font = digit_font()
        self.font = font
        reader = PdfReader(io.BytesIO(font.pdf))
        source = reader.pages[0]["/Resources"]["/Font"][f"/{font.font_name}"].get_object()
        self.font_ref = source.clone(writer).indirect_reference
        self.push = writer._add_object(_stream(b"q\n"))
        self.pop = writer._add_object(_stream(b"\nQ\n"))

    def stamp(self, page, number: int) -> None:
        text = str(number)
        width = sum(self.font.widths[d] for d in text) / 1000 * FONT_SIZE
        box = page.mediabox
        page_width, page_height = float(box.width), float(box.height)
        x = float(box.left) + MARGIN_LEFT + (page_width - MARGIN_LEFT - MARGIN_RIGHT - width) / 2
        # Digits are about 0.66 em tall: centre them in the top margin.
        y = float(box.bottom) + page_height - MARGIN_TOP / 2 - 0.33 * FONT_SIZE
        glyphs = b"".join(self.font.codes[d] for d in text).hex().encode()
        ops = ARTIFACT_NUMBER % (
            FONT_KEY.encode(),
            FONT_SIZE,
            x,
            y,
            glyphs,
        )
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        page[NameObject("/Resources")] = resources
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        resources[NameObject("/Font")] = fonts
        fonts[FONT_KEY] = self.font_ref
        contents = page.get("/Contents")
        target = contents.get_object() if contents is not None else None
        if target is None:
            existing = []
        elif isinstance(target, ArrayObject):
            existing = list(target)
        else:
            existing = [contents]
        # The page's own stream leaves its transformation matrix in place: wrap it in q/Q before drawing on top.
        page[NameObject("/Contents")] = ArrayObject(
            [self.push, *existing, self.pop, self.writer._add_object(_stream(ops))]
        )


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream
