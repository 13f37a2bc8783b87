import pytest

from conclusions.models import ConclusionNotice, DirectiveStatus, NoticeState
from conferences.models import Conference, ConferenceStatus, EmailState, OutgoingEmail
from conferences.states import IllegalTransition
from petitions.models import Answer, AnswerState, Assignment, AssignmentStatus, Petition, PetitionStatus


def test_conference_moves_forward_through_its_states():
    conference = Conference(status=ConferenceStatus.PLANNING)
    for target in ["collecting", "answering", "held", "concluded", "archived"]:
        conference.set_status(target)
    assert conference.status == ConferenceStatus.ARCHIVED


def test_conference_cannot_jump_from_planning_to_concluded():
    conference = Conference(status=ConferenceStatus.PLANNING)
    with pytest.raises(IllegalTransition, match="Không thể chuyển"):
        conference.set_status(ConferenceStatus.CONCLUDED)
    assert conference.status == ConferenceStatus.PLANNING


def test_answer_goes_draft_submitted_returned_submitted_approved_published():
    answer = Answer(state=AnswerState.DRAFT)
    for target in ["submitted", "returned", "submitted", "approved", "published"]:
        answer.set_state(target)
    assert answer.state == AnswerState.PUBLISHED


def test_returned_answer_cannot_be_approved_without_resubmission():
    answer = Answer(state=AnswerState.RETURNED)
    with pytest.raises(IllegalTransition):
        answer.set_state(AnswerState.APPROVED)


def test_withdrawn_assignment_is_final():
    assignment = Assignment(status=AssignmentStatus.WITHDRAWN)
    with pytest.raises(IllegalTransition):
        assignment.set_status(AssignmentStatus.ACTIVE)


def test_merged_petition_cannot_be_published():
    petition = Petition(status=PetitionStatus.MERGED)
    with pytest.raises(IllegalTransition):
        petition.set_status(PetitionStatus.PUBLISHED)


def test_issued_notice_can_only_be_superseded():
    notice = ConclusionNotice(state=NoticeState.ISSUED)
    with pytest.raises(IllegalTransition):
        notice.set_state(NoticeState.DRAFT)
    notice.set_state(NoticeState.SUPERSEDED)


def test_sent_email_is_never_sent_again():
    email = OutgoingEmail(state=EmailState.SENT)
    with pytest.raises(IllegalTransition):
        email.set_state(EmailState.SENDING)


def test_directive_done_can_be_reopened_but_cancelled_cannot():
    from conclusions.models import Directive

    directive = Directive(status=DirectiveStatus.DONE)
    directive.set_status(DirectiveStatus.IN_PROGRESS)
    directive.status = DirectiveStatus.CANCELLED
    with pytest.raises(IllegalTransition):
        directive.set_status(DirectiveStatus.OPEN)
