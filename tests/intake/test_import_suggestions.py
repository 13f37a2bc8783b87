"""Import preview, "Áp dụng và kiểm tra lại": the unit named in a row drives the suggested site, and a weak guess
is offered but never pre-selected (pressing the button must not turn a row valid with a wrong site)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from petitions.models import ImportBatch

from .conftest import xlsx
from .test_excel_import import _upload

pytestmark = pytest.mark.django_db


class _SelectedValues(HTMLParser):
    """What the browser sends for the preview form's selects as the page stands (the selected option, or the first)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._first: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select, self._first = attrs.get("name"), None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = attrs.get("value", "")
                self.values[self._select] = self._first
            if "selected" in attrs:
                self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _page_choices(client, batch) -> dict[str, str]:
    parser = _SelectedValues()
    parser.feed(client.get(reverse("petitions:import_preview", args=[batch.pk])).content.decode())
    return parser.values


def _recheck_as_the_page_stands(client, world, rows):
    client.force_login(world.union)
    assert _upload(client, world, xlsx(rows)).status_code == 302
    batch = ImportBatch.objects.latest("pk")
    choices = _page_choices(client, batch)
    client.post(reverse("petitions:import_preview", args=[batch.pk]), {"action": "recheck", **choices})
    batch.refresh_from_db()
    return batch, choices, [r for r in batch.report["rows"] if not r["section"]][0]


def test_the_unit_named_in_the_row_drives_the_suggested_site(client, world):
    # "Thôn Khuổi Minh" is nowhere on the map; its letters look like Tân Minh, but the unit is Đội Cấn's.
    rows = [[1, "Đề nghị xây sân bóng cho thanh niên", "Đoàn xã Đội Cấn", "", "Thôn Khuổi Minh"]]
    batch, choices, row = _recheck_as_the_page_stands(client, world, rows)
    assert choices["site-2"] == str(world.sites["Đội Cấn"].pk)
    assert row["site_id"] == world.sites["Đội Cấn"].pk and not row["errors"]


def test_a_weak_guess_is_offered_but_not_preselected_and_the_row_stays_in_error(client, world):
    rows = [[1, "Đề nghị xây sân bóng cho thanh niên", "Đoàn trường THPT Tràng Định", "", "Thôn Khuổi Minh"]]
    batch, choices, row = _recheck_as_the_page_stands(client, world, rows)
    page = client.get(reverse("petitions:import_preview", args=[batch.pk])).content.decode()
    assert "Có phải: Xã Tân Minh" in page  # still offered, first in the list
    assert choices["site-2"] == ""
    assert row["site_id"] is None and row["errors"] == ["Không tìm thấy điểm cầu “Thôn Khuổi Minh”."]


def test_a_close_spelling_of_a_site_is_preselected(client, world):
    rows = [[1, "Đề nghị xây sân bóng cho thanh niên", "Đoàn trường THPT Tràng Định", "", "Xã Tân MInh 2"]]
    batch, choices, row = _recheck_as_the_page_stands(client, world, rows)
    assert choices["site-2"] == str(world.sites["Tân Minh"].pk)
    assert row["site_id"] == world.sites["Tân Minh"].pk
