"""Server-rendered SVG charts: no JavaScript, no CDN, readable on a phone and printable.

Two shapes cover the statistics pages: horizontal bars (one row per agency, group or site; long Vietnamese labels
fit on the left) and vertical columns (years). Both can be grouped or stacked. The markup is built here from
numbers and from labels passed through django.utils.html.escape, so the result is safe to mark as such; every
chart is shown next to its table, which carries the exact figures for screen readers and for copying.
"""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"
CHAR_WIDTH = 6.6  # average advance of a 12 px sans-serif glyph, for legend layout
LABEL_CHAR_WIDTH = 7.4  # a safe (wide) advance for truncating labels: Vietnamese capitals and diacritics run wide
LABEL_WIDTH = 280
GRID = "#dee2e6"
TEXT = "#212529"
MUTED = "#6c757d"


def render(panel) -> SafeString:
    """The chart of a statistics panel, or an empty string when it has nothing to draw."""
    series = panel.series
    rows = panel.rows[: panel.chart_limit] if panel.chart == "bars" else panel.rows
    if not rows or not series or not any(_value(row, s) for row in rows for s in series):
        return mark_safe("")
    if panel.chart == "columns":
        body, height = _columns(rows, series, stacked=panel.stacked)
    else:
        body, height = _bars(rows, series, stacked=panel.stacked)
    title_id = f"chart-{escape(panel.key)}"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stats-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{title_id}" aria-describedby="{title_id}-desc" '
        f'font-family="{FONT}" font-size="12" fill="{TEXT}">'
        f'<title id="{title_id}">{escape(panel.title)}</title>'
        f'<desc id="{title_id}-desc">{escape(describe(rows, series))}</desc>{body}</svg>'
    )
    return mark_safe(svg)  # noqa: S308 - built from numbers and escaped labels only


def describe(rows, series) -> str:
    """The chart's figures in words, for whoever cannot see it (its text alternative, WCAG 1.1.1):
    "Tràng Định: Số kiến nghị 14, Đã có trả lời 12; Cao Lộc: …"."""
    return "; ".join(f"{row[0]}: " + ", ".join(f"{s.label} {_fmt(_value(row, s))}" for s in series) for row in rows)


# Helpers ------------------------------------------------------------------------------------------------------------


