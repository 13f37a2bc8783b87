"""A large appendix renders in a task, in parts laid out in parallel, and the page shows progress until the file
is ready; the joined PDF keeps one numbering per part of the document."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conclusions.models import ConclusionNotice, NoticeRenderJob, RenderJobState
from conclusions.notices.documents.content import notice_content
from conclusions.notices.documents.render import render_notice
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.rendering import render_job_run
from dialogue_portal.celery import app

from .pdfs import MM, page_texts, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(world, settings):
    settings.NOTICE_LARGE_APPENDIX_ROWS = 3
    settings.NOTICE_CHUNK_ROWS = 2
    for i in range(5):
        world.petition(f"Câu hỏi số {i + 1} về vốn vay?", group=world.groups[0], answer="Trả lời. " * 60)
    for i in range(2):
        world.petition(f"Câu hỏi số {i + 6} về việc làm?", group=world.groups[1], answer="Trả lời. " * 60)
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice.signer_name = "Nguyễn Văn A"
    notice.save()
    return notice


@pytest.fixture
def eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _numbers(pdf: bytes) -> list[str | None]:
    out = []
    for page in range(len(PdfReader(io.BytesIO(pdf)).pages)):
        top = [w["text"] for w in words(pdf, page) if w["bottom"] < 20 * MM and w["text"] != "DỰ"]
        out.append(top[0] if top and top[0].isdigit() else None)
    return out


def test_a_large_appendix_is_cut_at_groups_and_in_parts_each_group_starting_on_a_new_page(large):
    chunks = notice_content(large).appendix.chunks(max_rows=2)
    assert [[len(g.rows) for g in c.groups] for c in chunks] == [[2], [2], [1], [2]]
    assert [c.groups[0].continued for c in chunks] == [False, True, True, False]
    assert chunks[0].first and not any(c.first for c in chunks[1:])


def test_page_numbers_continue_across_the_parts_and_restart_for_the_appendix(large, settings):
    settings.DOCUMENT_RENDER_WORKERS = 2
    pdf = render_notice(large, "pdf").data
    texts = page_texts(pdf)
    start = next(i for i, t in enumerate(texts) if t.replace("DỰ THẢO", "").lstrip().startswith("Phụ lục"))
    numbers = _numbers(pdf)
    assert numbers[0] is None and numbers[1:start] == [str(n) for n in range(2, start + 1)]
    assert numbers[start] is None
    assert numbers[start + 1 :] == [str(n) for n in range(2, len(texts) - start + 1)]
    body = " ".join(texts[start:])
    assert re.findall(r"Câu hỏi số (\d)", body) == [str(n) for n in range(1, 8)]
    assert "(tiếp theo)" in body


def test_parallel_and_single_process_layouts_give_the_same_pages(large, settings):
    settings.DOCUMENT_RENDER_WORKERS = 1
    one = page_texts(render_notice(large, "pdf").data)
    settings.DOCUMENT_RENDER_WORKERS = 2
    two = page_texts(render_notice(large, "pdf").data)
    assert one == two


def test_downloading_a_large_draft_starts_a_job_and_the_page_shows_its_progress_until_the_file_is_ready(
    client, world, large, eager, django_capture_on_commit_callbacks
):
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("conclusions:notice_download", args=[large.pk, "pdf"]))
    job = NoticeRenderJob.objects.get(notice=large)
    assert response.status_code == 302 and response["Location"].endswith(f"/tao-tep/{job.pk}/")
    page = client.get(response["Location"])
    assert "render-progress.js" in page.content.decode()
    status = client.get(reverse("conclusions:render_job_status", args=[large.pk, job.pk])).json()
    assert status["state"] == RenderJobState.DONE and status["progress"] == 100
    pdf = client.get(status["done_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # The same content version reuses the finished job instead of rendering again.
    again = client.get(reverse("conclusions:notice_download", args=[large.pk, "pdf"]))
    assert again["Location"].endswith(f"/tao-tep/{job.pk}/")
    assert NoticeRenderJob.objects.filter(notice=large).count() == 1


def test_issuing_a_large_notice_runs_in_the_task_and_lands_on_the_issued_notice(
    client, world, large, eager, django_capture_on_commit_callbacks
):
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("conclusions:notice_issue", args=[large.pk]),
            {"lock_version": large.lock_version, "issue_date": "05/04/2024", "confirm": "on"},
        )
    job = NoticeRenderJob.objects.get(notice=large, purpose="issue")
    assert response["Location"].endswith(f"/tao-tep/{job.pk}/")
    assert job.state == RenderJobState.DONE
    issued = ConclusionNotice.objects.get(pk=large.pk)
    assert issued.number == 1 and issued.issue_date == date(2024, 4, 5) and issued.pdf_sha256
    landing = client.get(response["Location"])
    assert landing.status_code == 302 and landing["Location"] == reverse("conclusions:notice_detail", args=[large.pk])


def test_a_job_the_task_sees_twice_runs_once(world, large):
    job = NoticeRenderJob.objects.create(notice=large, notice_version=large.lock_version, fmt="xlsx")
    assert render_job_run(job.pk) == "done"
    assert render_job_run(job.pk) == "skipped"


def test_a_preview_of_an_outdated_version_fails_with_a_clear_message(world, large):
    job = NoticeRenderJob.objects.create(notice=large, notice_version=large.lock_version - 1)
    assert render_job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == RenderJobState.FAILED and "Dự thảo đã thay đổi" in job.message
