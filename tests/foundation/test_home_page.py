"""The home page: each role's conferences with the petitions and sites it may see, at a cost that does not grow
with the data (the counts used to join petitions x sites in one aggregate: 5-6 s at 10,000 petitions)."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from conferences.models import AgencyKind, ConferenceLevel, Role
from petitions.models import Petition, PetitionStatus
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    CommuneFactory,
    ConferenceFactory,
    DistrictFactory,
    UnitFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    """A province with two districts of one commune each; a provincial conference with a site per unit."""
    unit = UnitFactory(name="Lạng Sơn Thử")
    east, west = DistrictFactory(parent=unit, name="Huyện Đông"), DistrictFactory(parent=unit, name="Huyện Tây")
    east_commune, west_commune = CommuneFactory(parent=east, name="Xã Đông"), CommuneFactory(parent=west, name="Xã Tây")
    conference = ConferenceFactory(organising_unit=unit, year=2024, title="Hội nghị tỉnh 2024")
    sites = {
        u.name: BridgePointFactory(conference=conference, unit=u, name=u.full_name)
        for u in (unit, east, west, east_commune, west_commune)
    }
    return SimpleNamespace(unit=unit, east=east, west=west, conference=conference, sites=sites)


def _petitions(conference, site, n: int, **fields):
    start = Petition.objects.filter(conference=conference).count() + 1
    Petition.objects.bulk_create(
        Petition(
            conference=conference, number=start + i, content=f"Kiến nghị {start + i}?", bridge_point=site, **fields
        )
        for i in range(n)
    )


def _row(content: str, title: str) -> str:
    """The home page's table row of the conference titled `title`."""
    start = content.index(title)
    return content[start : content.index("</tr>", start)]


def _counts(row: str) -> list[str]:
    """Petitions and sites, the row's two number cells."""
    return re.findall(r'<td class="text-end">(\d+)</td>', row)


def test_a_district_youth_union_counts_only_its_own_districts_petitions_and_sites(client, province):
    _petitions(province.conference, province.sites["Huyện Đông"], 3)
    _petitions(province.conference, province.sites["Xã Đông"], 2)
    _petitions(province.conference, province.sites["Xã Đông"], 1, status=PetitionStatus.MERGED)
    _petitions(province.conference, province.sites["Huyện Tây"], 4)
    _petitions(province.conference, province.sites["Lạng Sơn Thử"], 1)
    union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=province.east, kind=AgencyKind.YOUTH_UNION))
    home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=province.unit))

    client.force_login(union)
    row = _row(client.get(reverse("home")).content.decode(), "Hội nghị tỉnh 2024")
    assert _counts(row) == ["5", "2"]  # Huyện Đông and Xã Đông only, merged aside

    client.force_login(home_affairs)
    row = _row(client.get(reverse("home")).content.decode(), "Hội nghị tỉnh 2024")
    assert _counts(row) == ["10", "5"]


def _grow(province, conferences: int, petitions_each: int):
    for n in range(conferences):
        conference = ConferenceFactory(organising_unit=province.unit, year=2020 + n, level=ConferenceLevel.PROVINCE)
        site = BridgePointFactory(conference=conference, unit=province.east)
        BridgePointFactory(conference=conference, unit=province.west)
        _petitions(conference, site, petitions_each)


@pytest.mark.parametrize("role", [Role.HOME_AFFAIRS, Role.YOUTH_UNION, Role.AGENCY_OFFICER, Role.LEADER])
def test_the_home_page_costs_the_same_queries_for_one_conference_or_many_with_many_petitions(
    client, province, role, django_assert_num_queries
):
    user = make_user(role, AgencyFactory(unit=province.unit))
    client.force_login(user)
    _petitions(province.conference, province.sites["Huyện Đông"], 3)
    with django_assert_num_queries(HOME_QUERIES[role]):
        assert client.get(reverse("home")).status_code == 200
    _grow(province, conferences=25, petitions_each=40)
    with django_assert_num_queries(HOME_QUERIES[role]):
        response = client.get(reverse("home"))
    assert "Trang 1/2" in response.content.decode()  # 26 conferences, 20 a page


# Session, user, membership, its agency and unit, the page count, the unread notices, the page of conferences with
# its counts (one query); then what each role's cards on the page read (the petitions app's partials).
HOME_QUERIES = {Role.HOME_AFFAIRS: 12, Role.YOUTH_UNION: 9, Role.AGENCY_OFFICER: 11, Role.LEADER: 8}
