"""Issue 16 item 5 and 6, the logic: a render job holds a lease while it runs; a job whose lease has expired (its
worker died) is taken over and finished; the sweeper sends jobs the broker never got; each step is in the job's
history, which Home Affairs reads on the job's page and the notice's page, and can run a failed job again."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from conclusions.models import ConclusionNotice, NoticeRenderJob, RenderJobEventKind, RenderJobState, RenderPurpose
from conclusions.notices import rendering
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.leases import Lease, LeaseLost, claim, finish
from conclusions.notices.rendering import render_job_retry, render_job_run, render_job_start, render_jobs_sweep
from dialogue_portal.celery import app
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(world, settings):
    settings.NOTICE_LARGE_APPENDIX_ROWS = 3
    settings.NOTICE_CHUNK_ROWS = 2
    for i in range(5):
        world.petition(f"Câu hỏi số {i + 1} về vốn vay?", group=world.groups[i % 2], answer="Trả lời. " * 30)
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice.signer_name = "Nguyễn Văn A"
    notice.save()
    return notice


@pytest.fixture
def sent(monkeypatch):
    """The broker, seen from the sender: the ids handed to it; `sent.down = True` makes it refuse."""

    class Broker(list):
        down = False

    broker = Broker()

    def publish_now(job_id, **options):
        if broker.down:
            return None
        broker.append(job_id)
        return object()

    monkeypatch.setattr(rendering.render_notice_pdf, "publish_now", publish_now)
    return broker


def _job(notice, **fields):
    fields.setdefault("notice_version", notice.lock_version)
    return NoticeRenderJob.objects.create(notice=notice, **fields)


def _kinds(job):
    return list(job.events.values_list("kind", flat=True))


def _lose_worker(job, *, seconds_ago=5):
    """The run's worker died: nobody renewed its lease, which ran out `seconds_ago`."""
    NoticeRenderJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=seconds_ago))


def test_a_queued_job_is_claimed_once_and_a_second_claim_does_nothing(large):
    job = _job(large)
    first = claim(job.pk)
    assert first is not None and not first.took_over
    assert claim(job.pk) is None
    job.refresh_from_db()
    assert (job.state, job.attempts, job.claim, job.progress) == (RenderJobState.RUNNING, 1, first.token, 1)
    assert job.lease_until > timezone.now()
    assert _kinds(job) == [RenderJobEventKind.STARTED]


def test_a_running_job_whose_lease_has_expired_is_taken_over_and_its_history_says_so(large):
    job = _job(large)
    dead = claim(job.pk)
    _lose_worker(job)
    second = claim(job.pk)
    assert second is not None and second.took_over and second.token != dead.token
    job.refresh_from_db()
    assert (job.state, job.attempts, job.claim) == (RenderJobState.RUNNING, 2, second.token)
    assert _kinds(job) == [RenderJobEventKind.STARTED, RenderJobEventKind.WORKER_LOST, RenderJobEventKind.TAKEN_OVER]
    assert job.events.get(kind=RenderJobEventKind.WORKER_LOST).worker == dead.worker


def test_the_run_that_lost_its_job_can_neither_report_progress_nor_write_its_result(large):
    job = _job(large)
    dead = claim(job.pk)
    _lose_worker(job)
    claim(job.pk)
    with pytest.raises(LeaseLost), Lease(dead, threaded=False) as lease:
        lease.progress(1, 2)
    assert finish(dead, state=RenderJobState.DONE, progress=100) is False
    assert NoticeRenderJob.objects.get(pk=job.pk).state == RenderJobState.RUNNING


def test_progress_renews_the_lease(large, settings):
    settings.RENDER_JOB_LEASE_SECONDS = 60
    job = _job(large)
    held = claim(job.pk)
    _lose_worker(job, seconds_ago=-1)  # about to expire
    with Lease(held, threaded=False) as lease:
        lease.progress(1, 2)
    job.refresh_from_db()
    assert job.progress == 50 and job.lease_until > timezone.now() + timedelta(seconds=50)


