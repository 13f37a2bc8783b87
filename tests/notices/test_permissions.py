"""Who sees and changes which notice: roles x notices of their own and another province. A refused request
changes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from conclusions.models import ConclusionNotice
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.issuing import notice_issue

from .conftest import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(world):
    world.petition("Hỏi về vốn?")
    draft = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    other = build_world("Bình Yên")
    other_draft = notice_draft_from_conference(conference=other.conference, actor=other.officer)
    return world, draft, other, other_draft


def _status(client, user, name, *args, method="get", data=None):
    client.force_login(user)
    url = reverse(f"conclusions:{name}", args=args)
    return (client.post(url, data or {}) if method == "post" else client.get(url)).status_code


@pytest.mark.parametrize(
    ("role", "expected"),
    [("officer", 200), ("leader", 200), ("youth", 404), ("agency_officer", 404), ("outsider", 404)],
)
def test_who_may_read_a_draft(client, setting, role, expected):
    world, draft, _other, _other_draft = setting
    assert _status(client, getattr(world, role), "notice_detail", draft.pk) == expected
    assert _status(client, getattr(world, role), "notice_download", draft.pk, "docx") == expected


@pytest.mark.parametrize("role", ["officer", "leader", "youth", "agency_officer"])
def test_nobody_reads_another_provinces_draft(client, setting, role):
    world, _draft, _other, other_draft = setting
    assert _status(client, getattr(world, role), "notice_detail", other_draft.pk) == 404
    assert _status(client, getattr(world, role), "notice_download", other_draft.pk, "pdf") == 404


@pytest.mark.parametrize(("role", "expected"), [("leader", 403), ("youth", 404), ("outsider", 404)])
def test_only_home_affairs_edits_and_a_refused_edit_changes_nothing(client, setting, role, expected):
    world, draft, _other, _other_draft = setting
    data = {"lock_version": draft.lock_version, "heading": "Phần chen vào", "body": "x"}
    assert _status(client, getattr(world, role), "section_add", draft.pk, method="post", data=data) == expected
    issue = {"lock_version": draft.lock_version, "issue_date": "05/04/2024", "confirm": "on"}
    assert _status(client, getattr(world, role), "notice_issue", draft.pk, method="post", data=issue) == expected
    draft.refresh_from_db()
    assert draft.is_draft and draft.sections.count() == 2
    assert not draft.sections.filter(heading="Phần chen vào").exists()


def test_home_affairs_of_the_province_edits(client, setting):
    world, draft, _other, _other_draft = setting
    data = {"lock_version": draft.lock_version, "heading": "Phần mới", "body": "- Gạch đầu dòng."}
    assert _status(client, world.officer, "section_add", draft.pk, method="post", data=data) == 302
    assert draft.sections.filter(heading="Phần mới").exists()


def test_issued_notices_are_read_by_every_role_of_the_province_and_corrected_only_by_home_affairs(client, setting):
    world, draft, other, _other_draft = setting
    draft.signer_name = "Nguyễn Văn A"
    draft.save()
    issued = notice_issue(notice=draft, actor=world.officer, issue_date=date(2024, 4, 5))
    for user in (world.officer, world.leader, world.youth, world.agency_officer):
        assert _status(client, user, "notice_detail", issued.pk) == 200
        assert _status(client, user, "notice_download", issued.pk, "pdf") == 200
    assert _status(client, world.outsider, "notice_detail", issued.pk) == 404
    assert _status(client, other.officer, "notice_download", issued.pk, "pdf") == 404
    assert _status(client, world.youth, "notice_revise", issued.pk, method="post") == 403
    assert _status(client, world.leader, "notice_revise", issued.pk, method="post") == 403
    assert ConclusionNotice.objects.filter(conference=world.conference).count() == 1
    assert _status(client, world.officer, "notice_revise", issued.pk, method="post") == 302
    assert ConclusionNotice.objects.filter(conference=world.conference).count() == 2


def test_starting_a_draft_is_for_home_affairs_only(client, world):
    url = reverse("conclusions:conference_notice", args=[world.conference.slug])
    for user, expected in ((world.leader, 403), (world.youth, 403), (world.outsider, 404)):
        client.force_login(user)
        assert client.post(url).status_code == expected
    assert not ConclusionNotice.objects.filter(conference=world.conference).exists()
    client.force_login(world.officer)
    assert client.post(url).status_code == 302
    assert ConclusionNotice.objects.filter(conference=world.conference).count() == 1


def test_the_list_shows_each_user_only_the_notices_of_their_scope(client, setting):
    world, draft, other, other_draft = setting
    client.force_login(world.officer)
    content = client.get(reverse("conclusions:notice_list")).content.decode()
    assert world.conference.title in content and other.conference.title not in content
    client.force_login(world.youth)
    content = client.get(reverse("conclusions:notice_list")).content.decode()
    assert world.conference.title not in content  # only a draft so far
