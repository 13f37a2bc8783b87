"""In the browser: a district Youth Union's home page counts its own district's sites of the provincial conference."""

import pytest

from conferences.models import BridgePoint
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_youth_union_sees_its_districts_share_of_the_provincial_conference(page, login, demo):
    provincial = demo["lang-son-2024"]
    district = demo["trang-dinh-2024"].organising_unit
    own_sites = BridgePoint.objects.filter(conference=provincial, unit__path__startswith=district.path).count()
    assert 1 < own_sites < provincial.bridge_points.count()
    login("doan_trangdinh")
    row = page.locator("tr", has=page.get_by_role("link", name=provincial.title))
    cells = row.locator("td.text-end").all_inner_texts()
    assert cells == ["0", str(own_sites)]
    screenshot(page, "home-district-youth-union")
