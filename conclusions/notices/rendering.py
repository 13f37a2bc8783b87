"""Notices rendered in the background (large appendices): the job row, the service that runs it, and the task.

`render_job_start` records a NoticeRenderJob and sends `render_notice_pdf` after the commit (`render_job_send`: a
rolled-back request sends nothing; a broker that is down leaves the job queued, unsent, and the request succeeds).
The task is a thin adapter on the "documents" queue (settings.CELERY_TASK_ROUTES, so a long render never delays
reminders or email): it takes the job id, and `render_job_run` claims the row (conclusions.notices.leases): a queued
job, or a running one whose lease has expired because its worker died, which it takes over. The run renews its lease
while it works and writes its outcome only while it still holds the claim; a redelivered message for a job another
live run holds comes back when that lease would expire. `render_jobs_sweep` (beat, `conclusions.sweep_render_jobs`,
every minute) sends the jobs never sent and those whose worker is gone; `render_job_retry` is the admin's "run
again". Each step is in the job's history (RenderJobEvent). Limits:
the task has a soft and a hard time limit; the layout runs in worker processes that each get an address-space limit
(DOCUMENT_RENDER_MEMORY_MB) and a timeout (DOCUMENT_RENDER_TIMEOUT), see conclusions.notices.documents.parallel.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.background import AfterCommitTask

from ..errors import NoticeError
from ..models import (
    ConclusionNotice,
    NoticeRenderJob,
    RenderJobEvent,
    RenderJobEventKind,
    RenderJobState,
    RenderPurpose,
)
from .documents.render import render_notice
from .editing import lock_notice
from .issuing import notice_issue, refuse_unless_issuable
from .leases import Claim, Lease, LeaseLost, claim, event, finish, lease_left, note_worker_lost, stale

RENDER_TIME_LIMIT = settings.DOCUMENT_RENDER_TIMEOUT + 60
IN_FLIGHT = (RenderJobState.QUEUED, RenderJobState.RUNNING)


def _reusable_preview(notice: ConclusionNotice, *, purpose: str, fmt: str) -> NoticeRenderJob | None:
    """A preview of the same content version still queued, running or done: reused instead of rendering twice."""
    return (
        notice.render_jobs.filter(purpose=purpose, fmt=fmt, notice_version=notice.lock_version)
        .filter(Q(state__in=IN_FLIGHT) | Q(state=RenderJobState.DONE))
        .first()
    )


def render_job_start(
    *, notice: ConclusionNotice, actor, purpose: str = RenderPurpose.PREVIEW, fmt: str = "pdf", **options
) -> NoticeRenderJob:
    """Queue a background render; the task runs after commit. An issue job checks the draft can be issued (at the
    version the clerk confirmed) and is refused while another issue is in flight."""
    with transaction.atomic():
        if purpose == RenderPurpose.ISSUE:
            target = lock_notice(notice, options.get("expected_version"))
            refuse_unless_issuable(target)
            if target.render_jobs.filter(purpose=RenderPurpose.ISSUE, state__in=IN_FLIGHT).exists():
                raise NoticeError(_("Thông báo đang được ban hành; vui lòng chờ."))
        else:
            target = notice
            reusable = _reusable_preview(notice, purpose=purpose, fmt=fmt)
            if reusable:
                return reusable
        job = NoticeRenderJob.objects.create(
            notice=target,
            purpose=purpose,
            fmt=fmt,
            notice_version=target.lock_version,
            issue_date=options.get("issue_date"),
            register_number=options.get("register_number"),
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(actor=actor, action=f"notice.render_{purpose}", target=target, conference=target.conference, job=job.pk)
        event(job.pk, RenderJobEventKind.REQUESTED, detail=_display(actor))
        transaction.on_commit(lambda: render_job_send(job.pk, first=True))
    return job


def _display(actor) -> str:
    return (actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else ""


def render_job_send(job_id: int, *, first: bool = False) -> bool:
    """Hand a committed job to the broker now; False (and a line in the job's history) when the broker is down: the
    job stays queued and the sweeper sends it once the broker is back."""
    if render_notice_pdf.publish_now(job_id) is None:
        if first or not RenderJobEvent.objects.filter(job_id=job_id, kind=RenderJobEventKind.NOT_SENT).exists():
            event(job_id, RenderJobEventKind.NOT_SENT)
        return False
    NoticeRenderJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    return True


def _run(job: NoticeRenderJob, progress) -> tuple[str, bytes | None, str]:
    """Issue the notice, or render the preview; (file name, bytes, sha256) of a preview's file."""
    if job.purpose == RenderPurpose.ISSUE:
        if not job.notice.is_draft:  # issued by this job's earlier run, whose worker died before writing "done"
            return "", None, ""
        notice_issue(
            notice=job.notice,
            actor=job.requested_by,
            issue_date=job.issue_date,
            register_number=job.register_number,
            expected_version=job.notice_version,
            progress=progress,
        )
        return "", None, ""
    if job.notice.lock_version != job.notice_version:
        raise NoticeError(_("Dự thảo đã thay đổi sau khi yêu cầu; hãy tạo lại bản xem trước."))
    rendered = render_notice(job.notice, job.fmt, progress=progress)
    return rendered.filename, rendered.data, rendered.sha256


def render_job_run(job_id: int, *, threaded: bool = False) -> str:
    """Run a job once: claim it (a queued job, or a running one whose worker is gone), render under a lease, write
    the outcome while still holding the claim. A redelivered message for a job another run holds does nothing."""
    held = claim(job_id)
    if held is None:
        return "skipped"
    job = NoticeRenderJob.objects.select_related("notice__conference", "requested_by").get(pk=job_id)
    try:
        with Lease(held, threaded=threaded) as lease:
            filename, data, sha = _run(job, lease.progress)
    except LeaseLost:
        return "taken_over"
    except Exception as exc:  # the job row records the failure; the task logs the traceback
        message = str(exc) if isinstance(exc, NoticeError) else _("Lỗi khi tạo tệp: %(error)s") % {"error": exc}
        if finish(held, state=RenderJobState.FAILED, message=message[:2000]):
            event(job_id, RenderJobEventKind.FAILED, worker=held.worker, detail=message)
        if isinstance(exc, NoticeError):
            return "failed"
        raise
    return _store(job, held, filename, data, sha)


def _store(job: NoticeRenderJob, held: Claim, filename: str, data: bytes | None, sha: str) -> str:
    if data is not None:
        job.file.save(filename, ContentFile(data), save=False)
    stored = finish(
        held, state=RenderJobState.DONE, progress=100, file=job.file.name if data is not None else "", sha256=sha
    )
    if not stored:
        return "taken_over"
    event(job.pk, RenderJobEventKind.DONE, worker=held.worker)
    return "done"


def render_job_retry(*, job: NoticeRenderJob, actor) -> bool:
    """Home Affairs' or an administrator's "run again": a failed job, or one whose worker is gone, is queued again
    with a fresh attempt budget and sent. False when the job is done or still running normally."""
    with transaction.atomic():
        now = timezone.now()
        lost = NoticeRenderJob.objects.filter(pk=job.pk).filter(stale(now)).values("worker", "lease_until").first()
        retried = (
            NoticeRenderJob.objects.filter(pk=job.pk)
            .filter(Q(state=RenderJobState.FAILED) | stale(now))
            .update(state=RenderJobState.QUEUED, attempts=0, claim="", lease_until=None, progress=0, message="")
        )
        if not retried:
            return False
        if lost:
            note_worker_lost(job.pk, worker=lost["worker"], lease_until=lost["lease_until"])
        event(job.pk, RenderJobEventKind.RETRIED, detail=_display(actor))
        notice = job.notice
        record(actor=actor, action="notice.render_retry", target=notice, conference=notice.conference, job=job.pk)
        transaction.on_commit(lambda: render_job_send(job.pk))
    return True


def render_jobs_sweep(*, now=None, limit: int = 200) -> dict:
    """Beat, every minute: send the queued jobs the broker never got (or lost), and the running jobs whose worker is
    gone (the task takes them over). Sending twice is harmless: only one run can claim a job."""
    now = now or timezone.now()
    resend = now - timedelta(seconds=settings.RENDER_JOB_RESEND_SECONDS)
    settle = now - timedelta(seconds=5)  # a job being committed right now is sent by its own request
    unsent = NoticeRenderJob.objects.filter(state=RenderJobState.QUEUED, created_at__lt=settle).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=resend)
    )
    lost = NoticeRenderJob.objects.filter(stale(now))
    counts = {"sent": 0, "lost": 0, "not_sent": 0}
    for job in lost.values("pk", "worker", "lease_until")[:limit]:
        note_worker_lost(job["pk"], worker=job["worker"], lease_until=job["lease_until"])
        counts["lost"] += 1
        counts["sent" if render_job_send(job["pk"]) else "not_sent"] += 1
    for pk in unsent.order_by("created_at").values_list("pk", flat=True)[:limit]:
        sent = render_job_send(pk)
        if sent:
            event(pk, RenderJobEventKind.SENT)
        counts["sent" if sent else "not_sent"] += 1
    return counts


