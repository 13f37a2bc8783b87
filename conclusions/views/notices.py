"""The conclusion notice journey: draft it from the conference, edit it, download PDF/DOCX/XLSX, issue it, correct it.

Each view: authorize and fetch (conclusions.permissions; 404 outside the user's scope, 403 for a visible notice the
role may not change), call one service, render or redirect.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from conferences.models import Agency, Conference
from conferences.permissions import conferences_visible_to

from ..documents import CONTENT_TYPES, FORMATS, render_notice
from ..documents.content import notice_content
from ..forms import DirectiveForm, IssueForm, NoticeForm, SectionForm, VersionedForm
from ..models import ConclusionNotice, Directive, NoticeRenderJob, NoticeSection, RenderJobState, RenderPurpose
from ..permissions import (
    can_correct_notice,
    can_draft_notice,
    can_edit_notice,
    can_issue_notice,
    can_view_notice,
    notices_visible_to,
)
from ..services import notices as service

PREVIEW_ROWS = 60
LIST_PAGE_SIZE = 30


def _notice(request, pk: int, *, edit: bool = False) -> ConclusionNotice:
    notice = get_object_or_404(
        ConclusionNotice.objects.select_related("conference__organising_unit", "issuing_agency"), pk=pk
    )
    if not can_view_notice(request.user, notice):
        raise Http404
    if edit and not can_edit_notice(request.user, notice):
        raise PermissionDenied
    return notice


def _agencies_for(notice: ConclusionNotice):
    root = notice.conference.organising_unit.path.strip("/").split("/")[0]
    return Agency.objects.filter(unit__path__startswith=f"/{root}/").select_related("unit").order_by("name")


# -- lists and pages ----------------------------------------------------------------------------------------------
@login_required
@require_safe
def notice_list(request):
    notices = (
        notices_visible_to(request.user)
        .select_related("conference__organising_unit", "issuing_agency")
        .order_by("-conference__year", "conference__title", "-revision")
    )
    page = Paginator(notices, LIST_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "conclusions/notice_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def conference_notice(request, slug):
    """The conference's current notice; Home Affairs starts the draft here."""
    conference = get_object_or_404(Conference.objects.select_related("organising_unit", "organiser"), slug=slug)
    if not conferences_visible_to(request.user).filter(pk=conference.pk).exists():
        raise Http404
    current = notices_visible_to(request.user).filter(conference=conference).order_by("-revision").first()
    if request.method == "POST":
        if not can_draft_notice(request.user, conference):
            raise PermissionDenied
        try:
            notice = service.notice_draft_from_conference(conference=conference, actor=request.user)
        except service.NoticeError as exc:
            messages.error(request, str(exc))
            return redirect("conclusions:conference_notice", slug=slug)
        return redirect("conclusions:notice_detail", pk=notice.pk)
    if current is not None:
        return redirect("conclusions:notice_detail", pk=current.pk)
    return render(
        request,
        "conclusions/notice_start.html",
        {"conference": conference, "can_draft": can_draft_notice(request.user, conference)},
    )


@login_required
@require_safe
def notice_detail(request, pk):
    notice = _notice(request, pk)
    content = notice_content(notice)
    revisions = (
        notices_visible_to(request.user)
        .filter(conference=notice.conference)
        .only("pk", "revision", "number", "symbol", "issue_date", "state", "pdf", "conference_id")
        .order_by("-revision")
    )
    appendix_rows = content.appendix.row_count if content.appendix else 0
    editable = can_edit_notice(request.user, notice)
    return render(
        request,
        "conclusions/notice_detail.html",
        {
            "notice": notice,
            "c": content,
            "sections": notice.sections.order_by("position", "id").prefetch_related(
                Prefetch("directives", queryset=Directive.objects.select_related("agency").order_by("position", "id"))
            ),
            "revisions": revisions,
            "appendix_rows": appendix_rows,
            "preview_rows": PREVIEW_ROWS,
            "is_large": appendix_rows > settings.NOTICE_LARGE_APPENDIX_ROWS,
            "unlisted": service.unlisted_petitions(notice.conference)[:50] if notice.is_draft else [],
            "problems": service.issue_problems(notice) if notice.is_draft else [],
            "editable": editable,
            "can_issue": can_issue_notice(request.user, notice),
            "can_correct": can_correct_notice(request.user, notice)
            and not ConclusionNotice.objects.filter(supersedes=notice).exists(),
            "version_form": VersionedForm(initial={"lock_version": notice.lock_version}),
            "jobs": notice.render_jobs.filter(state__in=[RenderJobState.QUEUED, RenderJobState.RUNNING])[:3],
            "formats": FORMATS,
        },
    )


# -- editing ------------------------------------------------------------------------------------------------------
def _conflict_or_error(request, form, exc):
    form.add_error(None, str(exc))
    if isinstance(exc, service.ConcurrentEdit):
        messages.warning(request, _("Có thay đổi mới của người khác. Nội dung bạn nhập chưa được lưu."))


