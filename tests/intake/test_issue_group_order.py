"""Reordering issue groups (↑/↓): the new order shows on every page that lists them, with a message."""

import pytest
from django.urls import reverse

from conferences.models import ConferenceStatus, Role
from tests.factories import (
    AgencyFactory,
    ConferenceFactory,
    IssueGroupFactory,
    PetitionFactory,
    UnitFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

NAMES = ["Vốn vay khởi nghiệp", "Đào tạo nghề", "Chuyển đổi số"]


@pytest.fixture
def groups_world():
    province = UnitFactory()
    conference = ConferenceFactory(organising_unit=province, status=ConferenceStatus.COLLECTING)
    groups = [IssueGroupFactory(conference=conference, name=name, position=i) for i, name in enumerate(NAMES, 1)]
    # Each group holds a petition: the pages that count petitions per group must keep the order too.
    for group in groups:
        PetitionFactory(conference=conference, issue_group=group)
    home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=province))
    return conference, groups, home_affairs


def _order_in(html: str) -> list[str]:
    return sorted(NAMES, key=html.index)


def test_moving_a_group_up_changes_the_order_on_every_page_and_says_so(client, groups_world):
    conference, groups, home_affairs = groups_world
    client.force_login(home_affairs)
    response = client.post(
        reverse("conferences:group_move", args=[conference.slug, groups[2].pk]), {"direction": "up"}, follow=True
    )
    expected = ["Vốn vay khởi nghiệp", "Chuyển đổi số", "Đào tạo nghề"]
    page = response.content.decode()
    assert "Đã chuyển nhóm “Chuyển đổi số” lên vị trí 2." in page
    assert _order_in(page.split('class="list-group"', 1)[1]) == expected
    detail = client.get(reverse("conferences:detail", args=[conference.slug])).content.decode()
    assert _order_in(detail.split("list-group", 1)[1]) == expected
    petitions = client.get(reverse("petitions:list", args=[conference.slug])).content.decode()
    assert _order_in(petitions.split("<main", 1)[1]) == expected


def test_a_group_cannot_move_past_the_top_and_the_page_says_why(client, groups_world):
    conference, groups, home_affairs = groups_world
    client.force_login(home_affairs)
    response = client.post(
        reverse("conferences:group_move", args=[conference.slug, groups[0].pk]), {"direction": "up"}, follow=True
    )
    assert "Nhóm “Vốn vay khởi nghiệp” đã ở đầu danh sách." in response.content.decode()
