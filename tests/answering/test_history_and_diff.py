"""Every change is in the history with the acting user and time; a diff between versions is viewable."""

import pytest
from django.urls import reverse

from petitions.diffs import line_diff
from petitions.services.answering import answer_return, answer_save

from .conftest import login

pytestmark = pytest.mark.django_db


def test_the_diff_page_compares_two_versions_word_by_word(client, world, drafted):
    assignment, answer = drafted
    answer = answer_save(assignment=assignment, text="Bản nháp thứ hai <i>đã sửa</i>.", version=1, actor=world.officer)
    first, second = answer.revisions.order_by("created_at", "id")
    login(client, world.ha)
    response = client.get(
        reverse("petitions:answer_diff", kwargs={"pk": answer.pk}) + f"?tu={first.pk}&den={second.pk}"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<del>đầu tiên.</del>" in page
    assert "<ins>thứ hai &lt;i&gt;đã sửa&lt;/i&gt;.</ins>" in page


def test_the_default_diff_is_against_the_previous_different_text(client, world, drafted):
    assignment, answer = drafted
    answer = answer_save(assignment=assignment, text="Bản hai.", version=1, actor=world.officer, submit=True)
    login(client, world.ha)
    response = client.get(reverse("petitions:answer_diff", kwargs={"pk": answer.pk}))
    assert response.context["old"].text == "Bản nháp đầu tiên."
    assert response.context["new"].text == "Bản hai."


def test_history_shows_who_did_what_and_the_return_comment(client, world, under_review):
    assignment, answer = under_review
    answer_return(answer=answer, comment="Thiếu số liệu.", actor=world.ha)
    login(client, world.officer)
    page = client.get(reverse("petitions:answer", kwargs={"pk": answer.pk})).content.decode()
    assert "Trả lại để sửa" in page
    assert "Thiếu số liệu." in page
    assert f"{world.ha.last_name} {world.ha.first_name}" in page
    assignment_page = client.get(reverse("petitions:assignment", kwargs={"pk": assignment.pk})).content.decode()
    assert "Nội vụ trả lại để sửa" in assignment_page
    assert "Giao trả lời" in assignment_page


def test_line_diff_marks_added_removed_and_changed_lines():
    rows = line_diff("a\nb\nc", "a\nB\nc\nd")
    assert [r.kind for r in rows] == ["same", "changed", "same", "added"]