@login_required
@require_http_methods(["GET", "POST"])
def notice_edit(request, pk):
    notice = _notice(request, pk, edit=True)
    form = NoticeForm(request.POST or None, instance=ConclusionNotice.objects.get(pk=notice.pk))
    if request.method == "POST" and form.is_valid():
        try:
            service.notice_update(
                notice=notice,
                changes=form.changes(),
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except service.NoticeError as exc:
            _conflict_or_error(request, form, exc)
        else:
            messages.success(request, _("Đã lưu thông báo."))
            return redirect("conclusions:notice_detail", pk=notice.pk)
    return render(request, "conclusions/notice_edit.html", {"notice": notice, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk, section_pk=None):
    notice = _notice(request, pk, edit=True)
    section = get_object_or_404(NoticeSection, pk=section_pk, notice=notice) if section_pk else None
    initial = {"lock_version": notice.lock_version}
    if section:
        initial.update(heading=section.heading, body=section.body)
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.notice_section_save(
                notice=notice,
                section=section,
                heading=form.cleaned_data["heading"],
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except service.NoticeError as exc:
            _conflict_or_error(request, form, exc)
        else:
            messages.success(request, _("Đã lưu phần của thông báo."))
            return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#noi-dung")
    return render(request, "conclusions/notice_section_form.html", {"notice": notice, "section": section, "form": form})


@login_required
@require_POST
def section_delete(request, pk, section_pk):
    notice = _notice(request, pk, edit=True)
    section = get_object_or_404(NoticeSection, pk=section_pk, notice=notice)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thiếu phiên bản của thông báo; hãy tải lại trang."))
    else:
        try:
            service.notice_section_delete(
                section=section, expected_version=form.cleaned_data["lock_version"], actor=request.user
            )
            messages.success(request, _("Đã xóa phần “%(heading)s”.") % {"heading": section.heading})
        except service.NoticeError as exc:
            messages.error(request, str(exc))
    return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#noi-dung")


@login_required
@require_POST
def section_move(request, pk, section_pk, direction):
    notice = _notice(request, pk, edit=True)
    section = get_object_or_404(NoticeSection, pk=section_pk, notice=notice)
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            service.notice_section_move(
                section=section,
                offset=-1 if direction == "len" else 1,
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except service.NoticeError as exc:
            messages.error(request, str(exc))
    return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#noi-dung")


@login_required
@require_http_methods(["GET", "POST"])
def directive_edit(request, pk, section_pk=None, directive_pk=None):
    notice = _notice(request, pk, edit=True)
    directive = (
        get_object_or_404(Directive.objects.select_related("section"), pk=directive_pk, notice=notice)
        if directive_pk
        else None
    )
    section = directive.section if directive else get_object_or_404(NoticeSection, pk=section_pk, notice=notice)
    if section is None:
        raise Http404
    initial = {"lock_version": notice.lock_version, "deadline_kind": "none"}
    if directive:
        initial.update(
            agency=directive.agency_id,
            heading=directive.heading,
            text=directive.text,
            deadline_kind=directive.deadline_kind,
            deadline_days=directive.deadline_days,
            deadline_date=directive.deadline_date,
        )
    form = DirectiveForm(request.POST or None, initial=initial, agencies=_agencies_for(notice))
    if request.method == "POST" and form.is_valid():
        try:
            service.directive_save(
                notice=notice,
                section=section,
                directive=directive,
                data=form.data_for_service(),
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except service.NoticeError as exc:
            _conflict_or_error(request, form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#noi-dung")
    return render(
        request,
        "conclusions/notice_directive_form.html",
        {"notice": notice, "section": section, "directive": directive, "form": form},
    )


@login_required
@require_POST
def directive_delete(request, pk, directive_pk):
    notice = _notice(request, pk, edit=True)
    directive = get_object_or_404(Directive, pk=directive_pk, notice=notice)
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            service.directive_delete(
                directive=directive, expected_version=form.cleaned_data["lock_version"], actor=request.user
            )
            messages.success(request, _("Đã xóa nhiệm vụ."))
        except service.NoticeError as exc:
            messages.error(request, str(exc))
    return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#noi-dung")


# -- issuing and correcting ---------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def notice_issue(request, pk):
    notice = _notice(request, pk)
    if not can_issue_notice(request.user, notice):
        raise PermissionDenied
    form = IssueForm(request.POST or None, initial={"lock_version": notice.lock_version})
    large = service.is_large(notice)
    if request.method == "POST" and form.is_valid():
        try:
            if large:
                job = service.render_job_start(
                    notice=notice,
                    actor=request.user,
                    purpose=RenderPurpose.ISSUE,
                    issue_date=form.cleaned_data["issue_date"],
                    expected_version=form.cleaned_data["lock_version"],
                )
                return redirect("conclusions:render_job", pk=notice.pk, job_pk=job.pk)
            issued = service.notice_issue(
                notice=notice,
                actor=request.user,
                issue_date=form.cleaned_data["issue_date"],
                expected_version=form.cleaned_data["lock_version"],
            )
        except service.NoticeError as exc:
            _conflict_or_error(request, form, exc)
        else:
            messages.success(
                request,
                _("Đã ban hành Thông báo số %(number)s; kết quả đã được công bố.") % {"number": issued.number_label},
            )
            return redirect("conclusions:notice_detail", pk=issued.pk)
    return render(
        request,
        "conclusions/notice_issue.html",
        {
            "notice": notice,
            "form": form,
            "problems": service.issue_problems(notice),
            "unlisted": service.unlisted_petitions(notice.conference),
            "appendix_rows": service.appendix_row_count(notice.conference),
            "large": large,
        },
    )


@login_required
@require_POST
def notice_revise(request, pk):
    notice = _notice(request, pk)
    if not can_correct_notice(request.user, notice):
        raise PermissionDenied
    try:
        revision = service.notice_new_revision(notice=notice, actor=request.user)
    except service.NoticeError as exc:
        messages.error(request, str(exc))
        return redirect("conclusions:notice_detail", pk=notice.pk)
    messages.success(request, _("Đã tạo bản sửa đổi; bản đã ban hành vẫn giữ nguyên cho đến khi bản mới ban hành."))
    return redirect("conclusions:notice_detail", pk=revision.pk)


# -- files --------------------------------------------------------------------------------------------------------
def _file_response(data_or_file, *, filename: str, fmt: str, sha256: str = "") -> HttpResponse:
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
    notice = _notice(request, pk)
    if fmt not in FORMATS:
        raise Http404
    stored = getattr(notice, fmt)
    if not notice.is_draft and stored and stored.storage.exists(stored.name):
        from ..documents import file_name

        return _file_response(
            stored.open("rb"),
            filename=file_name(notice, fmt),
            fmt=fmt,
            sha256=notice.pdf_sha256 if fmt == "pdf" else "",
        )
    if service.is_large(notice):
        job = service.render_job_start(notice=notice, actor=request.user, fmt=fmt)
        return redirect("conclusions:render_job", pk=notice.pk, job_pk=job.pk)
    rendered = render_notice(notice, fmt)
    return _file_response(rendered.data, filename=rendered.filename, fmt=fmt)


def _job(request, pk, job_pk) -> NoticeRenderJob:
    notice = _notice(request, pk)
    return get_object_or_404(NoticeRenderJob.objects.select_related("notice"), pk=job_pk, notice=notice)


@login_required
@require_safe
def render_job(request, pk, job_pk):
    job = _job(request, pk, job_pk)
    if job.state == RenderJobState.DONE and job.purpose == RenderPurpose.ISSUE:
        messages.success(request, _("Đã ban hành thông báo; kết quả đã được công bố."))
        return redirect("conclusions:notice_detail", pk=job.notice_id)
    return render(request, "conclusions/notice_render_job.html", {"job": job, "notice": job.notice})


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
    return _file_response(job.file.open("rb"), filename=job.file.name.rsplit("/", 1)[-1], fmt=job.fmt)


urls = [
    path("thong-bao/", notice_list, name="notice_list"),
    path("hoi-nghi/<slug:slug>/thong-bao/", conference_notice, name="conference_notice"),
    path("thong-bao/<int:pk>/", notice_detail, name="notice_detail"),
    path("thong-bao/<int:pk>/sua/", notice_edit, name="notice_edit"),
    path("thong-bao/<int:pk>/phan/them/", section_edit, name="section_add"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/sua/", section_edit, name="section_edit"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/xoa/", section_delete, name="section_delete"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/len/", section_move, {"direction": "len"}, name="section_up"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/xuong/", section_move, {"direction": "xuong"}, name="section_down"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/nhiem-vu/them/", directive_edit, name="directive_add"),
    path("thong-bao/<int:pk>/nhiem-vu/<int:directive_pk>/sua/", directive_edit, name="directive_edit"),
    path("thong-bao/<int:pk>/nhiem-vu/<int:directive_pk>/xoa/", directive_delete, name="directive_delete"),
    path("thong-bao/<int:pk>/ban-hanh/", notice_issue, name="notice_issue"),
    path("thong-bao/<int:pk>/sua-doi/", notice_revise, name="notice_revise"),
    path("thong-bao/<int:pk>/tai/<str:fmt>/", notice_download, name="notice_download"),
    path("thong-bao/<int:pk>/tao-tep/<int:job_pk>/", render_job, name="render_job"),
    path("thong-bao/<int:pk>/tao-tep/<int:job_pk>/trang-thai/", render_job_status, name="render_job_status"),
    path("thong-bao/<int:pk>/tao-tep/<int:job_pk>/tai/", render_job_file, name="render_job_file"),
]
