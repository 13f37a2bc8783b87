"""How tall a wrapped cell is in a spreadsheet, and how a long answer is cut over continuation rows.

Spreadsheets do not grow a row to its text when the file is written by a program, and a row cannot be taller than
409 points (Excel's limit; LibreOffice clips there too): a long answer printed in one row is cut off. So the text is
laid out here the way the spreadsheet wraps it (greedy, word by word, with the widths of the bundled Liberation
Serif, metric-compatible with the Times New Roman the cells ask for), each row gets the height of its lines, and an
answer longer than one row can hold continues in the rows below it, cut between paragraphs where possible.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_FILE = (
    Path(__file__).resolve().parents[3] / "static" / "fonts" / "liberation-serif" / "LiberationSerif-Regular.ttf"
)
MAX_ROW_PT = 409  # Excel's limit for one row
LINE_PT = 15.75  # a 12 pt Times New Roman line, as Excel spaces it (LibreOffice spaces it a little tighter)
PADDING_PT = 4
SAFETY = 1.06  # bold runs, kerning and the application's own rounding: never clip, rather a few points to spare
# A column width unit is the width of "0" in the workbook's default font, which AppendixXlsx sets to the cells' Times
# New Roman 12 pt: 8 pixels. With that default Excel and LibreOffice give a column the same width (with Calibri, the
# usual default, LibreOffice's columns come out a quarter wider than Excel's).
CHAR_PX = 8


@lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, int], int, int]:
    font = TTFont(str(FONT_FILE), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = {code: hmtx[glyph][0] for code, glyph in cmap.items()}
    return widths, font["head"].unitsPerEm, hmtx[cmap[ord("n")]][0]


def text_width_pt(text: str, size: float = 12) -> float:
    widths, units, fallback = _advances()
    return sum(widths.get(ord(ch), fallback) for ch in text) * size / units * SAFETY


def column_width_pt(width_chars: float) -> float:
    """The space for text in a column of `width_chars` units (pixels at 96 dpi, less the padding and margins)."""
    return (math.floor(width_chars * CHAR_PX) - 7) * 0.75


def wrapped_lines(text: str, width_pt: float, size: float = 12) -> list[str]:
    """The lines a wrapped cell shows, paragraph by paragraph (each "\\n" starts a line)."""
    out: list[str] = []
    space = text_width_pt(" ", size)
    for paragraph in (text or "").split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            w = text_width_pt(word, size)
            if line and used + space + w > width_pt:
                out.append(line)
                line, used = "", 0.0
            while not line and w > width_pt and len(word) > 1:  # a word wider than the column breaks anywhere
                cut = max(1, int(len(word) * width_pt / w))
                out.append(word[:cut])
                word = word[cut:]
                w = text_width_pt(word, size)
            line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        out.append(line)
    return out


def height_pt(lines: int) -> float:
    return min(MAX_ROW_PT, round(max(1, lines) * LINE_PT + PADDING_PT, 2))


MAX_LINES = int((MAX_ROW_PT - PADDING_PT) // LINE_PT)


def split_for_rows(text: str, width_pt: float, size: float = 12, max_lines: int = MAX_LINES) -> list[str]:
    """`text` cut into pieces that each fit one row: between paragraphs where possible, else between lines."""
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for paragraph in (text or "").split("\n"):
        lines = wrapped_lines(paragraph, width_pt, size)
        if used + len(lines) <= max_lines:
            current.append(paragraph)
            used += len(lines)
            continue
        if current:
            pieces.append("\n".join(current))
            current, used = [], 0
        if len(lines) <= max_lines:
            current, used = [paragraph], len(lines)
            continue
        while len(lines) > max_lines:  # one paragraph longer than a row: cut it between its lines
            pieces.append(" ".join(lines[:max_lines]))
            lines = lines[max_lines:]
        current, used = [" ".join(lines)], len(lines)
    if current or not pieces:
        pieces.append("\n".join(current))
    return pieces
