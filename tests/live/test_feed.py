"""The state feed: one cheap document per conference, polled with If-None-Match. Nothing new -> 304; a projector's
ETag moves only with what it shows, an operator's only with its own sites; a Redis outage falls back to the
database's versions and recovers."""

import pytest
import redis
from django.urls import reverse

from petitions.live import versions
from petitions.live.models import LiveEntry
from petitions.live.services.outcomes import entry_answered
from petitions.live.services.queue import entry_put_on_air
from petitions.live.services.sessions import projector_link_issue

from .conftest import post

# Versions reach Redis after commit, as in production: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


def _feed(client, world, etag=None, token=None):
    url = reverse("live:feed", kwargs={"slug": world.conference.slug}) + (f"?t={token}" if token else "")
    return client.get(url, HTTP_IF_NONE_MATCH=etag) if etag else client.get(url)


@pytest.fixture
def screen(live):
    return projector_link_issue(conference=live.conference, actor=live.moderator).projector_token


def test_a_projector_gets_304_until_what_it_shows_changes(client, live, screen):
    first = _feed(client, live, token=screen)
    assert first.status_code == 200 and first["ETag"]
    assert first.json()["public"]["on_air"] is None
    assert _feed(client, live, first["ETag"], screen).status_code == 304
    entry = post(live)  # a new question in the queue: not on the screen
    assert _feed(client, live, first["ETag"], screen).status_code == 304
    entry_put_on_air(entry=entry, actor=live.moderator)
    changed = _feed(client, live, first["ETag"], screen)
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    on_air = changed.json()["public"]["on_air"]
    assert (on_air["id"], on_air["site"], on_air["unit"]) == (entry.pk, entry.bridge_point.name, "Đoàn xã Tân Minh")
    assert on_air["responder"] == "Chủ tịch UBND tỉnh Hồ Tiến Thiệu"
    assert _feed(client, live, changed["ETag"], screen).status_code == 304


def test_an_operator_follows_its_own_sites_questions_only(client, live):
    client.force_login(live.commune_union)
    first = _feed(client, live)
    assert first.json()["mine"] == []
    post(live, site_key="other_commune", content="Câu của xã khác?", actor=live.other_union)
    mine = post(live, content="Câu của xã mình?")
    changed = _feed(client, live, first["ETag"])
    assert changed.status_code == 200
    assert [row["id"] for row in changed.json()["mine"]] == [mine.pk]
    assert changed.json()["mine"][0]["state_label"] == "Chờ lên sóng"


@pytest.mark.services
def test_another_sites_question_does_not_wake_an_operator(client, live):
    """Per-site versions live in Redis; on database versions every change is a change (correct, just busier)."""
    client.force_login(live.commune_union)
    first = _feed(client, live)
    post(live, site_key="other_commune", content="Câu của xã khác?", actor=live.other_union)
    assert _feed(client, live, first["ETag"]).status_code == 304
    post(live, content="Câu của xã mình?")
    assert _feed(client, live, first["ETag"]).status_code == 200


def test_the_console_sees_every_change(client, live):
    client.force_login(live.moderator)
    first = _feed(client, live)
    post(live, site_key="other_commune", actor=live.other_union)
    assert _feed(client, live, first["ETag"]).status_code == 200


def test_the_timer_and_counts_reach_the_screen(client, live, screen):
    entry = entry_put_on_air(entry=post(live), actor=live.moderator)
    state = _feed(client, live, token=screen).json()["public"]
    assert state["on_air"]["since_ms"] == int(entry.on_air_at.timestamp() * 1000)
    entry_answered(entry=entry, answered_by="Chủ tịch", summary="Đã trả lời.", actor=live.moderator)
    response = _feed(client, live, token=screen)
    assert response.json()["public"]["counts"] == {"answered": 1, "in_writing": 0, "merged": 0}
    assert int(response["X-Live-Now"]) > 0


@pytest.mark.services
def test_a_304_costs_no_query_for_a_projector_or_an_operator(client, live, screen, django_assert_num_queries):
    etag = _feed(client, live, token=screen)["ETag"]
    with django_assert_num_queries(0):
        assert _feed(client, live, etag, screen).status_code == 304
    operator = type(client)()
    operator.force_login(live.commune_union)
    etag = _feed(operator, live)["ETag"]
    with django_assert_num_queries(0):
        assert _feed(operator, live, etag).status_code == 304


@pytest.mark.services
def test_a_redis_outage_loses_no_question_and_the_feed_runs_on_database_versions_then_recovers(
    client, live, screen, settings, monkeypatch
):
    healthy = _feed(client, live, token=screen)
    assert healthy["X-Live-Source"] == "redis"
    # Redis stops answering: the same address, nothing listening behind it.
    monkeypatch.setitem(versions._clients, settings.REDIS_URL, redis.Redis(port=1, socket_connect_timeout=0.2))
    entry = post(live, content="Gửi khi Redis mất kết nối?")
    assert LiveEntry.objects.filter(pk=entry.pk, petition__isnull=False).exists()
    down = _feed(client, live, token=screen)
    assert down.status_code == 200 and down["X-Live-Source"] == "db"
    assert _feed(client, live, down["ETag"], screen).status_code == 304
    entry_put_on_air(entry=entry, actor=live.moderator)  # its version never reaches Redis
    moved = _feed(client, live, down["ETag"], screen)
    assert moved.status_code == 200 and moved.json()["public"]["on_air"]["id"] == entry.pk

    monkeypatch.undo()  # Redis is back, still holding the versions from before the outage
    versions.retry_now()  # the process's back-off would otherwise wait a few seconds
    back = _feed(client, live, moved["ETag"], screen)
    assert back["X-Live-Source"] == "redis"
    assert back.status_code == 304  # rebuilt from the database: the same version names the same state
    entry_answered(entry=entry, answered_by="Chủ tịch", summary="Đã trả lời.", actor=live.moderator)
    after = _feed(client, live, back["ETag"], screen)
    assert after.status_code == 200 and after.json()["public"]["counts"]["answered"] == 1


def test_a_feed_without_a_login_or_a_token_asks_to_sign_in(client, live):
    response = _feed(client, live)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.services
def test_a_public_change_stores_the_new_screen_state_before_projectors_ask(live):
    from petitions.live.feed import public_key

    entry = entry_put_on_air(entry=post(live), actor=live.moderator)
    current = versions.read(live.conference.pk)
    stored = versions.cache_get(public_key(live.conference.pk, current.pub))
    assert stored is not None and f'"id":{entry.pk}' in stored.decode()
