"""Document rendering tasks (notice PDF on its own queue).

The task is a thin adapter: it takes the id of a NoticeRenderJob row, and the row is claimed with a conditional
update (services.notices.render_job_run), so a redelivered message does nothing. It runs on the "documents" queue
(settings.CELERY_TASK_ROUTES) so a long render never delays reminders or email. Limits: the whole task has a soft
and a hard time limit; the layout itself runs in worker processes that each get an address-space limit
(DOCUMENT_RENDER_MEMORY_MB) and the render a timeout (DOCUMENT_RENDER_TIMEOUT), see conclusions.documents.parallel.
"""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

RENDER_TIME_LIMIT = settings.DOCUMENT_RENDER_TIMEOUT + 60


@shared_task(
    name="conclusions.tasks.render_notice_pdf",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=RENDER_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT + 30,
)
def render_notice_pdf(job_id: int) -> str:
    from ..models import NoticeRenderJob, RenderJobState
    from ..services.notices import render_job_run

    try:
        return render_job_run(job_id)
    except SoftTimeLimitExceeded:
        NoticeRenderJob.objects.filter(pk=job_id).update(
            state=RenderJobState.FAILED,
            message="Quá thời gian cho phép khi tạo tệp.",
            finished_at=timezone.now(),
        )
        return "timeout"
