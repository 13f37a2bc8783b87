"""answers_publish: approved answers and their petitions become public together (the notice issue calls it)."""

import pytest

from conferences.models import AuditEvent, Role
from petitions.models import AnswerState, PetitionStatus
from petitions.services.answering import answers_publish
from tests.factories import AgencyFactory, AnswerFactory, PetitionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_affairs():
    return make_user(Role.HOME_AFFAIRS, AgencyFactory())


def test_approved_answers_and_answered_petitions_become_published(home_affairs):
    petition = PetitionFactory(status=PetitionStatus.ANSWERED)
    answer = AnswerFactory(petition=petition, state=AnswerState.APPROVED)

    assert answers_publish(answers=[answer], actor=home_affairs) == 1

    answer.refresh_from_db()
    petition.refresh_from_db()
    assert answer.state == AnswerState.PUBLISHED
    assert answer.published_at is not None
    assert petition.status == PetitionStatus.PUBLISHED
    assert petition.published_at == answer.published_at
    assert answer.revisions.filter(action="published", actor=home_affairs).exists()
    assert AuditEvent.objects.filter(action="answer.publish", target_id=petition.pk, actor=home_affairs).exists()


def test_answers_not_approved_are_left_alone(home_affairs):
    petition = PetitionFactory(status=PetitionStatus.FORWARDED)
    draft = AnswerFactory(petition=petition, state=AnswerState.SUBMITTED)

    assert answers_publish(answers=type(draft).objects.filter(pk=draft.pk), actor=home_affairs) == 0

    draft.refresh_from_db()
    petition.refresh_from_db()
    assert draft.state == AnswerState.SUBMITTED
    assert petition.status == PetitionStatus.FORWARDED
    assert petition.published_at is None


def test_publishing_twice_changes_nothing_the_second_time(home_affairs):
    answer = AnswerFactory(petition=PetitionFactory(status=PetitionStatus.ANSWERED), state=AnswerState.APPROVED)
    answers_publish(answers=[answer], actor=home_affairs)
    answer.refresh_from_db()
    first = (answer.published_at, answer.version)

    assert answers_publish(answers=[answer], actor=home_affairs) == 0
    answer.refresh_from_db()
    assert (answer.published_at, answer.version) == first
