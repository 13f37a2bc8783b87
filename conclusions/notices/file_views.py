"""The notice's files: an issued notice's stored file byte for byte (its PDF: the official copy, signed when it
is), a draft rendered now, or in the background when its appendix is large (the page follows the job's progress
until the file is ready)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from conferences.throttle import RenderInProgress, busy_response, cached_render, over_limit

from ..models import NoticeRenderJob, RenderJobState, RenderPurpose
from ..permissions import can_retry_render_job, notice_for, render_job_for
from ..signing.copies import official_copy
from .documents.formats import CONTENT_TYPES, FORMATS
from .documents.render import file_name, render_notice
from .issuing import is_large
from .leases import is_abandoned
from .rendering import render_job_retry, render_job_start


def file_response(data_or_file, *, filename: str, fmt: str, sha256: str = "") -> HttpResponse:
    if isinstance(data_or_file, bytes):
        response = HttpResponse(data_or_file, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(data_or_file, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[fmt])
    if sha256:
        response["ETag"] = f'"{sha256}"'
    response["Cache-Control"] = "private, no-store" if not sha256 else "private, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def notice_download(request, pk, fmt):
    """Issued: the stored file, byte for byte. Draft: rendered now, or in the background when it is large."""
    notice = notice_for(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    stored, sha256 = getattr(notice, fmt), notice.pdf_sha256 if fmt == "pdf" else ""
    if fmt == "pdf" and not notice.is_draft and (official := official_copy(notice)) is not None:
        stored, sha256 = official.file, official.sha256  # the signed copy when there is one
    if not notice.is_draft and stored and stored.storage.exists(stored.name):
        return file_response(stored.open("rb"), filename=file_name(notice, fmt), fmt=fmt, sha256=sha256)
    refused = over_limit(request, "render")  # a draft is rendered now or queued: limited per user (issue 16)
    if refused:
        return refused
    if is_large(notice):
        job = render_job_start(notice=notice, actor=request.user, fmt=fmt)
        return redirect("conclusions:render_job", pk=notice.pk, job_pk=job.pk)
    try:
        data, filename = cached_render(
            ("notice", notice.pk, notice.lock_version, fmt), lambda: _render_now(notice, fmt)
        )
    except RenderInProgress:
        return busy_response(request)
    return file_response(data, filename=filename, fmt=fmt)


def _render_now(notice, fmt: str) -> tuple[bytes, str]:
    rendered = render_notice(notice, fmt)
    return rendered.data, rendered.filename


def _job(request, pk, job_pk) -> NoticeRenderJob:
    return render_job_for(notice_for(request.user, pk), job_pk)


@login_required
@require_safe
def render_job(request, pk, job_pk):
    job = _job(request, pk, job_pk)
    if job.state == RenderJobState.DONE and job.purpose == RenderPurpose.ISSUE:
        messages.success(request, _("Đã ban hành thông báo; kết quả đã được công bố."))
        return redirect("conclusions:notice_detail", pk=job.notice_id)
    abandoned = is_abandoned(job)
    return render(
        request,
        "conclusions/notice_render_job.html",
        {
            "job": job,
            "notice": job.notice,
            "events": job.events.all(),
            "abandoned": abandoned,
            "unsent": job.state == RenderJobState.QUEUED and job.enqueued_at is None,
            "can_retry": (job.is_failed or abandoned) and can_retry_render_job(request.user, job.notice),
        },
    )


@login_required
@require_http_methods(["POST"])
def render_job_retry_view(request, pk, job_pk):
    """Run a failed job, or one whose worker is gone, again."""
    job = render_job_for(notice_for(request.user, pk, may=can_retry_render_job), job_pk)
    if render_job_retry(job=job, actor=request.user):
        messages.success(request, _("Đã yêu cầu tạo tệp lại."))
    else:
        messages.info(request, _("Lượt tạo tệp này không cần chạy lại."))
    return redirect("conclusions:render_job", pk=job.notice_id, job_pk=job.pk)


@login_required
@require_safe
def render_job_status(request, pk, job_pk):
    job = _job(request, pk, job_pk)
    done_url = ""
    if job.state == RenderJobState.DONE:
        if job.purpose == RenderPurpose.ISSUE:
            done_url = reverse("conclusions:notice_detail", kwargs={"pk": job.notice_id})
        else:
            done_url = reverse("conclusions:render_job_file", kwargs={"pk": job.notice_id, "job_pk": job.pk})
    return JsonResponse(
        {
            "state": job.state,
            "state_label": job.get_state_display(),
            "progress": job.progress,
            "message": job.message,
            "done_url": done_url,
        },
        headers={"Cache-Control": "no-store"},
    )


@login_required
@require_safe
def render_job_file(request, pk, job_pk):
    job = _job(request, pk, job_pk)
    if job.state != RenderJobState.DONE or not job.file:
        raise Http404
    return file_response(job.file.open("rb"), filename=job.file.name.rsplit("/", 1)[-1], fmt=job.fmt)
