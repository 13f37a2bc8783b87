"""The petition page shows where the petition stands: Home Affairs sees its assignments and can assign from there;
Youth Union staff see the published answer and nothing of the drafts."""

import pytest
from django.urls import reverse

from petitions.services.answering import answer_approve, answers_publish

from .conftest import assign, login, submitted

pytestmark = pytest.mark.django_db


def _page(client, user, petition):
    response = login(client, user).get(reverse("petitions:detail", args=[petition.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_home_affairs_sees_the_assignment_with_its_deadline_and_can_assign_from_the_petition(client, world):
    petition = world.petitions[0]
    assignment = assign(world, petition, world.labour)
    page = _page(client, world.ha, petition)
    assert 'id="petition-answering"' in page
    assert reverse("petitions:assignment", args=[assignment.pk]) in page
    assert "Sở Lao động - Thương binh và Xã hội" in page
    assert "Hạn 20/03/2024" in page
    assert reverse("petitions:assignment_create", args=[petition.pk]) in page


def test_a_leader_sees_the_assignments_but_gets_no_assign_button(client, world):
    petition = world.petitions[0]
    assign(world, petition, world.labour)
    page = _page(client, world.leader, petition)
    assert "Sở Lao động - Thương binh và Xã hội" in page
    assert reverse("petitions:assignment_create", args=[petition.pk]) not in page


def test_youth_union_sees_the_published_answer_but_never_a_draft(client, world):
    petition = world.petitions[0]
    assignment = assign(world, petition, world.labour)
    answer = submitted(world, assignment, world.officer, text="Bản trả lời chưa duyệt về vốn vay.")
    assert "chưa duyệt" not in _page(client, world.youth, petition)

    answer = answer_approve(answer=answer, actor=world.ha)
    assert "chưa duyệt" not in _page(client, world.youth, petition)  # approved is not yet public

    answers_publish(answers=[answer], actor=world.ha)
    page = _page(client, world.youth, petition)
    assert "Bản trả lời chưa duyệt về vốn vay." in page
    assert reverse("petitions:assignment", args=[assignment.pk]) not in page


def test_a_published_petition_offers_no_new_assignment(client, world):
    petition = world.petitions[0]
    answer = submitted(world, assign(world, petition, world.labour), world.officer)
    answers_publish(answers=[answer_approve(answer=answer, actor=world.ha)], actor=world.ha)
    page = _page(client, world.ha, petition)
    assert "Sở Lao động - Thương binh và Xã hội" in page
    assert reverse("petitions:assignment_create", args=[petition.pk]) not in page