def test_a_job_that_kills_its_worker_every_time_fails_after_the_last_attempt(large, settings):
    settings.RENDER_JOB_MAX_ATTEMPTS = 2
    job = _job(large)
    claim(job.pk)
    _lose_worker(job)
    claim(job.pk)
    _lose_worker(job)
    assert claim(job.pk) is None
    job.refresh_from_db()
    assert job.state == RenderJobState.FAILED and "dừng giữa chừng 2 lần" in job.message
    assert _kinds(job)[-2:] == [RenderJobEventKind.WORKER_LOST, RenderJobEventKind.FAILED]


def test_a_running_job_from_before_leases_counts_as_abandoned_and_is_finished(large, settings):
    job = _job(large, fmt="xlsx", state=RenderJobState.RUNNING, progress=1, started_at=timezone.now())
    assert render_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE and job.file and job.attempts == 1
    assert _kinds(job)[-2:] == [RenderJobEventKind.TAKEN_OVER, RenderJobEventKind.DONE]


def test_a_job_taken_over_renders_to_the_end(large):
    job = _job(large, fmt="xlsx")
    claim(job.pk)
    _lose_worker(job)
    assert render_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts, job.lease_until) == (RenderJobState.DONE, 100, 2, None)


def test_an_issue_whose_worker_died_after_the_commit_is_done_not_issued_twice(large, tasks_in_process):
    job = _job(large, purpose=RenderPurpose.ISSUE)
    assert render_job_run(job.pk) == "done"
    number = ConclusionNotice.objects.get(pk=large.pk).number
    # As if that worker had died between the issue's commit and writing "done".
    NoticeRenderJob.objects.filter(pk=job.pk).update(state=RenderJobState.RUNNING, lease_until=None)
    assert render_job_run(job.pk) == "done"
    assert ConclusionNotice.objects.get(pk=large.pk).number == number
    assert ConclusionNotice.objects.filter(conference=large.conference).count() == 1


def test_the_sweeper_sends_jobs_never_sent_and_jobs_whose_worker_is_gone_but_not_a_job_being_committed(large, sent):
    old = timezone.now() - timedelta(minutes=2)
    unsent = _job(large, created_at=old)
    fresh = _job(large, fmt="docx")  # its own request sends it after the commit
    running = _job(large, fmt="xlsx", created_at=old)
    claim(running.pk)
    healthy = _job(large, fmt="xlsx", created_at=old, notice_version=large.lock_version + 1)
    claim(healthy.pk)
    _lose_worker(running)
    counts = render_jobs_sweep()
    assert sorted(sent) == sorted([unsent.pk, running.pk]) and fresh.pk not in sent and healthy.pk not in sent
    assert counts == {"sent": 2, "lost": 1, "not_sent": 0}
    assert NoticeRenderJob.objects.get(pk=unsent.pk).enqueued_at is not None
    assert _kinds(unsent) == [RenderJobEventKind.SENT]
    assert _kinds(running) == [RenderJobEventKind.STARTED, RenderJobEventKind.WORKER_LOST]
    render_jobs_sweep()  # a second tick: the worker-lost line is not repeated
    assert _kinds(running) == [RenderJobEventKind.STARTED, RenderJobEventKind.WORKER_LOST]


def test_with_the_broker_down_asking_for_a_large_file_succeeds_and_the_page_says_it_will_be_made_shortly(
    client, world, large, sent, django_capture_on_commit_callbacks
):
    sent.down = True
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("conclusions:notice_download", args=[large.pk, "pdf"]))
    job = NoticeRenderJob.objects.get(notice=large)
    assert response.status_code == 302 and job.state == RenderJobState.QUEUED and job.enqueued_at is None
    assert _kinds(job) == [RenderJobEventKind.REQUESTED, RenderJobEventKind.NOT_SENT]
    page = client.get(response["Location"]).content.decode()
    assert "tệp sẽ được tạo tự động trong ít phút" in page and "Chưa gửi được vào hàng đợi" in page
    # The broker is back: the sweeper sends it.
    sent.down = False
    NoticeRenderJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    assert render_jobs_sweep()["sent"] == 1 and sent == [job.pk]
    assert "tệp sẽ được tạo tự động" not in client.get(response["Location"]).content.decode()