def _value(row, series) -> float:
    value = row[series.column] if series.column < len(row) else None
    return float(value) if isinstance(value, int | float) else 0.0


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def _nice_max(value: float) -> tuple[float, float]:
    """A round axis maximum and tick step for a data maximum: 37 -> (40, 10), 7 -> (8, 2)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1 and float(value).is_integer() and value >= 1:
        step = 1.0
    return step * math.ceil(value / step), step


def _truncate(label: str, width: float) -> str:
    limit = max(int(width / LABEL_CHAR_WIDTH), 4)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _legend(series, y: float) -> tuple[str, float]:
    """Colour keys laid out left to right, wrapping; returns the markup and the height used."""
    if len(series) < 2:
        return "", 0
    parts, x, line = [], 0.0, 0
    for s in series:
        width = 18 + len(s.label) * CHAR_WIDTH + 16
        if x + width > WIDTH and x > 0:
            x, line = 0.0, line + 1
        top = y + line * 20
        parts.append(
            f'<rect x="{x:.1f}" y="{top + 2:.1f}" width="12" height="12" rx="2" fill="{s.color}"/>'
            f'<text x="{x + 17:.1f}" y="{top + 12:.1f}">{escape(s.label)}</text>'
        )
        x += width
    return "".join(parts), (line + 1) * 20 + 6


# Horizontal bars ----------------------------------------------------------------------------------------------------


def _bars(rows, series, *, stacked: bool) -> tuple[str, int]:
    legend, top = _legend(series, 0)
    left = LABEL_WIDTH + 10
    plot = WIDTH - left - 56
    totals = [sum(_value(r, s) for s in series) for r in rows] if stacked else None
    peak = max(totals) if stacked else max(_value(r, s) for r in rows for s in series)
    axis_max, step = _nice_max(peak)
    bar_h = 16 if stacked else 11
    row_h = (bar_h + 10) if stacked else (bar_h * len(series) + 12)
    plot_top = top + 4
    plot_h = row_h * len(rows)
    scale = plot / axis_max
    parts = [legend]
    # Grid and ticks under the bars.
    ticks = int(round(axis_max / step))
    for i in range(ticks + 1):
        x = left + i * step * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{plot_top + plot_h}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{plot_top + plot_h + 14}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11">{_fmt(i * step)}</text>'
        )
    for index, row in enumerate(rows):
        y = plot_top + index * row_h + 5
        label = str(row[0])
        parts.append(
            f'<text x="{LABEL_WIDTH}" y="{y + (row_h - 10) / 2 + 4:.1f}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(_truncate(label, LABEL_WIDTH))}</text>"
        )
        if stacked:
            x = float(left)
            for s in series:
                value = _value(row, s)
                if value <= 0:
                    continue
                width = value * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{s.color}">'
                    f"<title>{escape(label)} – {escape(s.label)}: {_fmt(value)}</title></rect>"
                )
                if width >= 22:
                    parts.append(
                        f'<text x="{x + width / 2:.1f}" y="{y + bar_h - 4}" text-anchor="middle" fill="#fff" '
                        f'font-size="11">{_fmt(value)}</text>'
                    )
                x += width
            parts.append(f'<text x="{x + 5:.1f}" y="{y + bar_h - 4}" font-weight="600">{_fmt(totals[index])}</text>')
        else:
            for offset, s in enumerate(series):
                value = _value(row, s)
                by = y + offset * bar_h
                width = value * scale
                parts.append(
                    f'<rect x="{left}" y="{by}" width="{width:.1f}" height="{bar_h - 1}" fill="{s.color}">'
                    f"<title>{escape(label)} – {escape(s.label)}: {_fmt(value)}</title></rect>"
                    f'<text x="{left + width + 4:.1f}" y="{by + bar_h - 2}" font-size="11">{_fmt(value)}</text>'
                )
    parts.append(f'<line x1="{left}" y1="{plot_top}" x2="{left}" y2="{plot_top + plot_h}" stroke="{MUTED}"/>')
    return "".join(parts), int(plot_top + plot_h + 22)


# Vertical columns ---------------------------------------------------------------------------------------------------


def _stacked_column(row, series, *, center: float, base: float, scale: float, group_w: float) -> list[str]:
    label = str(row[0])
    width = min(64.0, group_w * 0.55)
    parts, y = [], float(base)
    for s in series:
        value = _value(row, s)
        if value <= 0:
            continue
        height = value * scale
        y -= height
        parts.append(
            f'<rect x="{center - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
            f'fill="{s.color}"><title>{escape(label)} – {escape(s.label)}: {_fmt(value)}</title></rect>'
        )
        if height >= 16:
            parts.append(
                f'<text x="{center:.1f}" y="{y + height / 2 + 4:.1f}" text-anchor="middle" fill="#fff" '
                f'font-size="11">{_fmt(value)}</text>'
            )
    total = sum(_value(row, s) for s in series)
    parts.append(f'<text x="{center:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-weight="600">{_fmt(total)}</text>')
    return parts


def _grouped_columns(row, series, *, center: float, base: float, scale: float, group_w: float) -> list[str]:
    label = str(row[0])
    width = min(40.0, group_w * 0.7 / len(series))
    start = center - width * len(series) / 2
    parts = []
    for offset, s in enumerate(series):
        value = _value(row, s)
        height = value * scale
        x = start + offset * width
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{base - height:.1f}" width="{width - 2:.1f}" height="{height:.1f}" '
            f'fill="{s.color}"><title>{escape(label)} – {escape(s.label)}: {_fmt(value)}</title></rect>'
            f'<text x="{x + width / 2:.1f}" y="{base - height - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{_fmt(value)}</text>'
        )
    return parts


def _columns(rows, series, *, stacked: bool) -> tuple[str, int]:
    legend, top = _legend(series, 0)
    left, right, plot_h = 44, 10, 220
    plot_top = top + 16
    plot_w = WIDTH - left - right
    totals = [sum(_value(r, s) for s in series) for r in rows] if stacked else None
    peak = max(totals) if stacked else max(_value(r, s) for r in rows for s in series)
    axis_max, step = _nice_max(peak)
    scale = plot_h / axis_max
    base = plot_top + plot_h
    parts = [legend]
    ticks = int(round(axis_max / step))
    for i in range(ticks + 1):
        y = base - i * step * scale
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" font-size="11">'
            f"{_fmt(i * step)}</text>"
        )
    group_w = plot_w / len(rows)
    draw = _stacked_column if stacked else _grouped_columns
    for index, row in enumerate(rows):
        center = left + group_w * (index + 0.5)
        label = escape(_truncate(str(row[0]), group_w))
        parts.append(f'<text x="{center:.1f}" y="{base + 16}" text-anchor="middle">{label}</text>')
        parts += draw(row, series, center=center, base=base, scale=scale, group_w=group_w)
    parts.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{MUTED}"/>')
    return "".join(parts), int(base + 26)
