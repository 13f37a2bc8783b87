"""The outcome of a question goes through the answering journey's own services: an approved answer flagged "at the
conference", an after-conference assignment counted from the dialogue date, or a merge of petitions."""

import pytest

from conferences import workdays
from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.errors import Refused
from conferences.models import AuditEvent
from petitions.live.models import EntryState, LiveEntry
from petitions.live.services.outcomes import entry_answered, entry_in_writing, entry_merge
from petitions.live.services.queue import (
    entry_back_to_queue,
    entry_move,
    entry_put_on_air,
    entry_set_responder,
    entry_shortlist,
)
from petitions.models import AnswerState, Assignment, AssignmentStage, PetitionStatus
from tests.factories import AgencyFactory, UnitFactory

from .conftest import post

pytestmark = pytest.mark.django_db


def test_answered_on_the_spot_is_an_approved_answer_flagged_at_the_conference(live):
    entry = entry_put_on_air(entry=post(live), actor=live.moderator, responder=live.labour)
    assert entry.responder_label == "Lãnh đạo Sở LĐTBXH"
    entry_answered(entry=entry, answered_by="Giám đốc Sở LĐTBXH", summary="Xã sẽ có điểm Internet.", actor=live.ha)
    entry.refresh_from_db()
    answer = entry.answer
    assert entry.state == EntryState.ANSWERED and entry.on_air_at is None
    assert (answer.answered_at_conference, answer.state, answer.agency) == (True, AnswerState.APPROVED, live.labour)
    assert (answer.answered_by, answer.text) == ("Giám đốc Sở LĐTBXH", "Xã sẽ có điểm Internet.")
    entry.petition.refresh_from_db()
    assert entry.petition.status == PetitionStatus.ANSWERED
    assert AuditEvent.objects.filter(action="live.answered", target_id=entry.pk).exists()
    assert AuditEvent.objects.filter(action="answer.on_the_spot").exists()


def test_in_writing_goes_to_the_assignment_board_with_the_dialogue_date_as_the_base(live):
    entry = entry_put_on_air(entry=post(live), actor=live.moderator)
    entry_in_writing(entry=entry, agency=live.education, working_days=15, actor=live.moderator)
    entry.refresh_from_db()
    assignment = Assignment.objects.get(petition=entry.petition)
    assert entry.state == EntryState.IN_WRITING and entry.assignment == assignment
    assert (assignment.stage, assignment.lead_agency) == (AssignmentStage.AFTER_CONFERENCE, live.education)
    assert (assignment.due_rule, assignment.due_rule_count, assignment.due_rule_base) == (
        DeadlineRule.WORKING_DAYS,
        15,
        live.conference.held_on,
    )
    assert assignment.due_date == workdays.add_working_days(live.conference.held_on, 15).due


def test_a_petition_already_assigned_keeps_its_assignment_when_recorded_in_writing(live):
    from petitions.services.answering import assignment_create

    petition = live.petitions[0]
    existing = assignment_create(
        petition=petition,
        lead_agency=live.labour,
        due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, live.conference.held_on),
        actor=live.ha,
    )
    entry = LiveEntry.objects.get(session=live.session, petition=petition)
    entry_in_writing(entry=entry, agency=live.education, actor=live.moderator)
    entry.refresh_from_db()
    assert entry.assignment == existing
    assert Assignment.objects.filter(petition=petition).count() == 1


def test_merging_a_live_question_merges_its_petition_into_the_kept_one(live):
    duplicate = post(live, content="Đề nghị hỗ trợ vốn vay cho thanh niên khởi nghiệp?")
    kept = LiveEntry.objects.get(session=live.session, petition=live.petitions[0])
    entry_merge(entry=duplicate, into=kept, actor=live.moderator)
    duplicate.refresh_from_db()
    assert duplicate.state == EntryState.MERGED and duplicate.merged_into == kept
    duplicate.petition.refresh_from_db()
    assert duplicate.petition.status == PetitionStatus.MERGED
    assert duplicate.petition.duplicate_of == live.petitions[0]


def test_a_question_gets_one_outcome_only(live):
    entry = entry_put_on_air(entry=post(live), actor=live.moderator)
    entry_answered(entry=entry, answered_by="Chủ tịch UBND tỉnh", summary="Đã trả lời.", actor=live.moderator)
    with pytest.raises(Refused):
        entry_in_writing(entry=entry, agency=live.education, actor=live.moderator)
    with pytest.raises(Refused):
        entry_answered(entry=entry, answered_by="Ai đó", summary="Lần hai.", actor=live.moderator)
    assert entry.petition.answers.count() == 1


def test_answered_on_the_spot_needs_the_question_on_air_and_a_summary(live):
    entry = post(live)
    with pytest.raises(Refused):
        entry_answered(entry=entry, answered_by="Chủ tịch", summary="Tóm tắt", actor=live.moderator)
    entry_put_on_air(entry=entry, actor=live.moderator)
    with pytest.raises(Refused):
        entry_answered(entry=entry, answered_by="Chủ tịch", summary=" ", actor=live.moderator)
    assert not entry.petition.answers.exists()


def test_one_question_on_air_at_a_time_the_previous_goes_back_to_the_queue(live):
    first, second = post(live, content="Một?"), post(live, content="Hai?")
    entry_put_on_air(entry=first, actor=live.moderator)
    entry_put_on_air(entry=second, actor=live.moderator)
    first.refresh_from_db()
    assert first.state == EntryState.QUEUED and first.first_aired_at is not None
    assert list(LiveEntry.objects.filter(state=EntryState.ON_AIR)) == [second]


def test_the_chair_or_an_agency_present_answers_and_can_be_changed_on_air(live):
    entry = entry_put_on_air(entry=post(live), actor=live.moderator)
    assert entry.responder_label == "Chủ tịch UBND tỉnh Hồ Tiến Thiệu"
    entry = entry_set_responder(entry=entry, responder=live.education, actor=live.moderator)
    assert entry.responder_label == "Lãnh đạo Sở GDĐT"
    outsider = AgencyFactory(name="Sở của tỉnh khác", unit=UnitFactory(name="Cao Bằng"))
    with pytest.raises(Refused):
        entry_set_responder(entry=entry, responder=outsider, actor=live.moderator)
    entry_back_to_queue(entry=entry, actor=live.moderator)
    entry.refresh_from_db()
    assert entry.state == EntryState.QUEUED


def test_the_shortlist_keeps_the_order_the_moderator_sets_with_buttons(live):
    a, b, c = (post(live, content=f"Câu {n}?") for n in "abc")
    for entry in (a, b, c):
        entry_shortlist(entry=entry, on=True, actor=live.moderator)
    entry_move(entry=c, offset=-1, actor=live.moderator)
    entry_move(entry=a, offset=1, actor=live.moderator)
    assert list(live.session.entries.shortlist()) == [c, a, b]
    entry_shortlist(entry=a, on=False, actor=live.moderator)
    assert list(live.session.entries.shortlist()) == [c, b]