def test_home_affairs_runs_a_failed_job_again_from_its_page(
    client, world, large, sent, django_capture_on_commit_callbacks
):
    job = _job(large, state=RenderJobState.FAILED, attempts=3, message="Tiến trình xử lý bị dừng giữa chừng 3 lần")
    client.force_login(world.officer)
    page = client.get(reverse("conclusions:render_job", args=[large.pk, job.pk])).content.decode()
    assert "Chạy lại" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("conclusions:render_job_retry", args=[large.pk, job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.attempts, job.message) == (RenderJobState.QUEUED, 0, "")
    assert sent == [job.pk] and _kinds(job)[-1] == RenderJobEventKind.RETRIED


def test_a_youth_union_officer_cannot_run_a_job_again(client, world, large, sent):
    job = _job(large, state=RenderJobState.FAILED)
    client.force_login(world.youth)
    response = client.post(reverse("conclusions:render_job_retry", args=[large.pk, job.pk]))
    assert response.status_code in (403, 404)
    assert NoticeRenderJob.objects.get(pk=job.pk).state == RenderJobState.FAILED and sent == []


def test_a_job_done_or_running_normally_is_not_run_again(world, large, sent):
    done = _job(large, state=RenderJobState.DONE)
    running = _job(large, fmt="xlsx")
    claim(running.pk)
    assert not render_job_retry(job=done, actor=world.officer)
    assert not render_job_retry(job=running, actor=world.officer)
    assert sent == []


def test_the_notice_page_shows_what_happened_to_an_issue_whose_worker_was_lost(client, world, large):
    job = _job(large, purpose=RenderPurpose.ISSUE)
    claim(job.pk)
    _lose_worker(job)
    claim(job.pk)
    client.force_login(world.officer)
    page = client.get(reverse("conclusions:notice_detail", args=[large.pk])).content.decode()
    assert "Mất tiến trình xử lý" in page and "Tiến trình khác tiếp nhận và làm lại" in page


def test_the_admin_lists_jobs_with_their_history_and_runs_abandoned_ones_again(
    client, world, large, sent, django_capture_on_commit_callbacks
):
    job = _job(large, fmt="xlsx")
    claim(job.pk)
    _lose_worker(job)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:conclusions_noticerenderjob_changelist"))
    assert listing.status_code == 200
    detail = client.get(reverse("admin:conclusions_noticerenderjob_change", args=[job.pk])).content.decode()
    assert "Bắt đầu tạo tệp" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:conclusions_noticerenderjob_changelist"),
            {"action": "retry", "_selected_action": [job.pk]},
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == RenderJobState.QUEUED and sent == [job.pk]
    assert _kinds(job)[-2:] == [RenderJobEventKind.WORKER_LOST, RenderJobEventKind.RETRIED]
    assert site.is_registered(NoticeRenderJob)


def test_render_job_start_records_the_request(world, large, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = render_job_start(notice=large, actor=world.officer, fmt="docx")
    job.refresh_from_db()
    assert sent == [job.pk] and job.enqueued_at is not None
    assert _kinds(job) == [RenderJobEventKind.REQUESTED]


def test_the_render_job_sweeper_is_registered_with_beat_every_minute():
    sweeper = PeriodicTask.objects.get(task="conclusions.sweep_render_jobs", enabled=True)
    assert (sweeper.interval.every, sweeper.interval.period, sweeper.queue) == (1, "minutes", "celery")
    app.loader.import_default_modules()
    assert app.tasks["conclusions.sweep_render_jobs"].acks_late is True
    assert app.amqp.router.route({}, "conclusions.tasks.render_notice_pdf")["queue"].name == "documents"
