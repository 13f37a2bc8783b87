"""Two officers edit the same answer: the second save is refused with both versions shown; nothing is lost."""

import pytest
from django.urls import reverse

from petitions.models import AnswerState

from .conftest import login

pytestmark = pytest.mark.django_db


def test_the_second_save_on_a_stale_version_is_refused_showing_both_versions(client, world, drafted):
    assignment, answer = drafted
    url = reverse("petitions:assignment_answer", kwargs={"pk": assignment.pk})
    opened_at = answer.version  # both officers opened the page at this version

    login(client, world.officer)
    client.post(url, {"text": "Bản của chuyên viên thứ nhất.", "version": opened_at, "action": "save"})

    login(client, world.colleague)
    response = client.post(url, {"text": "Bản của <b>chuyên viên thứ hai</b>.", "version": opened_at, "action": "save"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản của chuyên viên thứ nhất." in page  # the saved version
    assert "Bản của &lt;b&gt;chuyên viên thứ hai&lt;/b&gt;." in page  # theirs, escaped, still in the box
    assert "<b>chuyên viên thứ hai</b>" not in page
    answer.refresh_from_db()
    assert answer.text == "Bản của chuyên viên thứ nhất."
    assert answer.version == opened_at + 1
    # The form now carries the saved version: saving again is a deliberate overwrite and succeeds.
    assert response.context["form"]["version"].value() == answer.version
    client.post(url, {"text": "Bản hợp nhất của hai người.", "version": answer.version, "action": "save"})
    answer.refresh_from_db()
    assert answer.text == "Bản hợp nhất của hai người."
    assert list(answer.revisions.values_list("text", flat=True)) == [
        "Bản nháp đầu tiên.",
        "Bản của chuyên viên thứ nhất.",
        "Bản hợp nhất của hai người.",
    ]


def test_a_first_answer_created_twice_at_once_is_a_conflict_not_a_second_answer(client, world):
    from .conftest import assign

    assignment = assign(world, world.petitions[2], world.labour)
    url = reverse("petitions:assignment_answer", kwargs={"pk": assignment.pk})
    login(client, world.officer)
    client.post(url, {"text": "Bản A", "version": 0, "action": "save"})
    login(client, world.colleague)
    response = client.post(url, {"text": "Bản B", "version": 0, "action": "save"})
    assert response.status_code == 409
    assert assignment.petition.answers.count() == 1
    assert assignment.petition.answers.get().text == "Bản A"


def test_home_affairs_approving_a_version_that_changed_meanwhile_is_refused(client, world, under_review):
    """A second Home Affairs reviewer had the page open on the first submission; meanwhile the answer was returned,
    revised and submitted again. Approving the stale page must not approve the text it never saw."""
    from tests.factories import make_user

    assignment, answer = under_review
    stale = answer.version
    login(client, world.ha)
    client.post(reverse("petitions:answer_return", kwargs={"pk": answer.pk}), {"version": stale, "comment": "Sửa."})
    answer.refresh_from_db()
    login(client, world.officer)
    client.post(
        reverse("petitions:assignment_answer", kwargs={"pk": assignment.pk}),
        {"text": "Bản đã sửa.", "version": answer.version, "action": "submit"},
    )
    login(client, make_user("home_affairs", world.home_affairs_agency))
    response = client.post(reverse("petitions:answer_approve", kwargs={"pk": answer.pk}), {"version": stale})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED
    assert answer.text == "Bản đã sửa."
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("đã thay đổi" in m for m in messages)
