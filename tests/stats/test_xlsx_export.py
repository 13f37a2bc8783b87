import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conclusions.stats.export import panels_to_xlsx
from conclusions.stats.panels import Panel, Series

pytestmark = pytest.mark.django_db


def _sheets(response):
    return load_workbook(io.BytesIO(response.content))


def test_each_panel_exports_its_table_as_a_sheet(client, world):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse("conclusions:stats_conference_export", args=[world.conference.slug]))
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    workbook = _sheets(response)
    page = client.get(reverse("conclusions:stats_conference", args=[world.conference.slug]))
    assert len(workbook.sheetnames) == len(page.context["panels"])
    groups = workbook[workbook.sheetnames[0]]
    assert [c.value for c in groups[4]] == ["Nhóm vấn đề", "Số kiến nghị", "Đã có trả lời"]
    assert [c.value for c in groups[5]] == ["Việc làm", 4, 2]


def test_one_panel_exports_alone_by_its_key(client, world):
    client.force_login(world.users["home_affairs"])
    url = reverse("conclusions:stats_conference_export", args=[world.conference.slug])
    workbook = _sheets(client.get(url, {"bang": "nhiem-vu"}))
    assert len(workbook.sheetnames) == 1
    rows = list(workbook.active.iter_rows(min_row=5, values_only=True))
    # Done 1 of 3 (how many of the others are overdue depends on today's date).
    assert any(r[0] == "Phòng Nông nghiệp" and r[1] == 1 and r[2] + r[3] == 2 and r[4] == 3 for r in rows)
    assert client.get(url, {"bang": "khong-co"}).status_code == 404


def test_unit_export_holds_the_year_over_year_table(client, world):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse("conclusions:stats_overview_export"), {"bang": "theo-nam"})
    rows = list(_sheets(response).active.iter_rows(min_row=5, values_only=True))
    assert rows == [("2023", 3, 2, 1), ("2024", 7, 4, 1)]


def test_text_that_looks_like_a_formula_stays_text():
    panel = Panel(
        key="x",
        title="Bảng: thử/[1]",
        columns=["Nhóm", "Số"],
        rows=[['=HYPERLINK("http://evil","bấm")', 3], ["+1+1", 2]],
        series=[Series("Số", 1, "#000")],
    )
    sheet = load_workbook(io.BytesIO(panels_to_xlsx([panel], heading="=1+1"))).active
    assert sheet["A5"].data_type == "s" and sheet["A5"].value.startswith("=HYPERLINK")
    assert sheet["A6"].data_type == "s"
    assert sheet["A1"].data_type == "s"
    assert sheet["B5"].value == 3
