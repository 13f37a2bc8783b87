"""Home Affairs' board and review queue: what they show and a query count that does not grow with rows."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.deadlines import DeadlineRule, DeadlineSpec
from petitions.models import AnswerState, PetitionStatus
from petitions.services.answering import answer_approve, assignment_decline
from tests.factories import PetitionFactory

from .conftest import assign, login, submitted

pytestmark = pytest.mark.django_db


def _many(world, n, *, submit=False):
    for i in range(n):
        petition = PetitionFactory(conference=world.conference, number=100 + i, issue_group=world.group)
        assignment = assign(
            world, petition, world.labour, due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2030, 1, 1))
        )
        if submit:
            submitted(world, assignment, world.officer)


@pytest.mark.parametrize("rows", [3, 30])
def test_board_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, rows):
    _many(world, rows, submit=True)
    login(client, world.ha)
    url = reverse("petitions:assignment_board", kwargs={"slug": world.conference.slug})
    client.get(url)
    # One fewer than before the getters: the conference comes with its organising unit, fetched and authorized once.
    with django_assert_num_queries(13):
        response = client.get(url)
    assert len(response.context["petitions"]) == rows + 3


@pytest.mark.parametrize("rows", [3, 30])
def test_review_queue_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, rows):
    _many(world, rows, submit=True)
    login(client, world.ha)
    url = reverse("petitions:review_queue")
    client.get(url)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(response.context["waiting"]) == rows


def test_a_long_review_queue_is_paged(client, world, monkeypatch):
    monkeypatch.setattr("petitions.views.review.PAGE_SIZE", 2)
    _many(world, 3, submit=True)
    login(client, world.ha)
    url = reverse("petitions:review_queue")
    first, second = client.get(url), client.get(url + "?trang=2")
    assert len(first.context["waiting"]) == 2
    assert len(second.context["waiting"]) == 1
    assert "?trang=2" in first.content.decode()
    assert {a.pk for a in first.context["waiting"]}.isdisjoint(a.pk for a in second.context["waiting"])


def test_board_filters_unassigned_and_declined(client, world):
    assign(world, world.petitions[0], world.labour)
    declined = assign(world, world.petitions[1], world.education)
    assignment_decline(assignment=declined, reason="Thuộc Sở LĐTBXH.", actor=world.officer_education)
    login(client, world.ha)
    url = reverse("petitions:assignment_board", kwargs={"slug": world.conference.slug})
    numbers = lambda q: [p.number for p in client.get(url + q).context["petitions"]]  # noqa: E731
    assert numbers("?loc=unassigned") == [3]
    assert numbers("?loc=declined") == [2]
    assert numbers("?loc=active") == [1]
    assert numbers("?q=tin+hoc") == [3]


def test_declined_items_come_back_flagged_in_the_review_queue(client, world):
    declined = assign(world, world.petitions[1], world.education)
    assignment_decline(assignment=declined, reason="Thuộc thẩm quyền Sở LĐTBXH.", actor=world.officer_education)
    login(client, world.ha)
    response = client.get(reverse("petitions:review_queue"))
    assert [a.pk for a in response.context["declined"]] == [declined.pk]
    assert "Thuộc thẩm quyền Sở LĐTBXH." in response.content.decode()


def test_bulk_publication_publishes_the_chosen_approved_answers(client, world, under_review):
    assignment, answer = under_review
    answer_approve(answer=answer, actor=world.ha)
    login(client, world.ha)
    response = client.post(reverse("petitions:answers_publish"), {"answers": [answer.pk]})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == AnswerState.PUBLISHED
    assignment.petition.refresh_from_db()
    assert assignment.petition.status == PetitionStatus.PUBLISHED


def test_another_provinces_home_affairs_cannot_publish_our_answers(client, world, under_review):
    _assignment, answer = under_review
    answer_approve(answer=answer, actor=world.ha)
    login(client, world.ha_other)
    client.post(reverse("petitions:answers_publish"), {"answers": [answer.pk]})
    answer.refresh_from_db()
    assert answer.state == AnswerState.APPROVED
