"""Who reads statistics: a matrix of roles x conferences inside and outside their area."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ("conclusions:stats_conference", "conclusions:stats_conference_export")


@pytest.mark.parametrize(
    "persona, slug, expected",
    [
        ("home_affairs", "huyen-mot-2024", 200),
        ("leader", "huyen-mot-2024", 200),  # the province's leader sees its districts
        ("other_home_affairs", "huyen-mot-2024", 404),  # another district: not even its existence
        ("other_home_affairs", "huyen-hai-2024", 200),
        ("youth_union", "huyen-mot-2024", 403),  # sees the conference, not its statistics
        ("officer", "huyen-mot-2024", 403),
        ("home_affairs", "khong-ton-tai", 404),
    ],
)
def test_conference_statistics_by_role_and_area(client, world, persona, slug, expected):
    client.force_login(world.users[persona])
    for name in PAGES:
        assert client.get(reverse(name, args=[slug])).status_code == expected, name


def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get(reverse("conclusions:stats_overview"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["youth_union", "officer"])
def test_roles_without_statistics_get_403_on_the_overview_and_its_export(client, world, persona):
    client.force_login(world.users[persona])
    assert client.get(reverse("conclusions:stats_overview")).status_code == 403
    assert client.get(reverse("conclusions:stats_overview_export")).status_code == 403


def test_overview_defaults_to_the_users_own_unit(client, world):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse("conclusions:stats_overview"))
    assert response.context["unit"] == world.district
    assert {c.slug for c in response.context["conferences"]} == {"huyen-mot-2024", "huyen-mot-2023"}


def test_asking_for_a_unit_outside_ones_area_shows_a_message_and_the_own_unit(client, world):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse("conclusions:stats_overview"), {"don_vi": world.other_district.pk})
    assert "Địa phương này không thuộc phạm vi bạn được xem thống kê." in response.content.decode()
    assert response.context["unit"] == world.district
    export = client.get(reverse("conclusions:stats_overview_export"), {"don_vi": world.other_district.pk})
    assert b"huyen-hai" not in export["Content-Disposition"].encode()


def test_statistics_link_is_in_the_navigation_for_home_affairs_only(client, world):
    client.force_login(world.users["home_affairs"])
    assert reverse("conclusions:stats_overview") in client.get(reverse("home")).content.decode()
    client.force_login(world.users["officer"])
    assert reverse("conclusions:stats_overview") not in client.get(reverse("home")).content.decode()
