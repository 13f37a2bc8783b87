"""Agencies with requires_head_approval: the head lets an answer go before Home Affairs sees it."""

import pytest
from django.urls import reverse

from conferences.errors import Refused
from petitions.models import AnswerState
from petitions.services.answering import answer_approve

from .conftest import assign, login, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_for_head(world):
    assignment = assign(world, world.petitions[0], world.agriculture)
    return submitted(world, assignment, world.officer_agriculture)


def test_a_submitted_answer_waits_for_the_head_and_stays_out_of_the_review_queue(client, world, waiting_for_head):
    answer = waiting_for_head
    assert answer.state == AnswerState.SUBMITTED and answer.head_approved_at is None
    login(client, world.ha)
    assert client.get(reverse("petitions:review_queue")).context["waiting"] == []
    with pytest.raises(Refused):
        answer_approve(answer=answer, actor=world.ha)

    login(client, world.head_agriculture)
    inbox = client.get(reverse("petitions:inbox") + "?tab=head")
    assert [row.petition.number for row in inbox.context["rows"]] == [1]
    client.post(reverse("petitions:answer_head_approve", kwargs={"pk": answer.pk}), {"version": answer.version})
    answer.refresh_from_db()
    assert answer.head_approved_by == world.head_agriculture

    login(client, world.ha)
    assert [a.pk for a in client.get(reverse("petitions:review_queue")).context["waiting"]] == [answer.pk]


def test_the_head_can_return_it_to_the_officer(client, world, waiting_for_head):
    answer = waiting_for_head
    login(client, world.head_agriculture)
    client.post(
        reverse("petitions:answer_head_return", kwargs={"pk": answer.pk}),
        {"version": answer.version, "comment": "Viết ngắn gọn hơn."},
    )
    answer.refresh_from_db()
    assert answer.state == AnswerState.RETURNED
    assert answer.review_comment == "Viết ngắn gọn hơn."


def test_an_officer_who_is_not_the_head_cannot_approve_for_the_head(client, world, waiting_for_head):
    answer = waiting_for_head
    login(client, world.officer_agriculture)
    response = client.post(
        reverse("petitions:answer_head_approve", kwargs={"pk": answer.pk}), {"version": answer.version}
    )
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.head_approved_at is None


def test_when_the_head_submits_it_goes_straight_to_home_affairs(client, world):
    assignment = assign(world, world.petitions[1], world.agriculture)
    login(client, world.head_agriculture)
    client.post(
        reverse("petitions:assignment_answer", kwargs={"pk": assignment.pk}),
        {"text": "Trả lời của trưởng phòng.", "version": 0, "action": "submit"},
    )
    answer = assignment.petition.answers.get()
    assert answer.head_approved_by == world.head_agriculture
    login(client, world.ha)
    assert [a.pk for a in client.get(reverse("petitions:review_queue")).context["waiting"]] == [answer.pk]
