"""Who sees and does what on the dialogue day: each role x each page, a site sees only its own questions, a
projector link shows nothing private and stops working when revoked. Refused requests change nothing."""

import uuid

import pytest
from django.urls import reverse

from conferences.models import AuditEvent
from petitions.live.models import LiveChannel, LiveEntry, LiveSession
from petitions.live.services.queue import entry_put_on_air
from petitions.live.services.sessions import projector_link_issue, projector_link_revoke
from petitions.models import Answer, Assignment, Petition

from .conftest import post

pytestmark = pytest.mark.django_db

USERS = ["moderator", "ha", "district_union", "commune_union", "other_union", "officer", "leader", "ha_other"]

#                  mod. ha   dist. comm. other off. lead. ha_o.
READS = {
    "console":          (200, 200, 403, 403, 403, 403, 403, 404),
    "console_fragment": (200, 200, 403, 403, 403, 403, 403, 404),
    "entry":            (200, 200, 403, 403, 403, 403, 403, 404),
    "operator":         (200, 200, 200, 200, 200, 403, 403, 404),
    "screen":           (200, 200, 200, 200, 200, 403, 403, 404),
    "feed":             (200, 200, 200, 200, 200, 403, 403, 404),
    "minutes":          (200, 200, 403, 403, 403, 403, 200, 404),
    "minutes_docx":     (200, 200, 403, 403, 403, 403, 200, 404),
    "minutes_xlsx":     (200, 200, 403, 403, 403, 403, 200, 404),
}  # fmt: skip


def _url(name, world, entry=None):
    kwargs = {"slug": world.conference.slug}
    if name.startswith("entry"):
        kwargs["pk"] = entry.pk
    return reverse(f"live:{name}", kwargs=kwargs)


@pytest.mark.parametrize("user_key", USERS)
@pytest.mark.parametrize("view", list(READS))
def test_every_role_opens_only_what_its_place_allows(client, live, user_key, view):
    entry = post(live)
    client.force_login(getattr(live, user_key))
    expected = dict(zip(USERS, READS[view], strict=True))[user_key]
    assert client.get(_url(view, live, entry)).status_code == expected


def snapshot():
    return (
        sorted(LiveEntry.objects.values_list("id", "state", "shortlisted", "position", "responder_label")),
        sorted(LiveSession.objects.values_list("id", "ended_at")),
        sorted(LiveChannel.objects.values_list("id", "projector_token")),
        sorted(Petition.objects.values_list("id", "status")),
        Answer.objects.count(),
        Assignment.objects.count(),
        AuditEvent.objects.count(),
    )


WRITES = [
    ("start", {}),
    ("stop", {}),
    ("compiled_list_copy", {}),
    ("projector_link_issue", {}),
    ("projector_link_revoke", {}),
    ("entry_shortlist", {"on": "1"}),
    ("entry_on_air", {"responder": ""}),
    ("entry_answered", {"answered_by": "Chủ tịch", "summary": "Đã trả lời."}),
    ("entry_in_writing", {"agency": "labour", "working_days": "10"}),
]


@pytest.mark.parametrize("user_key", ["district_union", "commune_union", "officer", "leader", "ha_other"])
@pytest.mark.parametrize(("view", "data"), WRITES)
def test_only_the_console_acts_and_a_refusal_changes_nothing(client, live, user_key, view, data):
    entry = entry_put_on_air(entry=post(live), actor=live.moderator)
    projector_link_issue(conference=live.conference, actor=live.moderator)
    if data.get("agency") == "labour":
        data = {**data, "agency": live.labour.pk}
    before = snapshot()
    client.force_login(getattr(live, user_key))
    response = client.post(_url(view, live, entry), data)
    assert response.status_code == (404 if user_key == "ha_other" else 403)
    assert snapshot() == before


def test_a_site_sees_only_its_own_questions(client, live):
    post(live, site_key="commune", content="Câu hỏi của Tân Minh?")
    post(live, site_key="other_commune", content="Câu hỏi của Hợp Thành?", actor=live.other_union)
    post(live, site_key="province", content="Câu hỏi của điểm cầu tỉnh?", actor=live.moderator)
    seen = {}
    for key in ("commune_union", "other_union", "district_union"):
        client.force_login(getattr(live, key))
        page = client.get(_url("operator", live)).content.decode()
        feed = client.get(_url("feed", live)).json()
        seen[key] = {text for text in ("Tân Minh?", "Hợp Thành?", "điểm cầu tỉnh?") if text in page}
        assert seen[key] == {text for text in seen[key] if any(text in row["content"] for row in feed["mine"])}
    assert seen["commune_union"] == {"Tân Minh?"}
    assert seen["other_union"] == {"Hợp Thành?"}
    assert seen["district_union"] == {"Tân Minh?"}  # the district's own site and its communes', not another's


def test_an_operator_cannot_post_for_another_site(client, live):
    client.force_login(live.commune_union)
    response = client.post(
        _url("operator", live),
        {"site": live.sites["other_commune"].pk, "content": "Giả danh?", "unit": "Đoàn", "client_key": uuid.uuid4()},
    )
    assert response.status_code == 400
    assert not LiveEntry.objects.filter(content="Giả danh?").exists()


def test_the_projector_link_shows_the_question_and_nothing_private(client, live):
    compiled = LiveEntry.objects.get(session=live.session, petition=live.petitions[0])
    entry_put_on_air(entry=compiled, actor=live.moderator)
    post(live, speaker_name="Nguyễn Thị Bí Mật")
    token = projector_link_issue(conference=live.conference, actor=live.moderator).projector_token
    page = client.get(_url("screen", live) + f"?t={token}")
    feed = client.get(_url("feed", live) + f"?t={token}")
    assert page.status_code == feed.status_code == 200
    assert compiled.content in page.content.decode()
    assert feed.json()["mine"] is None
    for private in ("Lý Văn Kín", "0912 000 111", "Nguyễn Thị Bí Mật", live.moderator.username, "csrfmiddlewaretoken"):
        assert private not in page.content.decode()
        assert private not in feed.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"


def test_a_revoked_or_replaced_link_gets_404(client, live, django_capture_on_commit_callbacks):
    token = projector_link_issue(conference=live.conference, actor=live.moderator).projector_token
    assert client.get(_url("feed", live) + f"?t={token}").status_code == 200  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        projector_link_revoke(conference=live.conference, actor=live.moderator)
    assert client.get(_url("screen", live) + f"?t={token}").status_code == 404
    assert client.get(_url("feed", live) + f"?t={token}").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        new = projector_link_issue(conference=live.conference, actor=live.moderator).projector_token
        replaced = projector_link_issue(conference=live.conference, actor=live.moderator).projector_token
    assert client.get(_url("feed", live) + f"?t={new}").status_code == 404
    assert client.get(_url("feed", live) + f"?t={replaced}").status_code == 200


def test_a_link_opens_only_its_own_conference(client, live):
    from tests.factories import ConferenceFactory

    other = ConferenceFactory(organising_unit=live.province, slug="khac-2024")
    token = projector_link_issue(conference=live.conference, actor=live.moderator).projector_token
    assert client.get(reverse("live:screen", kwargs={"slug": other.slug}) + f"?t={token}").status_code == 404
    assert client.get(reverse("live:feed", kwargs={"slug": other.slug}) + f"?t={token}").status_code == 404
    assert client.get(_url("screen", live) + "?t=doan-bua").status_code == 404
