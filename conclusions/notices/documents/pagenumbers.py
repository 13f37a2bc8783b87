"""Page numbers stamped on the joined PDF, centred in the top margin (Decree 30/2020: none on a first page).

The notice and each part of its appendix are laid out as separate documents (in parallel for large appendices), so
no single layout knows the final page numbers. They are drawn afterwards, with the same bundled font: the digits
0-9 are laid out once per process by WeasyPrint, and their embedded font object and glyph codes are reused for
every number. Drawing a number is then a few bytes of content stream per page, with one shared font object, marked
as a pagination artifact (outside the tagged structure).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

import pikepdf
from pypdf import PdfReader
from pypdf.generic import ArrayObject
from weasyprint import HTML

from .fetcher import BundledAssetFetcher

MM = 72 / 25.4
# Must match @page in templates/conclusions/documents/notice.css.
MARGIN_LEFT = 30 * MM
MARGIN_RIGHT = 15 * MM
MARGIN_TOP = 20 * MM
FONT_SIZE = 14
FONT_KEY = "/PortalPageNo"
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
    """Stamps numbers on pages of a pikepdf Pdf: `stamp(page, 3)` draws "3" centred in the top margin."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        font = digit_font()
        self.font = font
        # qpdf reads the copied font's stream from its source when the file is written: keep the source open.
        self.source = pikepdf.Pdf.open(io.BytesIO(font.pdf))
        self.font_ref = pdf.copy_foreign(self.source.pages[0].Resources.Font[f"/{font.font_name}"])
        self.push = pdf.make_stream(b"q\n")
        self.pop = pdf.make_stream(b"\nQ\n")

    def stamp(self, page: pikepdf.Page, number: int) -> None:
        text = str(number)
        width = sum(self.font.widths[d] for d in text) / 1000 * FONT_SIZE
        left, bottom, right, top = (float(v) for v in page.mediabox)
        page_width, page_height = right - left, top - bottom
        x = left + MARGIN_LEFT + (page_width - MARGIN_LEFT - MARGIN_RIGHT - width) / 2
        # Digits are about 0.66 em tall: centre them in the top margin.
        y = bottom + page_height - MARGIN_TOP / 2 - 0.33 * FONT_SIZE
        glyphs = b"".join(self.font.codes[d] for d in text).hex().encode()
        ops = ARTIFACT_NUMBER % (FONT_KEY.encode(), FONT_SIZE, x, y, glyphs)
        page_object = page.obj
        if "/Resources" not in page_object:
            page_object.Resources = pikepdf.Dictionary()
        resources = page_object.Resources
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()
        resources.Font[FONT_KEY] = self.font_ref
        contents = page_object.get("/Contents")
        existing = list(contents) if isinstance(contents, pikepdf.Array) else ([] if contents is None else [contents])
        # The page's own stream leaves its transformation matrix in place: wrap it in q/Q before drawing on top.
        page_object.Contents = pikepdf.Array([self.push, *existing, self.pop, self.pdf.make_stream(ops)])