@shared_task(
    base=AfterCommitTask,
    bind=True,
    name="conclusions.tasks.render_notice_pdf",
    acks_late=True,
    ignore_result=True,
    max_retries=20,
    soft_time_limit=RENDER_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT + 30,
)
def render_notice_pdf(self, job_id: int) -> str:
    try:
        outcome = render_job_run(job_id, threaded=not self.request.is_eager)
    except SoftTimeLimitExceeded:
        message = _("Quá thời gian cho phép khi tạo tệp.")
        if NoticeRenderJob.objects.filter(pk=job_id, state=RenderJobState.RUNNING).update(
            state=RenderJobState.FAILED, message=message, finished_at=Now(), lease_until=None
        ):
            event(job_id, RenderJobEventKind.FAILED, detail=message)
        return "timeout"
    left = lease_left(job_id) if outcome == "skipped" and not self.request.is_eager else None
    if left is not None and self.request.retries < self.max_retries:
        # Another run holds the job: a message redelivered after its worker died comes back once the lease has
        # run out and takes the job over then (a healthy run keeps renewing it, and this one then does nothing).
        raise self.retry(countdown=int(left) + 1)
    return outcome


@shared_task(base=AfterCommitTask, name="conclusions.sweep_render_jobs", acks_late=True, ignore_result=True)
def sweep_render_jobs() -> dict:
    """Beat, every minute: render jobs never sent, and jobs whose worker is gone (render_jobs_sweep)."""
    return render_jobs_sweep()
