"""Notices rendered in the background (large appendices): the job row, the service that runs it, and the task.

`render_job_start` records a NoticeRenderJob and queues `render_notice_pdf` after the commit (AfterCommitTask: a
rolled-back request queues nothing, a broker that is down leaves the job queued). The task is a thin adapter on the
"documents" queue (settings.CELERY_TASK_ROUTES, so a long render never delays reminders or email): it takes the job
id, and `render_job_run` claims the row with a conditional update, so a redelivered message does nothing. Limits:
the task has a soft and a hard time limit; the layout runs in worker processes that each get an address-space limit
(DOCUMENT_RENDER_MEMORY_MB) and a timeout (DOCUMENT_RENDER_TIMEOUT), see conclusions.notices.documents.parallel.
"""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.background import AfterCommitTask

from ..errors import NoticeError
from ..models import ConclusionNotice, NoticeRenderJob, RenderJobState, RenderPurpose
from .documents.render import render_notice
from .editing import lock_notice
from .issuing import notice_issue, refuse_unless_issuable

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
        render_notice_pdf.delay(job.pk)
    return job


def _run(job: NoticeRenderJob, progress) -> tuple[str, bytes | None, str]:
    """Issue the notice, or render the preview; (file name, bytes, sha256) of a preview's file."""
    if job.purpose == RenderPurpose.ISSUE:
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


def render_job_run(job_id: int) -> str:
    """Run a queued job once (claimed by a conditional update, so a redelivered task does nothing)."""
    claimed = NoticeRenderJob.objects.filter(pk=job_id, state=RenderJobState.QUEUED).update(
        state=RenderJobState.RUNNING, started_at=timezone.now(), progress=1
    )
    if not claimed:
        return "skipped"
    job = NoticeRenderJob.objects.select_related("notice__conference", "requested_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        NoticeRenderJob.objects.filter(pk=job_id).update(progress=max(1, min(99, int(100 * done / max(total, 1)))))

    try:
        filename, data, sha = _run(job, progress)
    except Exception as exc:  # the job row records the failure; the task logs the traceback
        message = str(exc) if isinstance(exc, NoticeError) else _("Lỗi khi tạo tệp: %(error)s") % {"error": exc}
        NoticeRenderJob.objects.filter(pk=job_id).update(
            state=RenderJobState.FAILED, message=message[:2000], finished_at=timezone.now()
        )
        if isinstance(exc, NoticeError):
            return "failed"
        raise
    if data is not None:
        job.file.save(filename, ContentFile(data), save=False)
    NoticeRenderJob.objects.filter(pk=job_id).update(
        state=RenderJobState.DONE,
        progress=100,
        file=job.file.name if data is not None else "",
        sha256=sha,
        finished_at=timezone.now(),
    )
    return "done"


@shared_task(
    base=AfterCommitTask,
    name="conclusions.tasks.render_notice_pdf",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=RENDER_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT + 30,
)
def render_notice_pdf(job_id: int) -> str:
    try:
        return render_job_run(job_id)
    except SoftTimeLimitExceeded:
        NoticeRenderJob.objects.filter(pk=job_id).update(
            state=RenderJobState.FAILED,
            message="Quá thời gian cho phép khi tạo tệp.",
            finished_at=timezone.now(),
        )
        return "timeout"
