import re

from conclusions.stats import charts
from conclusions.stats.panels import Panel, Series


def _panel(rows, *, chart="bars", stacked=False, series=None):
    return Panel(
        key="thu",
        title="Biểu đồ <thử>",
        columns=["Nhãn", "A", "B"],
        rows=rows,
        chart=chart,
        stacked=stacked,
        series=series or [Series("A", 1, "#198754"), Series("B", 2, "#dc3545")],
    )


def test_a_bar_chart_draws_one_bar_per_row_and_series_with_its_figure():
    svg = str(charts.render(_panel([["Sở Nội vụ", 4, 2], ["Sở Tài chính", 1, 0]])))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert len(re.findall(r"<rect [^>]*><title>", svg)) == 4
    assert "Sở Nội vụ – A: 4" in svg


def test_stacked_bars_print_the_row_total_and_skip_empty_segments():
    svg = str(charts.render(_panel([["Sở Nội vụ", 3, 2]], stacked=True)))
    assert len(re.findall(r"<rect [^>]*><title>", svg)) == 2
    assert ">5</text>" in svg


def test_labels_are_escaped_and_long_ones_shortened_with_the_full_text_kept():
    long = "Nhóm <script>alert(1)</script> " + "rất dài " * 20
    svg = str(charts.render(_panel([[long, 1, 1]])))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "…" in svg
    assert "Biểu đồ &lt;thử&gt;" in svg


def test_nothing_to_draw_gives_an_empty_chart():
    assert charts.render(_panel([])) == ""
    assert charts.render(_panel([["Sở Nội vụ", 0, 0]])) == ""
    assert charts.render(_panel([["Sở Nội vụ", None, None]])) == ""


def test_column_charts_put_years_along_the_axis():
    svg = str(charts.render(_panel([["2023", 10, 8], ["2024", 14, 14]], chart="columns")))
    assert ">2023</text>" in svg and ">2024</text>" in svg
    assert "2024 – B: 14" in svg


def test_bar_charts_show_at_most_the_panel_limit():
    rows = [[f"Xã {n}", n + 1, 0] for n in range(40)]
    panel = _panel(rows)
    svg = str(charts.render(panel))
    assert "<title>Xã 14</title>" in svg and "Xã 15" not in svg
    assert panel.truncated


def test_axis_maximum_is_a_round_number_above_the_data():
    assert charts._nice_max(37) == (40, 10)
    assert charts._nice_max(7) == (8, 2)
    assert charts._nice_max(1) == (1, 1)
    assert charts._nice_max(0) == (1.0, 1.0)


def test_decimal_figures_use_a_comma():
    assert charts._fmt(7.5) == "7,5"
    assert charts._fmt(1200) == "1.200"
