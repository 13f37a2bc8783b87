"""Less work per line of text in WeasyPrint 70.0 and pydyf 0.13.0, for byte-for-byte the same PDF.

A 300-row appendix is some 20,000 lines of text; WeasyPrint spends most of its time on them in Python. Three
changes, each giving exactly the bytes the unchanged libraries give (tests/notices/test_render_speedups.py renders
the demo documents and hard cases both ways and compares the files):

1. A line's Pango layout made during layout is kept for drawing when drawing would make the same one again (same
   style, no justification spacing): WeasyPrint frees it after layout and shapes the line's text again to draw it.
   A kept layout is used only when it holds the line on one line; otherwise it is made afresh, as before.
2. Drawing a line's glyphs reads Pango's glyph array in one copy instead of a C attribute access per glyph and field.
   Any line out of the ordinary (colour, bitmap or SVG fonts, a missing or empty glyph, a raised glyph, an
   ellipsis) is drawn by WeasyPrint's own function.
3. pydyf builds the tuple of every page reference each time one is asked for, once per structure element when the
   PDF is tagged (quadratic in pages); it is built once per page count.

Installed by `install()` (conclusions.notices.documents.parallel, on import) only for the exact versions it was
written against; any other version renders with the libraries as they are.

Apart from them, `compress_faster()` has pydyf compress streams at zlib's default level 6 instead of 9: 3 % of a
render's instructions for a file 0.7 % larger (300-row notice: 1,541,142 bytes against 1,530,436), the same content.
"""

from __future__ import annotations

import gc
import logging
import struct
import threading
import zlib
from contextlib import contextmanager
from importlib.metadata import version

import pydyf
from weasyprint.draw import text as weasyprint_text
from weasyprint.text.ffi import FROM_UNITS, ffi, pango
from weasyprint.text.line_break import Layout

logger = logging.getLogger(__name__)

WEASYPRINT_VERSION, PYDYF_VERSION = "70.0", "0.13.0"
# PangoGlyphInfo: glyph (guint32), geometry (width, x_offset, y_offset: gint32), attr (a guint bitfield).
GLYPH_INFO = struct.Struct("=Iiii4x")
PARAGRAPH_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
COMPRESSION_LEVEL = 6

_originals: dict = {}


def _kept_deactivate(self):
    # Keep the Pango layout (WeasyPrint deletes it here); `reactivate` decides whether drawing may use it.
    self._kept = True


def _kept_reactivate(self, style):
    if getattr(self, "_kept", False) and style is self.style and not self.justification_spacing:
        self._reused = True  # the text, the font and the attributes are those drawing would set again
        return
    self._reused = False
    _originals["reactivate"](self, style)


def _fresh(textbox) -> None:
    """Make the layout afresh, as WeasyPrint does before drawing, if it is a kept one."""
    layout = textbox.pango_layout
    if getattr(layout, "_reused", False):
        layout._reused = False
        _originals["reactivate"](layout, textbox.style)


def _first_line(textbox):
    """The line to draw, from the kept layout when it holds the line as WeasyPrint's fresh one would."""
    layout = textbox.pango_layout
    if getattr(layout, "_reused", False):
        # Single-paragraph mode only changes how paragraph separators are laid out; setting it on a kept layout
        # would lay it out again.
        if not any(mark in layout.text for mark in PARAGRAPH_BREAKS):
            line, second = layout.get_first_line()
            if second is None:  # the kept layout may have a wrapping width: it must hold the text on one line
                return line
        _fresh(textbox)
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    return layout.get_first_line()[0]


def _runs(stream, textbox, first_line):
    """(glyph item, glyph string, Pango font, whether the font changed, font, font size, glyphs) of each run; None if
    a run needs WeasyPrint's own drawing."""
    empty, unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    runs, previous, font, font_size = [], None, None, None
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        pango_font = glyph_item.item.analysis.font
        changed = pango_font != previous
        if changed:
            previous = pango_font
            font, font_size = stream.add_font(pango_font)  # the same fonts in the same order as WeasyPrint adds them
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]
            if font.svg or font.png or font.colr or font.bitmap:
                return None
        count = glyph_string.num_glyphs
        glyphs = list(GLYPH_INFO.iter_unpack(ffi.buffer(glyph_string.glyphs, count * GLYPH_INFO.size)))
        if any(glyph == empty or glyph & unknown or rise for glyph, _w, _x, rise in glyphs):
            return None
        runs.append((glyph_item, glyph_string, pango_font, changed, font, font_size, glyphs))
    return runs


