"""Home Affairs assigns (a petition, a sub-question, a whole issue group), reassigns with a reason; agencies decline."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.errors import Refused
from conferences.models import AuditEvent, Notification
from petitions.models import Assignment, AssignmentStage, AssignmentStatus, PetitionStatus
from petitions.services.answering import assignment_decline
from tests.factories import SubQuestionFactory

from .conftest import assign, login

pytestmark = pytest.mark.django_db


def _post_assign(client, petition, **data):
    return client.post(reverse("petitions:assignment_create", kwargs={"petition_pk": petition.pk}), data)


def test_assigning_computes_n_working_days_before_the_dialogue_by_default(
    client, world, django_capture_on_commit_callbacks
):
    login(client, world.ha)
    form = client.get(reverse("petitions:assignment_create", kwargs={"petition_pk": world.petitions[0].pk}))
    initial = form.context["form"].initial
    assert (initial["stage"], initial["due_rule"], initial["due_count"]) == ("before", "working_days", 5)
    assert initial["due_base"] == date(2024, 3, 26)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_assign(
            client,
            world.petitions[0],
            lead_agency=world.labour.pk,
            coordinating_agencies=[world.education.pk],
            stage="before",
            due_rule="working_days",
            due_count=5,
            due_base="26/03/2024",
        )
    assert response.status_code == 302
    assignment = Assignment.objects.get(petition=world.petitions[0])
    assert assignment.due_date == date(2024, 3, 19)
    assert assignment.due_explanation == "5 ngày làm việc trước 26/03/2024; hạn 19/03/2024"
    assert list(assignment.coordinating_agencies.all()) == [world.education]
    assert assignment.petition.status == PetitionStatus.FORWARDED
    assert AuditEvent.objects.filter(action="assignment.create", actor=world.ha, target_id=assignment.pk).exists()
    assert Notification.objects.filter(user=world.officer, kind="assignment").count() == 1


def test_forwarded_items_count_working_days_after_the_notice(client, world):
    login(client, world.ha)
    _post_assign(
        client,
        world.petitions[0],
        lead_agency=world.labour.pk,
        stage="after",
        due_rule="working_days",
        due_count=45,
        due_base="12/04/2024",
    )
    assert Assignment.objects.get(petition=world.petitions[0]).due_date == date(2024, 6, 19)


def test_a_bad_rule_is_refused_with_vietnamese_messages_and_the_form_kept(client, world):
    login(client, world.ha)
    response = _post_assign(
        client, world.petitions[0], lead_agency=world.labour.pk, stage="after", due_rule="working_days", due_count=""
    )
    assert response.status_code == 400
    assert "Nhập số ngày." in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_sub_question_can_be_assigned_on_its_own_but_not_twice(client, world):
    part = SubQuestionFactory(petition=world.petitions[0], position=1, content="Về vốn vay?")
    SubQuestionFactory(petition=world.petitions[0], position=2, content="Về đào tạo?")
    login(client, world.ha)
    data = {"lead_agency": world.labour.pk, "stage": "after", "due_rule": "fixed_date", "due_base": "20/03/2024"}
    assert _post_assign(client, world.petitions[0], target=part.pk, **data).status_code == 302
    again = _post_assign(client, world.petitions[0], target=part.pk, **data)
    assert again.status_code == 400
    assert "đã được giao cho" in again.content.decode()
    whole = _post_assign(client, world.petitions[0], **data)
    assert whole.status_code == 400
    assert Assignment.objects.filter(petition=world.petitions[0]).count() == 1


def test_bulk_assigning_an_issue_group_skips_what_is_already_assigned(client, world):
    assign(world, world.petitions[0], world.education)
    login(client, world.ha)
    response = client.post(
        reverse("petitions:assignment_bulk", kwargs={"slug": world.conference.slug}),
        {
            "issue_group": world.group.pk,
            "lead_agency": world.labour.pk,
            "stage": "after",
            "due_rule": "calendar_days",
            "due_count": 10,
            "due_base": "23/03/2023",
        },
        follow=True,
    )
    created = Assignment.objects.filter(lead_agency=world.labour)
    assert sorted(a.petition.number for a in created) == [2, 3]
    assert {a.due_date for a in created} == {date(2023, 4, 3)}
    assert "Bỏ qua kiến nghị số 1" in response.content.decode()


def test_decline_returns_the_item_to_home_affairs_who_reassigns_it_with_a_reason(client, world):
    assignment = assign(world, world.petitions[0], world.education)
    login(client, world.officer_education)
    response = client.post(
        reverse("petitions:assignment_decline", kwargs={"pk": assignment.pk}),
        {"reason": "Thuộc thẩm quyền Sở LĐTBXH."},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED

    login(client, world.ha)
    response = client.post(
        reverse("petitions:assignment_reassign", kwargs={"pk": assignment.pk}),
        {
            "lead_agency": world.labour.pk,
            "reason": "Theo đề nghị của Sở GDĐT.",
            "stage": "after",
            "due_rule": "fixed_date",
            "due_base": "30/04/2024",
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert assignment.reassign_reason == "Theo đề nghị của Sở GDĐT."
    new = Assignment.objects.get(petition=world.petitions[0], status=AssignmentStatus.ACTIVE)
    assert new.lead_agency == world.labour
    assert new.due_date == date(2024, 4, 30)
    # The declining agency keeps read access to its (withdrawn) assignment but it leaves the inbox.
    login(client, world.officer_education)
    assert client.get(reverse("petitions:inbox") + "?tab=all").context["rows"] == []


def test_declining_needs_a_reason(world):
    assignment = assign(world, world.petitions[0], world.education)
    with pytest.raises(Refused):
        assignment_decline(assignment=assignment, reason=" ", actor=world.officer_education)


def test_home_affairs_may_keep_a_declined_assignment_with_a_comment(client, world):
    assignment = assign(world, world.petitions[0], world.education, stage=AssignmentStage.AFTER_CONFERENCE)
    assignment_decline(assignment=assignment, reason="Không rõ thẩm quyền.", actor=world.officer_education)
    login(client, world.ha)
    client.post(
        reverse("petitions:assignment_reinstate", kwargs={"pk": assignment.pk}),
        {"reason": "Theo Quyết định phân công, thuộc Sở GDĐT."},
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    assert AuditEvent.objects.filter(action="assignment.reinstate", target_id=assignment.pk).exists()


def test_a_merged_petition_cannot_be_assigned(world):
    petition = world.petitions[2]
    petition.status = PetitionStatus.MERGED
    petition.save()
    with pytest.raises(Refused):
        assign(world, petition, world.labour, due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 3, 20)))


def test_preview_shows_the_computed_deadline_and_assigns_nothing(client, world):
    login(client, world.ha)
    response = _post_assign(
        client,
        world.petitions[0],
        lead_agency=world.labour.pk,
        stage="after",
        due_rule="working_days",
        due_count=45,
        due_base="12/04/2024",
        preview="1",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hạn tính được" in page and "19/06/2024" in page
    assert "bỏ qua 18/04 (Ngày Giỗ Tổ Hùng Vương)" in page
    assert not Assignment.objects.exists()
