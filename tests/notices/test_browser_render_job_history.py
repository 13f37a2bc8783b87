"""Home Affairs sees what happened to a background render: the job's page lists its history (worker lost, taken
over), the notice's page tells the story of the issue, and a failed job can be run again from its page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conclusions.models import ConclusionNotice, NoticeRenderJob, RenderJobEvent, RenderJobEventKind, RenderPurpose
from conclusions.models import RenderJobState as State
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _history(job, steps):
    start = timezone.now() - timedelta(minutes=6)
    for minutes, kind, worker, detail in steps:
        RenderJobEvent.objects.create(
            job=job, at=start + timedelta(minutes=minutes), kind=kind, worker=worker, detail=detail
        )


def test_home_affairs_reads_the_history_of_an_issue_taken_over_and_runs_a_failed_preview_again(page, login, demo):
    notice = ConclusionNotice.objects.get(conference__slug="lang-son-2023")
    now = timezone.now()
    issue = NoticeRenderJob.objects.create(
        notice=notice, purpose=RenderPurpose.ISSUE, notice_version=notice.lock_version, state=State.RUNNING,
        progress=40, attempts=2, worker="worker-2:311", claim="b" * 32, lease_until=now + timedelta(minutes=1),
        started_at=now - timedelta(minutes=1), enqueued_at=now - timedelta(minutes=6),
    )  # fmt: skip
    _history(issue, [
        (0, RenderJobEventKind.REQUESTED, "", "Nguyễn Thị Nội Vụ"),
        (0, RenderJobEventKind.STARTED, "worker-1:207", ""),
        (4, RenderJobEventKind.WORKER_LOST, "worker-1:207", "Không còn báo hoạt động từ 02/12/2026 10:02."),
        (5, RenderJobEventKind.TAKEN_OVER, "worker-2:311", ""),
    ])  # fmt: skip
    preview = NoticeRenderJob.objects.create(
        notice=notice, notice_version=notice.lock_version, state=State.FAILED, attempts=3,
        message="Tiến trình xử lý bị dừng giữa chừng 3 lần; hãy kiểm tra dung lượng bộ nhớ rồi chạy lại.",
    )  # fmt: skip
    _history(preview, [
        (0, RenderJobEventKind.REQUESTED, "", ""),
        (0, RenderJobEventKind.NOT_SENT, "", ""),
        (1, RenderJobEventKind.SENT, "", ""),
        (1, RenderJobEventKind.STARTED, "worker-1:207", ""),
        (3, RenderJobEventKind.WORKER_LOST, "worker-1:207", ""),
        (3, RenderJobEventKind.FAILED, "", preview.message),
    ])  # fmt: skip

    login("noivu_tinh")
    page.goto(f"/ket-luan/thong-bao/{notice.pk}/")
    history = page.locator("#issue-job-history")
    assert history.get_by_text("Mất tiến trình xử lý").is_visible()
    assert history.get_by_text("Tiến trình khác tiếp nhận và làm lại").is_visible()
    screenshot(page, "h16-notice-page-issue-history")

    page.goto(f"/ket-luan/thong-bao/{notice.pk}/tao-tep/{issue.pk}/")
    assert page.locator("#render-history tr.render-event-worker_lost").is_visible()
    screenshot(page, "h16-render-job-taken-over")

    page.goto(f"/ket-luan/thong-bao/{notice.pk}/tao-tep/{preview.pk}/")
    assert page.locator("#render-error").get_by_text("dừng giữa chừng 3 lần").is_visible()
    screenshot(page, "h16-render-job-failed")
    page.get_by_role("button", name="Chạy lại").click()
    assert page.get_by_text("Đã yêu cầu tạo tệp lại.").is_visible()
    assert NoticeRenderJob.objects.get(pk=preview.pk).state != State.FAILED
