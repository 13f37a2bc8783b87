"""The whole loop through the pages: save a draft, submit, Home Affairs returns with a comment, the officer sees the
comment and revises, Home Affairs approves; the answer is then frozen."""

import pytest
from django.urls import reverse

from conferences.models import Notification
from petitions.models import AnswerState, AssignmentStatus, PetitionStatus

from .conftest import assign, login

pytestmark = pytest.mark.django_db


def test_draft_submit_return_revise_approve(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign(world, world.petitions[0], world.labour)
    assert Notification.objects.filter(user=world.officer, kind="assignment").exists()
    url = reverse("petitions:assignment_answer", kwargs={"pk": assignment.pk})

    login(client, world.officer)
    client.post(url, {"text": "* Về vốn: bản đầu.\n- ý một", "version": 0, "action": "save"})
    answer = assignment.petition.answers.get()
    assert (answer.state, answer.version) == (AnswerState.DRAFT, 1)
    client.post(url, {"text": "* Về vốn: bản đầu.\r\n- ý một", "version": 1, "action": "submit"})
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED
    assert answer.version == 2  # the unchanged text (browser line endings) is not a new draft version

    login(client, world.ha)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("petitions:answer_return", kwargs={"pk": answer.pk}),
            {"version": answer.version, "comment": "Bổ sung căn cứ pháp lý."},
        )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == AnswerState.RETURNED
    assert Notification.objects.filter(user=world.officer, kind="answer_returned").exists()

    login(client, world.officer)
    page = client.get(reverse("petitions:assignment", kwargs={"pk": assignment.pk})).content.decode()
    assert "Bổ sung căn cứ pháp lý." in page
    inbox = client.get(reverse("petitions:inbox") + "?tab=returned").content.decode()
    assert "Kiến nghị số 1" in inbox
    client.post(
        url, {"text": "* Về vốn: bản sửa (Nghị định 61/2015/NĐ-CP).", "version": answer.version, "action": "submit"}
    )
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED

    login(client, world.ha)
    client.post(reverse("petitions:answer_approve", kwargs={"pk": answer.pk}), {"version": answer.version})
    answer.refresh_from_db()
    assignment.refresh_from_db()
    assert answer.state == AnswerState.APPROVED
    assert answer.approved_by == world.ha
    assert assignment.status == AssignmentStatus.ANSWERED
    assert assignment.petition.status == PetitionStatus.ANSWERED
    actions = list(answer.revisions.values_list("action", "actor__username"))
    assert [a for a, _u in actions] == ["draft_saved", "submitted", "returned", "draft_saved", "submitted", "approved"]
    assert actions[2][1] == world.ha.username

    # Frozen: the officer can no longer save over it.
    login(client, world.officer)
    response = client.post(url, {"text": "Sửa sau khi duyệt", "version": answer.version, "action": "save"})
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.text == "* Về vốn: bản sửa (Nghị định 61/2015/NĐ-CP)."


def test_home_affairs_reopens_an_approved_answer(client, world, under_review):
    assignment, answer = under_review
    login(client, world.ha)
    client.post(reverse("petitions:answer_approve", kwargs={"pk": answer.pk}), {"version": answer.version})
    answer.refresh_from_db()
    response = client.post(
        reverse("petitions:answer_reopen", kwargs={"pk": answer.pk}),
        {"version": answer.version, "comment": "Cập nhật số liệu năm 2024."},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assignment.refresh_from_db()
    assert answer.state == AnswerState.RETURNED
    assert answer.approved_at is None
    assert assignment.status == AssignmentStatus.ACTIVE
    assert assignment.petition.status == PetitionStatus.FORWARDED


def test_returning_without_a_comment_is_refused_with_a_message(client, world, under_review):
    _assignment, answer = under_review
    login(client, world.ha)
    response = client.post(
        reverse("petitions:answer_return", kwargs={"pk": answer.pk}), {"version": answer.version, "comment": ""}
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in response.content.decode() or "bắt buộc" in response.content.decode()
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED


def test_submitting_an_empty_answer_is_refused_and_nothing_is_lost(client, world, drafted):
    assignment, answer = drafted
    login(client, world.officer)
    response = client.post(
        reverse("petitions:assignment_answer", kwargs={"pk": assignment.pk}),
        {"text": "   ", "version": answer.version, "action": "submit"},
    )
    assert response.status_code == 400
    assert "Nội dung trả lời đang để trống." in response.content.decode()
    answer.refresh_from_db()
    assert (answer.state, answer.text) == (AnswerState.DRAFT, "Bản nháp đầu tiên.")


def test_approving_returns_to_the_review_queue_but_never_to_another_site(client, world, under_review):
    _assignment, answer = under_review
    login(client, world.ha)
    queue = reverse("petitions:review_queue")
    response = client.post(
        reverse("petitions:answer_approve", kwargs={"pk": answer.pk}), {"version": answer.version, "next": queue}
    )
    assert response.url == queue
    answer.refresh_from_db()
    answer.state = AnswerState.SUBMITTED  # approve again from a forged form
    answer.save()
    response = client.post(
        reverse("petitions:answer_approve", kwargs={"pk": answer.pk}),
        {"version": answer.version, "next": "https://evil.example/phishing"},
    )
    assert response.url == reverse("petitions:answer", kwargs={"pk": answer.pk})
