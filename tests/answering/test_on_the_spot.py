"""Answers given at the conference: who answered, a summary, optionally a written answer by a date."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.deadlines import DeadlineRule
from petitions.models import AnswerState, Assignment, AssignmentStage, PetitionStatus

from .conftest import login

pytestmark = pytest.mark.django_db


def _record(client, petition, **data):
    return client.post(reverse("petitions:answer_on_the_spot", kwargs={"petition_pk": petition.pk}), data)


def test_an_answer_given_on_the_spot_is_recorded_approved_with_who_answered(client, world):
    login(client, world.ha)
    response = _record(
        client,
        world.petitions[0],
        answered_by="Giám đốc Sở Lao động - Thương binh và Xã hội",
        summary="Tỉnh có Quỹ hỗ trợ thanh niên khởi nghiệp.",
        agency=world.labour.pk,
    )
    assert response.status_code == 302
    answer = world.petitions[0].answers.get()
    assert answer.answered_at_conference
    assert answer.answered_by == "Giám đốc Sở Lao động - Thương binh và Xã hội"
    assert answer.state == AnswerState.APPROVED
    world.petitions[0].refresh_from_db()
    assert world.petitions[0].status == PetitionStatus.ANSWERED
    page = client.get(reverse("petitions:answer", kwargs={"pk": answer.pk})).content.decode()
    assert "Trả lời trực tiếp tại hội nghị: Giám đốc Sở Lao động" in page


def test_will_answer_in_writing_opens_an_after_conference_assignment(client, world):
    login(client, world.ha)
    _record(
        client,
        world.petitions[1],
        answered_by="Giám đốc Sở Giáo dục và Đào tạo",
        summary="Sẽ trả lời bằng văn bản.",
        agency=world.education.pk,
        written_followup_due="30/04/2024",
    )
    answer = world.petitions[1].answers.get()
    assert answer.written_followup_due == date(2024, 4, 30)
    followup = Assignment.objects.get(petition=world.petitions[1])
    assert (followup.stage, followup.due_rule, followup.due_date) == (
        AssignmentStage.AFTER_CONFERENCE,
        DeadlineRule.FIXED_DATE,
        date(2024, 4, 30),
    )
    assert followup.lead_agency == world.education


def test_a_written_follow_up_needs_an_agency(client, world):
    login(client, world.ha)
    response = _record(
        client, world.petitions[1], answered_by="Đại diện", summary="Tóm tắt.", written_followup_due="30/04/2024"
    )
    assert response.status_code == 400
    assert "Chọn cơ quan sẽ trả lời bằng văn bản." in response.content.decode()
    assert not world.petitions[1].answers.exists()


def test_an_officer_cannot_read_a_petition_through_an_answer_given_on_the_spot(client, world):
    """Finding: the agency named on an answer given at the conference could open that answer's page, and with it
    the petition's text, while the petition itself (never assigned to it) was not found for its officers."""
    login(client, world.ha)
    _record(client, world.petitions[2], answered_by="Giám đốc Sở", summary="Đã trả lời.", agency=world.labour.pk)
    answer = world.petitions[2].answers.get()
    login(client, world.officer)

    petition_page = client.get(reverse("petitions:detail", kwargs={"pk": world.petitions[2].pk}))
    answer_page = client.get(reverse("petitions:answer", kwargs={"pk": answer.pk}))
    diff_page = client.get(reverse("petitions:answer_diff", kwargs={"pk": answer.pk}))

    assert petition_page.status_code == 404
    assert answer_page.status_code == 404 and diff_page.status_code == 404
    assert "lớp tin học" not in answer_page.content.decode()
