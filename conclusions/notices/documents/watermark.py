"""The draft watermark "DỰ THẢO" as a picture of its letters, not as text.

Drawn as text, its big letters were read with the document's own: copied, searched or read aloud, a draft's lines
came out with "D", "Ự", "T"... mixed into them. As an SVG of the letters' outlines (from the bundled Liberation
Serif Bold) set as a background, it is drawn as paths inside an artifact: seen on every page, absent from the text
and from the document's structure. Served to WeasyPrint as asset:img/draft-watermark.svg (fetcher.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

WORDS = "DỰ THẢO"
# Light grey, opaque: the watermark is painted under the text (z-index -1 in notice.css), so no transparency is
# needed (PDF/A-2b allows it, but plain colour prints the same everywhere).
FILL = "#d9d9d9"


@lru_cache(maxsize=1)
def draft_watermark_svg(font_file: Path) -> bytes:
    """The words in the outlines of `font_file` (the bundled bold face), one em high, unrotated."""
    font = TTFont(font_file)
    glyph_set = font.getGlyphSet()
    cmap = font.getBestCmap()
    units = font["head"].unitsPerEm
    ascent, descent = font["hhea"].ascent, font["hhea"].descent
    paths, x = [], 0
    for char in WORDS:
        name = cmap[ord(char)]
        pen = SVGPathPen(glyph_set)
        glyph_set[name].draw(pen)
        if commands := pen.getCommands():
            paths.append(f'<path transform="translate({x} 0)" d="{commands}"/>')
        x += font["hmtx"][name][0]
    height = ascent - descent
    # Font units have y upwards: flip, with the baseline at the ascent.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {x} {height}" width="{x / units}em" '
        f'height="{height / units}em"><g fill="{FILL}" transform="translate(0 {ascent}) scale(1 -1)">'
        + "".join(paths)
        + "</g></svg>"
    ).encode()
