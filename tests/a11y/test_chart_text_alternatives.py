"""Issue 15: a statistics chart says in words what it draws (WCAG 1.1.1), and its table can be found and scrolled
without a mouse: named after the chart, reachable by the Tab key."""

import re

from django.template.loader import render_to_string

from conclusions.stats import charts
from conclusions.stats.panels import Panel, Series


def _panel(rows, **kwargs):
    return Panel(
        key="tra-loi",
        title="Kiến nghị và trả lời theo cơ quan",
        columns=["Cơ quan", "Số kiến nghị", "Đã có trả lời"],
        rows=rows,
        series=[Series("Số kiến nghị", 1, "#0d6efd"), Series("Đã có trả lời", 2, "#198754")],
        **kwargs,
    )


def test_a_chart_is_described_by_its_figures_row_by_row():
    svg = str(charts.render(_panel([["Sở Nội vụ", 4, 2], ["Sở Tài chính", 1, 0]])))
    described = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
    desc = re.search(rf'<desc id="{described}">(.*?)</desc>', svg).group(1)
    assert desc == "Sở Nội vụ: Số kiến nghị 4, Đã có trả lời 2; Sở Tài chính: Số kiến nghị 1, Đã có trả lời 0"
    assert 'role="img"' in svg and 'aria-labelledby="chart-tra-loi"' in svg


def test_a_column_chart_of_years_is_described_too_and_labels_stay_escaped():
    svg = str(charts.render(_panel([["2023 <b>", 10, 8], ["2024", 14, 14]], chart="columns")))
    assert '<desc id="chart-tra-loi-desc">2023 &lt;b&gt;: Số kiến nghị 10, Đã có trả lời 8; 2024:' in svg


def test_the_panel_table_is_a_named_region_reachable_by_keyboard_with_a_caption():
    html = render_to_string(
        "conclusions/stats_panel.html", {"panel": _panel([["Sở Nội vụ", 4, 2]]), "export_url": "/x"}
    )
    region = re.search(r'<div class="table-responsive"([^>]*)>', html).group(1)
    assert 'tabindex="0"' in region and 'role="region"' in region
    assert 'aria-label="Bảng số liệu: Kiến nghị và trả lời theo cơ quan"' in region
    assert '<caption class="visually-hidden">Kiến nghị và trả lời theo cơ quan</caption>' in html
