"""The conference moves into and out of "đang diễn ra" by an explicit action; only then are live questions taken."""

import uuid

import pytest
from django.urls import reverse

from conferences.errors import Refused
from conferences.models import AuditEvent, ConferenceStatus
from petitions.live.models import EntrySource, EntryState, LiveEntry, LiveSession
from petitions.live.services.queue import entry_put_on_air, live_question_post
from petitions.live.services.sessions import session_start, session_stop
from tests.factories import BridgePointFactory, ConferenceFactory

from .conftest import form_key, post

pytestmark = pytest.mark.django_db


def test_the_console_starts_the_day_and_the_compiled_list_fills_the_queue(client, world):
    client.force_login(world.moderator)
    response = client.post(reverse("live:start", kwargs={"slug": world.conference.slug}))
    assert response.status_code == 302
    session = LiveSession.objects.get(conference=world.conference)
    assert session.is_open and not session.is_rehearsal
    queue = LiveEntry.objects.filter(session=session)
    assert sorted(queue.values_list("petition__number", flat=True)) == [1, 2]
    assert set(queue.values_list("source", "state")) == {(EntrySource.COMPILED, EntryState.QUEUED)}
    assert AuditEvent.objects.filter(action="live.session_start", conference=world.conference).exists()
    page = client.get(reverse("live:console", kwargs={"slug": world.conference.slug})).content.decode()
    assert "Đang diễn ra" in page


def test_a_site_cannot_post_before_the_day_starts(client, world):
    client.force_login(world.commune_union)
    url = reverse("live:operator", kwargs={"slug": world.conference.slug})
    page = client.get(url).content.decode()
    assert "Hội nghị chưa diễn ra" in page
    assert 'name="client_key"' not in page
    response = client.post(
        url,
        {"site": world.sites["commune"].pk, "content": "Câu hỏi?", "unit": "Đoàn xã", "client_key": uuid.uuid4()},
    )
    assert response.status_code == 400
    assert "chưa bắt đầu phiên trực tiếp" in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_after_the_session_ends_no_question_is_taken_and_the_day_can_resume(client, live):
    post(live)
    session_stop(session=live.session, actor=live.moderator)
    with pytest.raises(Refused):
        post(live)
    again = session_start(conference=live.conference, actor=live.moderator)
    assert again.pk == live.session.pk and again.is_open
    assert LiveEntry.objects.filter(session=again, source=EntrySource.LIVE).count() == 1
    assert AuditEvent.objects.filter(action="live.session_resume").exists()


def test_stopping_puts_what_is_on_air_back_in_the_queue_with_its_time_kept(live):
    entry = post(live)
    entry_put_on_air(entry=entry, actor=live.moderator)
    session_stop(session=live.session, actor=live.moderator)
    entry.refresh_from_db()
    assert entry.state == EntryState.QUEUED and entry.on_air_at is None and entry.first_aired_at is not None


@pytest.mark.parametrize("status", [ConferenceStatus.PLANNING, ConferenceStatus.CONCLUDED, ConferenceStatus.ARCHIVED])
def test_the_day_cannot_start_before_the_list_exists_or_after_the_conclusion(world, status):
    world.conference.status = status
    world.conference.save()
    with pytest.raises(Refused):
        session_start(conference=world.conference, actor=world.moderator)
    assert not LiveSession.objects.exists()


def test_two_sessions_cannot_be_open_at_once(live):
    with pytest.raises(Refused):
        session_start(conference=live.conference, actor=live.ha)
    with pytest.raises(Refused):
        session_start(conference=live.conference, actor=live.ha, rehearsal=True)


def test_the_operator_form_posts_once_and_its_page_shows_the_new_question(client, live):
    client.force_login(live.commune_union)
    url = reverse("live:operator", kwargs={"slug": live.conference.slug})
    key = form_key(client.get(url).content.decode())
    data = {"site": live.sites["commune"].pk, "content": "Xã có lớp tin học không?", "unit": "Đoàn xã Tân Minh"}
    response = client.post(url, {**data, "client_key": key}, follow=True)
    page = response.content.decode()
    assert "Đã gửi câu hỏi lên bàn điều hành" in page
    assert "Xã có lớp tin học không?" in page
    assert form_key(page) != key  # a fresh form for the next question
    entry = LiveEntry.objects.get(source=EntrySource.LIVE)
    assert entry.bridge_point == live.sites["commune"] and entry.created_by == live.commune_union


def test_a_question_refused_for_bad_input_keeps_what_was_typed(client, live):
    client.force_login(live.commune_union)
    url = reverse("live:operator", kwargs={"slug": live.conference.slug})
    response = client.post(
        url, {"site": live.sites["commune"].pk, "content": "Câu hỏi còn dở", "unit": "", "client_key": uuid.uuid4()}
    )
    assert response.status_code == 400
    assert "Câu hỏi còn dở" in response.content.decode()
    assert not LiveEntry.objects.filter(source=EntrySource.LIVE).exists()


def test_a_question_cannot_be_posted_for_a_site_of_another_conference(live):
    elsewhere = BridgePointFactory(conference=ConferenceFactory(organising_unit=live.province, slug="khac-2024"))
    with pytest.raises(Refused):
        live_question_post(
            conference=live.conference,
            site=elsewhere,
            content="?",
            unit="Đoàn",
            client_key=uuid.uuid4(),
            actor=live.commune_union,
        )
