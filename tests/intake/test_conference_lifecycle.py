from datetime import date

import pytest
from django.urls import reverse

from conferences.models import AuditEvent, ConferenceStatus, Role
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    ConferenceFactory,
    IssueGroupFactory,
    UnitFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    province = UnitFactory()
    conference = ConferenceFactory(organising_unit=province, planned_date=date(2024, 3, 26))
    home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=province))
    union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=province))
    return conference, home_affairs, union


def _move(client, conference, target, **extra):
    return client.post(reverse("conferences:status", args=[conference.slug]), {"target": target, **extra}, follow=True)


def test_the_page_says_what_opening_intake_unlocks(client, setup):
    conference, home_affairs, _ = setup
    client.force_login(home_affairs)
    content = client.get(conference.get_absolute_url()).content.decode()
    assert "Mở tiếp nhận kiến nghị" in content
    assert "Đoàn Thanh niên các cấp được ghi kiến nghị" in content


def test_intake_cannot_open_without_sites_and_groups(client, setup):
    conference, home_affairs, _ = setup
    client.force_login(home_affairs)
    response = _move(client, conference, ConferenceStatus.COLLECTING)
    assert "Chưa có điểm cầu nào" in response.content.decode()
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.PLANNING


def test_the_conference_walks_through_every_state_with_an_audit_row_each(client, setup):
    conference, home_affairs, _ = setup
    BridgePointFactory(conference=conference)
    IssueGroupFactory(conference=conference)
    client.force_login(home_affairs)
    for target in ["collecting", "answering", "held", "concluded", "archived"]:
        _move(client, conference, target, held_on="28/03/2024")
        conference.refresh_from_db()
        assert conference.status == target
    assert conference.held_on == date(2024, 3, 28)
    moves = AuditEvent.objects.filter(action="conference.status", target_id=conference.pk)
    assert moves.count() == 5
    assert {m.data["new"] for m in moves} == {"collecting", "answering", "held", "concluded", "archived"}


def test_an_illegal_jump_is_refused_with_a_message(client, setup):
    conference, home_affairs, _ = setup
    client.force_login(home_affairs)
    response = _move(client, conference, ConferenceStatus.CONCLUDED)
    assert "Không thể chuyển từ trạng thái" in response.content.decode()
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.PLANNING


def test_an_archived_conference_can_no_longer_be_edited(client, setup):
    conference, home_affairs, _ = setup
    conference.status = ConferenceStatus.ARCHIVED
    conference.save()
    client.force_login(home_affairs)
    response = client.post(reverse("conferences:groups", args=[conference.slug]), {"name": "Nhóm mới"}, follow=True)
    assert "đã lưu trữ" in response.content.decode()
    assert not conference.issue_groups.exists()


def test_youth_union_may_not_move_the_conference(client, setup):
    conference, _, union = setup
    BridgePointFactory(conference=conference)
    IssueGroupFactory(conference=conference)
    client.force_login(union)
    assert _move(client, conference, ConferenceStatus.COLLECTING).status_code == 403
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.PLANNING
    assert not AuditEvent.objects.filter(action="conference.status").exists()
