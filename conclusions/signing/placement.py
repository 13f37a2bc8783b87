"""Where the seal goes (Decree 30/2020): over the left third of the signer's signature, in the signature block of
the notice's last page (before the appendix). The block is found by the signer's name under the signature space
(conclusions/documents/notice.css: the name centred in the right column, 28 mm of space above it); the seal is
centred in that space and reaches a third into a signature about 45 mm wide centred in the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader

MM = 72 / 25.4
SIGNATURE_SPACE_MM = 28.0  # .signature .space in notice.css
SIGNATURE_WIDTH_MM = 45.0
NAME_ASCENT = 14 * 0.9  # the name is 14 pt bold: from its baseline to the top of its line
COLUMN_CENTRE_MM = 30 + 0.48 * 165 + 0.52 * 165 / 2  # left margin + recipients column + half the signature column


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points from the bottom left


def _name_lines(reader: PdfReader, name: str):
    """(page index, x, baseline y) of each text run holding the name, page by page from the first (the body's
    signature comes before the appendix, so the search stops early)."""
    for index, page in enumerate(reader.pages):
        found = []

        def visit(text, cm, tm, _font, _size, found=found):
            if name in text:
                # the run's origin in user space: the text matrix, then the current transformation
                x, y = tm[4], tm[5]
                found.append((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))

        page.extract_text(visitor_text=visit)
        for x, y in found:
            yield index, x, y


def _default(reader: PdfReader) -> tuple[int, float, float]:
    """No name found: the last page, the column's centre, a third up the page."""
    page = len(reader.pages) - 1
    return page, COLUMN_CENTRE_MM * MM, float(reader.pages[page].mediabox.height) / 3


def seal_placement(data: bytes, *, signer_name: str, width_mm: float, height_mm: float) -> Placement:
    """The seal's box: its left part (a `height_mm` circle) over the signature's left third."""
    reader = PdfReader(BytesIO(data))
    found = None
    for page, x, baseline in _name_lines(reader, signer_name.strip()) if signer_name.strip() else ():
        width = float(reader.pages[page].mediabox.width)
        if x > width / 2:  # in the signature column, not in the text
            found = (page, COLUMN_CENTRE_MM * MM, baseline + NAME_ASCENT + SIGNATURE_SPACE_MM * MM / 2)
            break
    page, centre_x, centre_y = found or _default(reader)
    signature_left = centre_x - SIGNATURE_WIDTH_MM * MM / 2
    x1 = signature_left + SIGNATURE_WIDTH_MM * MM / 3 - height_mm * MM
    y1 = centre_y - height_mm * MM / 2
    return Placement(page=page, box=(x1, y1, x1 + width_mm * MM, y1 + height_mm * MM))
