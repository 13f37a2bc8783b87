"""The visible seal (Decree 30/2020, e-office practice): the red seal image at real size with the organisation's
name round its rim, and beside it the organisation's name and the signing time in ISO 8601, Vietnam time.

Drawn as one image with Pillow (no font in the appearance stream: the PDF/A stays valid without embedding one);
the seal's ring is drawn once per organisation, only the time changes.
"""

from __future__ import annotations

import math
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

SEAL_MM = 36.0  # a district or provincial People's Committee's seal is 35-36 mm across
TEXT_MM = 46.0  # the text beside it
PX_PER_MM = 10  # ~254 dpi: sharp in print, small in the file
RED = (200, 16, 26, 255)
FONTS = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation-serif"


@lru_cache(maxsize=8)
def _font(size_px: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size_px)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=RED)


def _rim_text(seal: Image.Image, text: str, radius: float, font: ImageFont.FreeTypeFont) -> None:
    """The name round the rim, clockwise from the left, each letter upright to the centre."""
    size = seal.width
    centre = size / 2
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths) * 1.08
    sweep = min(total / radius, math.radians(300))
    scale = sweep / (total / radius)
    angle = -math.pi / 2 - sweep / 2
    for ch, width in zip(text, widths, strict=True):
        step = width * 1.08 / radius * scale
        mid = angle + step / 2
        angle += step
        if ch == " ":
            continue
        box = int(font.size * 1.6)
        glyph = Image.new("RGBA", (box, box), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((box / 2, box / 2), ch, font=font, fill=RED, anchor="mm")
        glyph = glyph.rotate(-math.degrees(mid + math.pi / 2), resample=Image.BICUBIC)
        x = centre + radius * math.cos(mid) - box / 2
        y = centre + radius * math.sin(mid) - box / 2
        seal.alpha_composite(glyph, (int(round(x)), int(round(y))))


@lru_cache(maxsize=32)
def seal_image(name: str, demo: bool) -> Image.Image:
    """The round red seal of `name` (upper case round the rim, a star in the middle; "MẪU" across a demo seal)."""
    size = int(SEAL_MM * PX_PER_MM)
    seal = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    line = max(3, size // 90)
    draw.ellipse((line, line, size - line, size - line), outline=RED, width=line * 2)
    inner = size * 0.30
    draw.ellipse((size / 2 - inner, size / 2 - inner, size / 2 + inner, size / 2 + inner), outline=RED, width=line)
    _rim_text(seal, name.upper(), size * 0.39, _font(int(size * 0.085)))
    _star(draw, size / 2, size / 2 - (size * 0.04 if demo else 0), size * 0.16)
    if demo:
        draw.text((size / 2, size * 0.68), "MẪU – DEMO", font=_font(int(size * 0.06)), fill=RED, anchor="mm")
    return seal


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def stamp_image(*, seal_name: str, organisation: str, signed_at: datetime, demo: bool) -> Image.Image:
    """The whole appearance: the seal on the left, the organisation and the time (ISO 8601, +07:00) beside it."""
    seal = seal_image(seal_name, demo)
    height = seal.height
    width = seal.width + int(TEXT_MM * PX_PER_MM)
    stamp = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    stamp.alpha_composite(seal, (0, 0))
    draw = ImageDraw.Draw(stamp)
    small = _font(int(2.9 * PX_PER_MM), bold=False)
    bold = _font(int(2.9 * PX_PER_MM))
    left = seal.width + 2 * PX_PER_MM
    lines = [(line, bold) for line in _wrap(organisation, bold, width - left - PX_PER_MM)]
    lines += [("Thời gian ký:", small), (signed_at.isoformat(timespec="seconds"), small)]
    if demo:
        lines.append(("DEMO – không có giá trị pháp lý", small))
    pitch = int(3.8 * PX_PER_MM)
    top = (height - pitch * len(lines)) // 2
    for i, (text, font) in enumerate(lines):
        draw.text((left, top + i * pitch), text, font=font, fill=RED)
    return stamp
