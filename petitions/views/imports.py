"""Importing an Excel list (upload, reading in the background with its progress, preview with corrections, confirm
or cancel), its template, and the Youth Union's hand-over of the compiled list.

Every view: the getter fetches and authorizes (404 outside the user's scope, 403 for the wrong role), one service
acts, the view redirects with the service's message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from conferences.errors import Refused
from conferences.models import ConferenceStatus
from conferences.once import acts_once
from conferences.permissions import conference_for

from .. import importing
from ..forms.intake import ImportUploadForm, IntakeSubmitForm
from ..getters import import_batch_for
from ..models import ImportBatch, ImportBatchStatus
from ..permissions import can_log_petitions, can_submit_intake, intake_sites_for, sites_visible_to
from ..services import intake as services


@login_required
@acts_once
def import_upload(request, slug):
    conference = conference_for(request.user, slug, may=can_log_petitions)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_start(conference=conference, upload=form.cleaned_data["file"], actor=request.user)
        except Refused as refused:
            form.add_error("file", str(refused))
        else:
            if not batch.is_failed:  # read already (eager mode, a fast worker) or being read: its page follows it
                return redirect("petitions:import_preview", pk=batch.pk)
            form.add_error("file", batch.message)
            services.import_discard(batch=batch)
    recent = ImportBatch.objects.filter(conference=conference, uploaded_by=request.user).order_by("-uploaded_at")[:5]
    return render(request, "petitions/import_upload.html", {"conference": conference, "form": form, "recent": recent})


@login_required
def import_template(request, slug):
    conference = conference_for(request.user, slug)
    sites = intake_sites_for(request.user, conference)
    if not sites.exists():
        sites = sites_visible_to(request.user, conference)
    content = importing.template_workbook(
        conference=conference,
        sites=list(sites.select_related("unit__parent")),
        groups=list(conference.issue_groups.order_by("position", "name")),
    )
    response = HttpResponse(content, content_type=importing.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-kien-nghi-{conference.slug}.xlsx"'
    return response


def _corrections(post) -> dict:
    fixes: dict[str, dict] = {}
    for key, value in post.items():
        kind, _sep, line = key.partition("-")
        if kind in ("site", "group") and line.isdigit() and value.isdigit():
            fixes.setdefault(line, {})[kind] = int(value)
    return fixes


def _confirm(request, batch: ImportBatch):
    result = services.import_confirm(
        batch=batch, actor=request.user, expected_good=int(request.POST.get("expected_good", "-1"))
    )
    if result.changed:
        messages.warning(
            request, _("Dữ liệu đã thay đổi kể từ lúc xem trước; chưa nhập gì. Hãy xem lại kết quả kiểm tra mới.")
        )
        return redirect("petitions:import_preview", pk=batch.pk)
    messages.success(
        request,
        _("Đã nhập %(n)s kiến nghị (số %(a)s–%(b)s).")
        % {"n": result.imported, "a": result.first_number, "b": result.first_number + result.imported - 1},
    )
    return redirect(reverse("petitions:list", args=[batch.conference.slug]))


def _act_on_preview(request, batch: ImportBatch):
    """Cancel, apply the choices and check again, or confirm; None for an unknown action (the page again)."""
    action = request.POST.get("action")
    if action == "cancel":
        services.import_cancel(batch=batch, actor=request.user)
        messages.info(request, _("Đã hủy lần nhập; không có kiến nghị nào được ghi."))
        return redirect("petitions:list", slug=batch.conference.slug)
    if action == "recheck":
        services.import_recheck(batch=batch, actor=request.user, corrections=_corrections(request.POST))
        messages.info(request, _("Đã áp dụng lựa chọn và kiểm tra lại các dòng."))
        return redirect("petitions:import_preview", pk=batch.pk)
    if action == "confirm":
        return _confirm(request, batch)
    return None


def _reading_page(request, batch: ImportBatch):
    """While the file is read: the progress page; a read that failed: the upload form again, with the reason."""
    if batch.is_failed:
        messages.error(request, batch.message)
        services.import_discard(batch=batch)
        return redirect("petitions:import_upload", slug=batch.conference.slug)
    services.import_resume_if_stalled(batch)
    return render(request, "petitions/import_reading.html", {"conference": batch.conference, "batch": batch})


@login_required
@require_safe
def import_status(request, pk):
    """The reading's progress for the page's script; when it is over, the page to go to."""
    batch = import_batch_for(request.user, pk)
    services.import_resume_if_stalled(batch)
    over = not batch.is_reading
    return JsonResponse(
        {
            "state": batch.status,
            "state_label": batch.get_status_display(),
            "progress": batch.progress,
            "message": "",
            "next_url": reverse("petitions:import_preview", args=[batch.pk]) if over else "",
        },
        headers={"Cache-Control": "no-store"},
    )


@login_required
def import_preview(request, pk):
    batch = import_batch_for(request.user, pk)
    conference = batch.conference
    if request.method == "GET" and (batch.is_reading or batch.is_failed):
        return _reading_page(request, batch)
    if request.method == "POST":
        try:
            response = _act_on_preview(request, batch)
        except Refused as refused:
            messages.error(request, str(refused))
            return redirect("petitions:import_preview", pk=batch.pk)
        if response is not None:
            return response
    report = batch.report
    rows = report.get("rows", [])
    return render(
        request,
        "petitions/import_preview.html",
        {
            "conference": conference,
            "batch": batch,
            "rows": rows,
            "counts": report.get("counts", {}),
            "columns": report.get("columns", []),
            "ignored_headers": report.get("ignored_headers", []),
            "needs_choice": any(
                not r["section"] and (not r["site_name"] or (r["group_text"] and not r["group_name"])) for r in rows
            ),
            "sites": list(intake_sites_for(request.user, conference)),
            "groups": list(conference.issue_groups.order_by("position", "name")),
            "is_open": batch.status == ImportBatchStatus.PREVIEW,
            "accepting": conference.status in (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING),
        },
    )


@login_required
@require_POST
def intake_submit(request, slug):
    """A Youth Union hands its compiled list on; a late hand-over is accepted and shown late."""
    conference = conference_for(request.user, slug, may=can_submit_intake)
    form = IntakeSubmitForm(request.POST)
    form.is_valid()
    try:
        submission = services.intake_submit(
            conference=conference, actor=request.user, note=form.cleaned_data.get("note", "")
        )
    except Refused as refused:
        messages.error(request, str(refused))
        return redirect(conference)
    text = _("Đã gửi tổng hợp %(n)s kiến nghị lúc %(t)s.") % {
        "n": submission.petition_count,
        "t": date_format(timezone.localtime(submission.submitted_at), "SHORT_DATETIME_FORMAT"),
    }
    if services.handed_over_late(submission):
        deadline = services.intake_deadline_for(conference, submission.agency)
        messages.warning(request, text + " " + _("Quá hạn %(d)s.") % {"d": deadline.strftime("%d/%m/%Y")})
    else:
        messages.success(request, text)
    return redirect(conference)


urls: list = [
    path("hoi-nghi/<slug:slug>/gui-tong-hop/", intake_submit, name="intake_submit"),
    path("hoi-nghi/<slug:slug>/nhap-excel/", import_upload, name="import_upload"),
    path("hoi-nghi/<slug:slug>/nhap-excel/mau.xlsx", import_template, name="import_template"),
    path("nhap-excel/<int:pk>/", import_preview, name="import_preview"),
    path("nhap-excel/<int:pk>/trang-thai/", import_status, name="import_status"),
]