def _fast_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint's draw_first_line for ordinary lines: the same operators, byte for byte."""
    original = _originals["draw_first_line"]
    if (
        text_overflow == "ellipsis"
        or block_ellipsis != "none"
        or not textbox.text.strip()
        or textbox.style["font_size"] < 1e-6
    ):
        _fresh(textbox)
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    runs = _runs(stream, textbox, _first_line(textbox))
    if runs is None:
        _fresh(textbox)
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    stream.set_text_matrix(*matrix.values)
    string, utf8_text = "", None
    for glyph_item, glyph_string, pango_font, changed, font, font_size, glyphs in runs:
        if changed:
            if string:
                stream.show_text(string)
            string = ""
            stream.set_font_size(font.hash, font_size)
        string += "<"
        widths, to_unicode, last = font.widths, font.to_unicode, len(glyphs) - 1
        for i, (glyph_id, width, x_offset, _rise) in enumerate(glyphs):
            if glyph_id not in to_unicode:
                item, clusters = glyph_item.item, glyph_string.log_clusters
                if item.analysis.level % 2:  # right to left
                    end = item.length if i == 0 else clusters[i - 1]
                else:
                    end = item.length if i == last else clusters[i + 1]
                utf8_text = utf8_text or textbox.pango_layout.text.encode()
                to_unicode[glyph_id] = utf8_text[item.offset + clusters[i] : item.offset + end].decode()
            offset = x_offset / font_size
            if offset:
                string += f">{-offset}<"
            string += f"{glyph_id:04x}"
            if glyph_id in widths:
                logical_width = widths[glyph_id]
            else:
                pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                logical_width = widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
            kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
            if kerning:
                string += f">{int(kerning)}<"
        string = string[:-1] if string[-1] == "<" else string + ">"
    stream.show_text(string)
    return []


def _page_references(self):
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        self.__dict__["_page_references"] = cached
    return cached[1]


def supported() -> bool:
    return (
        version("weasyprint") == WEASYPRINT_VERSION
        and version("pydyf") == PYDYF_VERSION
        and ffi.sizeof("PangoGlyphInfo") == GLYPH_INFO.size
    )


def install() -> bool:
    """Apply the three changes (once); False, and the libraries unchanged, for versions they were not made for."""
    if _originals:
        return True
    if not supported():
        logger.info(
            "render speedups not installed: WeasyPrint/pydyf versions differ from %s/%s",
            WEASYPRINT_VERSION,
            PYDYF_VERSION,
        )
        return False
    _originals.update(
        deactivate=Layout.deactivate,
        reactivate=Layout.reactivate,
        draw_first_line=weasyprint_text.draw_first_line,
        page_references=pydyf.PDF.page_references,
    )
    Layout.deactivate, Layout.reactivate = _kept_deactivate, _kept_reactivate
    weasyprint_text.draw_first_line = _fast_draw_first_line
    pydyf.PDF.page_references = property(_page_references)
    return True


def uninstall() -> None:
    """Back to the libraries as they are (tests compare both)."""
    if not _originals:
        return
    Layout.deactivate, Layout.reactivate = _originals["deactivate"], _originals["reactivate"]
    weasyprint_text.draw_first_line = _originals["draw_first_line"]
    pydyf.PDF.page_references = _originals["page_references"]
    _originals.clear()


class _Level6Zlib:
    """What pydyf uses of zlib, at level 6 whatever level it asks for."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level=-1, *args, **kwargs):
        return zlib.compressobj(COMPRESSION_LEVEL, *args, **kwargs)


def compress_faster() -> None:
    """pydyf writes every stream at level 9; level 6 is zlib's default and nearly as small."""
    if version("pydyf") == PYDYF_VERSION:
        pydyf.zlib = _Level6Zlib


_paused = 0
_paused_lock = threading.Lock()


@contextmanager
def collector_paused():
    """No cyclic garbage collection while a document is laid out.

    Layout makes hundreds of thousands of objects that all live until the PDF is written; the collector would walk
    them again and again for nothing (about a tenth of the time of a large appendix part). What is cyclic garbage
    at the end is collected once afterwards. Counted, so that two renders in two threads pause it only once."""
    global _paused
    with _paused_lock:
        _paused += 1
        if _paused == 1:
            gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0:
                gc.enable()
