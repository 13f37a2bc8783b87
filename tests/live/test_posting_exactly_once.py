"""Every posted question is stored exactly once: a form sent twice returns the stored question, concurrent posts of
the same form make one row, concurrent different questions all get their own petition number."""

import threading
import uuid

import pytest
from django.db import connection, connections

from conferences.models import AuditEvent
from petitions.live.models import EntrySource, LiveEntry
from petitions.live.services.queue import live_question_post
from petitions.live.services.sessions import session_start
from petitions.models import Channel, Petition, PetitionStatus

from .conftest import post


@pytest.mark.django_db
def test_a_live_question_of_the_day_is_a_petition_raised_live_with_the_speaker_kept_private(live):
    entry = post(live, speaker_name="Nguyễn Thị Bí Mật")
    petition = entry.petition
    assert petition.conference == live.conference and petition.number == 3
    assert (petition.channel, petition.raised_live, petition.status) == (Channel.SPOKEN, True, PetitionStatus.RECEIVED)
    assert petition.bridge_point == live.sites["commune"] and petition.submitting_unit == "Đoàn xã Tân Minh"
    assert petition.submitter_name == "Nguyễn Thị Bí Mật"
    assert AuditEvent.objects.filter(action="live.question_post", target_id=entry.pk).exists()


@pytest.mark.django_db
def test_sending_the_same_form_again_stores_nothing_new(live):
    key = uuid.uuid4()
    first = post(live, client_key=key)
    again, created = live_question_post(
        conference=live.conference,
        site=live.sites["commune"],
        content="Xã có điểm Internet công cộng không?",
        unit="Đoàn xã Tân Minh",
        client_key=key,
        actor=live.commune_union,
    )
    assert not created and again.pk == first.pk
    assert LiveEntry.objects.filter(source=EntrySource.LIVE).count() == 1
    assert Petition.objects.filter(raised_live=True).count() == 1


def _in_threads(count, work):
    """Run work(i) in `count` threads released together; each thread has its own database connection."""
    barrier = threading.Barrier(count)
    errors = []

    def run(i):
        try:
            barrier.wait()
            work(i)
        except Exception as exc:  # noqa: BLE001 - collected and reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (SQLite locks the whole file)"
)


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_of_the_same_form_store_one_question(world):
    session_start(conference=world.conference, actor=world.moderator)
    key = uuid.uuid4()
    results = []

    def work(i):
        results.append(
            live_question_post(
                conference=world.conference,
                site=world.sites["commune"],
                content="Câu hỏi gửi nhiều lần?",
                unit="Đoàn xã Tân Minh",
                client_key=key,
                actor=world.commune_union,
            )
        )

    assert _in_threads(8, work) == []
    assert LiveEntry.objects.filter(client_key=key).count() == 1
    assert Petition.objects.filter(raised_live=True).count() == 1
    assert sorted(created for _entry, created in results) == [False] * 7 + [True]
    assert len({entry.pk for entry, _created in results}) == 1


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_concurrent_different_questions_are_all_stored_with_their_own_numbers(world):
    session_start(conference=world.conference, actor=world.moderator)
    keys = [uuid.uuid4() for _ in range(10)]

    def work(i):
        site = world.sites["commune" if i % 2 else "other_commune"]
        live_question_post(
            conference=world.conference,
            site=site,
            content=f"Câu hỏi số {i}?",
            unit="Đoàn xã",
            client_key=keys[i],
            actor=world.moderator,
        )

    assert _in_threads(10, work) == []
    entries = LiveEntry.objects.filter(client_key__in=keys)
    assert entries.count() == 10
    numbers = sorted(entries.values_list("petition__number", flat=True))
    assert numbers == list(range(3, 13))
