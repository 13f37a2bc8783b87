from datetime import date

import pytest
from django.urls import reverse

from conferences.models import AuditEvent, BridgePoint, IssueGroup, Role
from conferences.services import DEFAULT_ISSUE_GROUPS, bridge_points_generate
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    CommuneFactory,
    ConferenceFactory,
    DistrictFactory,
    IssueGroupFactory,
    PetitionFactory,
    UnitFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A province with one district (two communes) valid until the reform, and one commune of the new map."""
    province = UnitFactory(name="Thử Nghiệm")
    district = DistrictFactory(parent=province, valid_to=date(2025, 6, 30))
    old = [CommuneFactory(parent=district, valid_to=date(2025, 6, 30)) for _ in range(2)]
    new = CommuneFactory(parent=province, valid_from=date(2025, 7, 1))
    home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=province))
    return province, district, old, new, home_affairs


def test_sites_follow_the_map_valid_on_the_dialogue_date(world):
    province, district, old, new, actor = world
    before = ConferenceFactory(organising_unit=province, planned_date=date(2025, 3, 20))
    after = ConferenceFactory(organising_unit=province, planned_date=date(2026, 3, 20))
    assert bridge_points_generate(conference=before, actor=actor) == 4
    assert bridge_points_generate(conference=after, actor=actor) == 2
    assert set(before.bridge_points.values_list("unit", flat=True)) == {province.pk, district.pk, *(c.pk for c in old)}
    assert set(after.bridge_points.values_list("unit", flat=True)) == {province.pk, new.pk}
    # Generating again adds nothing and keeps edited names.
    before.bridge_points.filter(unit=district).update(name="Hội trường huyện")
    assert bridge_points_generate(conference=before, actor=actor) == 0
    assert before.bridge_points.filter(name="Hội trường huyện").exists()


def test_home_affairs_edits_adds_and_deletes_sites(client, world):
    province, district, old, new, actor = world
    conference = ConferenceFactory(organising_unit=province)
    site = BridgePointFactory(conference=conference, unit=old[0])
    client.force_login(actor)
    response = client.post(
        reverse("conferences:site_edit", args=[conference.slug, site.pk]),
        {"name": "  Nhà văn hóa   xã ", "kind": "commune", "unit": old[0].pk, "moderator": "Bí thư Đoàn xã"},
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.name == "Nhà văn hóa xã" and site.moderator == "Bí thư Đoàn xã"
    client.post(
        reverse("conferences:sites", args=[conference.slug]),
        {"name": "Trường THPT Thử Nghiệm", "kind": "commune", "unit": "", "moderator": ""},
    )
    assert conference.bridge_points.filter(name="Trường THPT Thử Nghiệm", unit__isnull=True).exists()
    client.post(reverse("conferences:site_delete", args=[conference.slug, site.pk]))
    assert not BridgePoint.objects.filter(pk=site.pk).exists()
    assert AuditEvent.objects.filter(action="bridge_point.delete").exists()


def test_a_site_with_petitions_cannot_be_deleted(client, world):
    province, district, old, new, actor = world
    conference = ConferenceFactory(organising_unit=province)
    site = BridgePointFactory(conference=conference, unit=old[0])
    PetitionFactory(conference=conference, bridge_point=site)
    client.force_login(actor)
    response = client.post(reverse("conferences:site_delete", args=[conference.slug, site.pk]), follow=True)
    assert "đã có kiến nghị nên không xóa được" in response.content.decode()
    assert BridgePoint.objects.filter(pk=site.pk).exists()


def test_issue_groups_are_added_renamed_reordered_and_deleted(client, world):
    province, *_rest, actor = world
    conference = ConferenceFactory(organising_unit=province)
    client.force_login(actor)
    client.post(reverse("conferences:group_defaults", args=[conference.slug]))
    assert list(conference.issue_groups.values_list("name", flat=True)) == DEFAULT_ISSUE_GROUPS
    # The same name written without accents is the same group.
    response = client.post(reverse("conferences:groups", args=[conference.slug]), {"name": "xay dung nong thon moi"})
    assert "Đã có nhóm vấn đề" in response.content.decode()
    assert conference.issue_groups.count() == len(DEFAULT_ISSUE_GROUPS)
    last = conference.issue_groups.order_by("position").last()
    client.post(reverse("conferences:group_move", args=[conference.slug, last.pk]), {"direction": "up"})
    names = list(conference.issue_groups.order_by("position").values_list("name", flat=True))
    assert names[-2] == last.name
    client.post(reverse("conferences:group_rename", args=[conference.slug, last.pk]), {"name": "Tổ chức Đoàn"})
    last.refresh_from_db()
    assert last.name == "Tổ chức Đoàn"
    client.post(reverse("conferences:group_delete", args=[conference.slug, last.pk]))
    assert not IssueGroup.objects.filter(pk=last.pk).exists()


def test_a_group_with_petitions_is_kept(client, world):
    province, *_rest, actor = world
    conference = ConferenceFactory(organising_unit=province)
    group = IssueGroupFactory(conference=conference)
    PetitionFactory(conference=conference, issue_group=group)
    client.force_login(actor)
    response = client.post(reverse("conferences:group_delete", args=[conference.slug, group.pk]), follow=True)
    assert "đã có kiến nghị nên không xóa được" in response.content.decode()
    assert IssueGroup.objects.filter(pk=group.pk).exists()


def test_youth_union_reads_sites_and_groups_but_changes_nothing(client, world):
    province, district, old, new, _ = world
    conference = ConferenceFactory(organising_unit=province)
    site = BridgePointFactory(conference=conference, unit=old[0], name="Xã gốc")
    group = IssueGroupFactory(conference=conference, name="Nhóm gốc")
    union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=province))
    client.force_login(union)
    assert client.get(reverse("conferences:sites", args=[conference.slug])).status_code == 200
    assert client.get(reverse("conferences:groups", args=[conference.slug])).status_code == 200
    refused = [
        client.post(reverse("conferences:sites", args=[conference.slug]), {"name": "Mới", "kind": "commune"}),
        client.post(
            reverse("conferences:site_edit", args=[conference.slug, site.pk]), {"name": "Đổi", "kind": "commune"}
        ),
        client.post(reverse("conferences:site_delete", args=[conference.slug, site.pk])),
        client.post(reverse("conferences:site_generate", args=[conference.slug])),
        client.post(reverse("conferences:groups", args=[conference.slug]), {"name": "Mới"}),
        client.post(reverse("conferences:group_rename", args=[conference.slug, group.pk]), {"name": "Đổi"}),
        client.post(reverse("conferences:group_delete", args=[conference.slug, group.pk])),
        client.post(reverse("conferences:group_defaults", args=[conference.slug])),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert list(conference.bridge_points.values_list("name", flat=True)) == ["Xã gốc"]
    assert list(conference.issue_groups.values_list("name", flat=True)) == ["Nhóm gốc"]
