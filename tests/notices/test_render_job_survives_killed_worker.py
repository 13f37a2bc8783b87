"""Issue 16 item 5 on real processes: a Celery worker on the 'documents' queue is killed (SIGKILL, as a deploy, the
out-of-memory killer or a restart would) in the middle of issuing a large notice. The job used to stay "running 1%"
for ever and the notice could never be issued. Now the job's lease runs out, beat's sweeper notices, a new worker
takes the job over and issues the notice, with the number the dead worker never committed; Home Affairs reads
what happened on the notice's page."""

import os
import signal
import time
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conclusions.models import ConclusionNotice, NoticeRenderJob, RenderJobEventKind, RenderJobState, RenderPurpose
from conclusions.notices.drafting import notice_draft_from_conference
from tests.conftest import wait_for

from .workers import PrivateRedis, Workers, require_postgres

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

LEASE = 4  # seconds; renewed every LEASE / 3 by the running worker
ROWS = 120  # petitions in the appendix, each with a full answer: a real-size notice of a province


@pytest.fixture
def workers(tmp_path):
    require_postgres()
    redis = PrivateRedis(tmp_path)
    redis.start()
    pool = Workers(
        redis.url,
        RENDER_JOB_LEASE_SECONDS=str(LEASE),
        NOTICE_LARGE_APPENDIX_ROWS="60",
        NOTICE_CHUNK_ROWS="20",
        DOCUMENT_RENDER_WORKERS="1",
    )
    yield pool
    pool.stop_all()
    redis.stop()


@pytest.fixture
def large(world, settings):
    settings.NOTICE_LARGE_APPENDIX_ROWS = 60
    answer = (
        "Sở Lao động - Thương binh và Xã hội đã phối hợp với Ngân hàng Chính sách xã hội tỉnh rà soát nhu cầu vay "
        "vốn của thanh niên; năm 2024 dành 12 tỷ đồng cho vay giải quyết việc làm, ưu tiên dự án khởi nghiệp. "
    ) * 3
    for i in range(ROWS):
        world.petition(f"Câu hỏi số {i + 1}: đề nghị hỗ trợ vốn vay và đào tạo nghề cho thanh niên nông thôn?",
                       group=world.groups[i % 2], answer=answer)  # fmt: skip
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice.signer_name = "Nguyễn Văn A"
    notice.save()
    return notice


def _job(pk):
    return NoticeRenderJob.objects.get(pk=pk)


def test_a_worker_killed_while_issuing_a_large_notice_leaves_the_job_to_another_worker_which_issues_it(
    client, world, large, workers
):
    # The clerk asked for the issue a minute ago (the row a request writes), and beat's sweeper sends it.
    job = NoticeRenderJob.objects.create(
        notice=large,
        purpose=RenderPurpose.ISSUE,
        notice_version=large.lock_version,
        issue_date=date(2024, 4, 5),
        requested_by=world.officer,
        created_at=timezone.now() - timedelta(minutes=1),
    )
    # Two workers on the 'documents' queue, as the deployment runs them; beat's sweeper sends the job.
    pair = workers.start("one", "two")
    started = time.monotonic()
    workers.sweep()
    # 1. A worker claims the job and renders; its heartbeat writes the progress as parts are laid out.
    wait_for(lambda: _job(job.pk).state == RenderJobState.RUNNING and _job(job.pk).progress >= 10, timeout=60)
    running = _job(job.pk)
    holder = next(i for i, (proc, _log) in enumerate(pair) if running.worker.endswith(f":{proc.pid}"))
    (dead, dead_log), (alive, alive_log) = pair[holder], pair[1 - holder]
    workers.kill(dead)
    killed_at = time.monotonic()
    assert running.progress < 100, dead_log.read_text(errors="replace")[-3000:]
    # Nothing was committed by the dead worker: still a draft, no number taken; the job still says "running".
    notice = ConclusionNotice.objects.get(pk=large.pk)
    assert notice.is_draft and notice.number is None
    assert _job(job.pk).state == RenderJobState.RUNNING
    # 2. Beat ticks again once the lease has run out: the other worker takes the job over.
    wait_for(lambda: _job(job.pk).lease_until < timezone.now(), timeout=LEASE + 5)
    workers.sweep()
    wait_for(lambda: _job(job.pk).state in (RenderJobState.DONE, RenderJobState.FAILED), timeout=90)
    recovered = time.monotonic() - killed_at
    done = _job(job.pk)
    assert done.state == RenderJobState.DONE, done.message + alive_log.read_text(errors="replace")[-3000:]
    issued = ConclusionNotice.objects.get(pk=large.pk)
    assert (issued.number, issued.issue_date) == (1, date(2024, 4, 5)) and issued.pdf and issued.pdf_sha256
    assert done.attempts == 2 and done.worker.endswith(f":{alive.pid}")
    assert list(done.events.values_list("kind", flat=True)) == [
        RenderJobEventKind.SENT,
        RenderJobEventKind.STARTED,
        RenderJobEventKind.WORKER_LOST,
        RenderJobEventKind.TAKEN_OVER,
        RenderJobEventKind.DONE,
    ]
    # 3. Home Affairs sees what happened, on the notice's page.
    client.force_login(world.officer)
    page = client.get(reverse("conclusions:notice_detail", args=[large.pk])).content.decode()
    assert "Mất tiến trình xử lý" in page and "Tiến trình khác tiếp nhận và làm lại" in page
    print(f"killed at {running.progress}% after {killed_at - started:.1f} s; issued {recovered:.1f} s after the kill")


def test_a_render_process_killed_by_the_out_of_memory_killer_comes_back_redelivered_and_takes_the_job_over(
    world, large, workers
):
    """The prefork pool: the child rendering is killed (as the out-of-memory killer picks the biggest process), the
    worker hands the message back to the broker, and the redelivered task waits for the lease to run out and takes
    the job over. No sweeper tick is involved after the first send."""
    job = NoticeRenderJob.objects.create(
        notice=large, notice_version=large.lock_version, fmt="pdf", created_at=timezone.now() - timedelta(minutes=1)
    )
    [(_parent, log)] = workers.start("prefork", pool="prefork")
    workers.sweep()
    wait_for(lambda: _job(job.pk).state == RenderJobState.RUNNING and _job(job.pk).progress >= 10, timeout=60)
    running = _job(job.pk)
    os.kill(int(running.worker.rsplit(":", 1)[1]), signal.SIGKILL)
    killed_at = time.monotonic()
    wait_for(lambda: _job(job.pk).state in (RenderJobState.DONE, RenderJobState.FAILED), timeout=90)
    done = _job(job.pk)
    assert done.state == RenderJobState.DONE, done.message + log.read_text(errors="replace")[-3000:]
    assert done.file and done.attempts == 2 and done.worker != running.worker
    assert list(done.events.values_list("kind", flat=True)) == [
        RenderJobEventKind.SENT,
        RenderJobEventKind.STARTED,
        RenderJobEventKind.WORKER_LOST,
        RenderJobEventKind.TAKEN_OVER,
        RenderJobEventKind.DONE,
    ]
    assert "WorkerLostError" in log.read_text(errors="replace")
    print(f"child killed at {running.progress}%; file made {time.monotonic() - killed_at:.1f} s after the kill")
