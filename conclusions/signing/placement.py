"""Where the seal goes (Decree 30/2020): over the left third of the signer's signature, in the signature block of
the notice's last page (before the appendix). The block is found by the signer's name under the signature space
(conclusions/documents/notice.css: the right column, 28 mm of space above the name); the seal is centred in that
space and reaches a third into a signature about 45 mm wide centred in the column.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

MM = 72 / 25.4
SIGNATURE_SPACE_MM = 28.0  # .signature .space in notice.css
SIGNATURE_WIDTH_MM = 45.0
COLUMN_CENTRE_MM = 30 + 0.48 * 165 + 0.52 * 165 / 2  # left margin + recipients column + half the signature column


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points from the bottom left


def _name_boxes(document, name: str):
    """(page index, left, bottom, right, top) of each line-start occurrence of the name, page by page."""
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        searcher = text.search(name, match_case=True)
        while (found := searcher.get_next()) is not None:
            start, count = found
            first = text.get_charbox(start)
            last = text.get_charbox(start + count - 1)
            yield index, first[0], min(first[1], last[1]), last[2], max(first[3], last[3])


def _default(document) -> tuple[int, float, float]:
    """No name found: the last page, the column's centre, a third down the page."""
    page = len(document) - 1
    height = document[page].get_height()
    return page, COLUMN_CENTRE_MM * MM, height / 3


def seal_placement(data: bytes, *, signer_name: str, width_mm: float, height_mm: float) -> Placement:
    """The seal's box: its left part (a `height_mm` circle) over the signature's left third."""
    document = pdfium.PdfDocument(data)
    try:
        found = None
        for page, left, _bottom, right, top in _name_boxes(document, signer_name.strip()) if signer_name else ():
            centre = (left + right) / 2
            if abs(centre - COLUMN_CENTRE_MM * MM) < 12 * MM:  # centred in the signature column, not in the text
                found = (page, centre, top + SIGNATURE_SPACE_MM * MM / 2 + 2)
                break
        page, centre_x, centre_y = found or _default(document)
    finally:
        document.close()
    signature_left = centre_x - SIGNATURE_WIDTH_MM * MM / 2
    x1 = signature_left + SIGNATURE_WIDTH_MM * MM / 3 - height_mm * MM
    y1 = centre_y - height_mm * MM / 2
    return Placement(page=page, box=(x1, y1, x1 + width_mm * MM, y1 + height_mm * MM))
