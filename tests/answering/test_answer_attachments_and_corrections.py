"""Files sent with an answer (checked like a petition's), and Home Affairs correcting an answer's wording before
approving it, kept as a revision with its diff (issue 15, "missing that every office expects")."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conferences.models import AuditEvent, Notification
from petitions.models import AnswerState, RevisionAction

from .conftest import assign, login, submitted

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _answer_with_file(client, world, name="quyet-dinh.pdf", content=PDF):
    assignment = assign(world, world.petitions[0], world.labour)
    login(client, world.officer)
    response = client.post(
        reverse("petitions:assignment_answer", args=[assignment.pk]),
        {
            "text": "Sở đã ban hành Quyết định hỗ trợ vốn vay (kèm theo).",
            "version": 0,
            "action": "submit",
            "attachments": [SimpleUploadedFile(name, content, content_type="application/pdf")],
        },
    )
    return assignment, response


def test_an_officer_sends_a_file_with_the_answer_and_home_affairs_downloads_it(client, world):
    assignment, response = _answer_with_file(client, world)
    assert response.status_code == 302
    answer = assignment.petition.answers.get()
    attachment = answer.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("quyet-dinh.pdf", "application/pdf")
    assert AuditEvent.objects.filter(action="answer.attachments", target_id=answer.pk).exists()
    login(client, world.ha)
    page = client.get(reverse("petitions:answer", args=[answer.pk])).content.decode()
    url = reverse("petitions:answer_attachment", args=[attachment.pk])
    assert url in page
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # Another province's Home Affairs does not get it.
    login(client, world.ha_other)
    assert client.get(url).status_code == 404


def test_a_renamed_program_is_refused_by_its_content(client, world):
    assignment, response = _answer_with_file(client, world, name="bao-cao.pdf", content=b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 400
    assert "không phải PDF, ảnh (JPG, PNG), Word (.docx) hoặc Excel (.xlsx)" in response.content.decode()
    assert not assignment.petition.answers.exists()


def test_home_affairs_corrects_the_wording_before_approving_and_the_history_shows_the_diff(client, world):
    assignment = assign(world, world.petitions[1], world.labour)
    answer = submitted(world, assignment, world.officer, text="Sở sẽ hổ trợ vốn vay theo Nghị định 61.")
    login(client, world.ha)
    response = client.post(
        reverse("petitions:answer_correct", args=[answer.pk]),
        {
            "version": answer.version,
            "text": "Sở sẽ hỗ trợ vốn vay theo Nghị định số 61/2015/NĐ-CP.",
            "comment": "chính tả",
        },
        follow=True,
    )
    page = response.content.decode()
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED and "hỗ trợ" in answer.text
    revision = answer.revisions.get(action=RevisionAction.CORRECTED)
    assert revision.actor == world.ha and revision.comment == "chính tả"
    assert "Nội vụ sửa câu chữ" in page and "<del>hổ " in page and "<ins>hỗ " in page
    assert Notification.objects.filter(user=world.officer, text__contains="Nội vụ đã sửa câu chữ").exists()
    # Approved at its new version.
    client.post(reverse("petitions:answer_approve", args=[answer.pk]), {"version": answer.version})
    answer.refresh_from_db()
    assert answer.state == AnswerState.APPROVED and "61/2015/NĐ-CP" in answer.text


def test_only_the_reviewer_corrects_and_only_while_it_waits_for_review(client, world):
    assignment = assign(world, world.petitions[1], world.labour)
    answer = submitted(world, assignment, world.officer)
    data = {"version": answer.version, "text": "Bản khác."}
    login(client, world.officer)
    assert client.post(reverse("petitions:answer_correct", args=[answer.pk]), data).status_code == 403
    login(client, world.ha)
    client.post(reverse("petitions:answer_approve", args=[answer.pk]), {"version": answer.version})
    answer.refresh_from_db()
    response = client.post(reverse("petitions:answer_correct", args=[answer.pk]), {**data, "version": answer.version})
    assert response.status_code == 403  # approved: reopen it instead
    answer.refresh_from_db()
    assert answer.text != "Bản khác."
