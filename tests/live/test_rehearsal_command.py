"""Tổng duyệt: `live_rehearsal --conference SLUG` puts the conference on air with sample questions from several
sites; `--stop` ends it and the conference is as it was (no petition, answer, assignment or status changed)."""

import pytest
from django.core.management import CommandError, call_command

from conferences.models import Conference
from petitions.live.models import EntrySource, EntryState, LiveEntry, LiveSession
from petitions.live.services.outcomes import entry_answered, entry_in_writing
from petitions.models import Answer, Assignment, Petition

pytestmark = pytest.mark.django_db


def state_of(conference):
    conference = Conference.objects.get(pk=conference.pk)
    return (
        conference.status,
        conference.version,
        conference.held_on,
        sorted(Petition.objects.values_list("id", "number", "status", "content")),
        Answer.objects.count(),
        Assignment.objects.count(),
        LiveSession.objects.count(),
        LiveEntry.objects.count(),
    )


def test_a_rehearsal_goes_on_air_with_sample_questions_from_several_sites_and_stops_without_a_trace(world, capsys):
    before = state_of(world.conference)
    call_command("live_rehearsal", conference=world.conference.slug)
    out = capsys.readouterr().out
    assert "Đang tổng duyệt" in out and "/truc-tiep/lang-son-2024/dieu-hanh/" in out
    session = LiveSession.objects.get(conference=world.conference)
    assert session.is_rehearsal and session.is_open
    samples = session.entries.filter(source=EntrySource.LIVE)
    assert samples.count() == 5
    assert samples.values("bridge_point").distinct().count() >= 3
    assert samples.filter(petition__isnull=True).count() == 5  # never petitions
    on_air = session.entries.get(state=EntryState.ON_AIR)
    assert session.entries.shortlist().count() == 3
    entry_answered(entry=on_air, answered_by="Chủ tịch", summary="Thử trả lời.", actor=world.moderator)
    compiled = session.entries.get(petition=world.petitions[0])
    entry_in_writing(entry=compiled, agency=world.labour, actor=world.moderator)
    assert Answer.objects.count() == Assignment.objects.count() == 0  # a rehearsal never reaches the answers

    call_command("live_rehearsal", conference=world.conference.slug, stop=True)
    assert "Đã kết thúc tổng duyệt" in capsys.readouterr().out
    assert state_of(world.conference) == before


def test_a_rehearsal_refuses_to_start_on_top_of_the_real_day_and_stop_refuses_without_one(live):
    with pytest.raises(CommandError):
        call_command("live_rehearsal", conference=live.conference.slug)
    with pytest.raises(CommandError):
        call_command("live_rehearsal", conference=live.conference.slug, stop=True)
    assert LiveSession.objects.get().is_open and not LiveSession.objects.get().is_rehearsal


def test_the_screen_link_option_gives_the_sites_a_link_that_outlives_the_rehearsal(world, capsys):
    call_command("live_rehearsal", conference=world.conference.slug, screen_link=True)
    assert "/man-hinh/?t=" in capsys.readouterr().out
    call_command("live_rehearsal", conference=world.conference.slug, stop=True)
    assert world.conference.live_channel.projector_token
