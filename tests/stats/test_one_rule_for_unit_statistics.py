"""One visibility rule for a unit's figures: a user reads the statistics of their own unit and of the units beneath
it, on the page, in the XLSX and in the yearly report alike. A district can see its province's conference (it
takes part in it) but not the province's figures."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.models import ConferenceLevel, ConferenceStatus
from tests.factories import ConferenceFactory, PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_conference(world):
    conference = ConferenceFactory(
        slug="tinh-thu-2024",
        organising_unit=world.province,
        level=ConferenceLevel.PROVINCE,
        year=2024,
        status=ConferenceStatus.CONCLUDED,
        held_on=date(2024, 3, 20),
        title="Hội nghị đối thoại tỉnh Thử năm 2024",
    )
    PetitionFactory(conference=conference, number=1, content="Kiến nghị cấp tỉnh")
    return conference


def test_a_district_cannot_open_the_provinces_statistics_page_or_its_xlsx(client, world, province_conference):
    client.force_login(world.users["home_affairs"])
    # The district sees the provincial conference itself ...
    assert client.get(province_conference.get_absolute_url()).status_code == 200
    # ... but not the province's figures: the page falls back to its own unit with the message, as the report does.
    page = client.get(reverse("conclusions:stats_overview"), {"don_vi": world.province.pk})
    assert "Địa phương này không thuộc phạm vi bạn được xem thống kê." in page.content.decode()
    assert page.context["unit"] == world.district
    assert province_conference not in page.context["conferences"]
    export = client.get(reverse("conclusions:stats_overview_export"), {"don_vi": world.province.pk})
    assert "tinh-thu" not in export["Content-Disposition"]
    report = client.get(
        reverse("conclusions:stats_yearly_report"), {"don_vi": world.province.pk, "nam": 2024, "dinh_dang": "pdf"}
    )
    assert report.status_code == 400


def test_a_district_cannot_read_the_statistics_of_the_provinces_conference(client, world, province_conference):
    client.force_login(world.users["home_affairs"])
    for name in ("conclusions:stats_conference", "conclusions:stats_conference_export"):
        assert client.get(reverse(name, args=[province_conference.slug])).status_code == 403, name
    page = client.get(province_conference.get_absolute_url()).content.decode()
    assert reverse("conclusions:stats_conference", args=[province_conference.slug]) not in page


def test_the_provinces_leader_reads_the_province_and_its_districts(client, world, province_conference):
    client.force_login(world.users["leader"])
    page = client.get(reverse("conclusions:stats_overview"), {"don_vi": world.province.pk})
    assert page.context["unit"] == world.province
    assert list(page.context["conferences"]) == [province_conference]
    export = client.get(reverse("conclusions:stats_overview_export"), {"don_vi": world.province.pk})
    assert export.status_code == 200 and "tinh-thu" in export["Content-Disposition"]
    assert client.get(reverse("conclusions:stats_conference", args=[province_conference.slug])).status_code == 200
    conference_page = client.get(province_conference.get_absolute_url()).content.decode()
    assert reverse("conclusions:stats_conference", args=[province_conference.slug]) in conference_page
