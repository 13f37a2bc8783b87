"""The conclusion notice's pages: the list, the conference's notice (Home Affairs starts the draft there), the
notice page, issuing and correcting.

Each view: fetch and authorize with one getter (conclusions.permissions; 404 outside the user's scope, 403 for a
visible notice the role may not change), call one service, render or redirect.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from conferences.errors import Refused
from conferences.permissions import conference_for

from ..models import ConclusionNotice, Directive, RenderJobState, RenderPurpose
from ..permissions import (
    can_correct_notice,
    can_draft_notice,
    can_edit_notice,
    can_issue_notice,
    can_upload_signed_notice,
    notice_for,
    notices_visible_to,
)
from ..signing.copies import signature_panel
from ..signing.forms import SignedUploadForm
from .documents.content import notice_content
from .documents.formats import FORMATS
from .documents.text import roman
from .drafting import notice_draft_from_conference
from .editing_views import show_refusal
from .forms import IssueForm, VersionedForm
from .issuing import (
    appendix_row_count,
    due_of,
    is_large,
    issue_problems,
    issue_warnings,
    notice_issue,
    unlisted_petitions,
)
from .leases import last_troubled_job
from .numbering import next_number
from .rendering import render_job_start
from .revising import notice_new_revision

PREVIEW_ROWS = 60
LIST_PAGE_SIZE = 30
UNLISTED_SHOWN = 50


@login_required
@require_safe
def notice_list(request):
    page = Paginator(notices_visible_to(request.user).for_list(), LIST_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "conclusions/notice_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def conference_notice(request, slug):
    """The conference's current notice; Home Affairs starts the draft here."""
    if request.method == "POST":
        conference = conference_for(request.user, slug, may=can_draft_notice)
        try:
            notice = notice_draft_from_conference(conference=conference, actor=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("conclusions:conference_notice", slug=slug)
        return redirect("conclusions:notice_detail", pk=notice.pk)
    conference = conference_for(request.user, slug)
    current = notices_visible_to(request.user).filter(conference=conference).order_by("-revision").first()
    if current is not None:
        return redirect("conclusions:notice_detail", pk=current.pk)
    return render(
        request,
        "conclusions/notice_start.html",
        {"conference": conference, "can_draft": can_draft_notice(request.user, conference)},
    )


def _sections(notice: ConclusionNotice, content):
    """The sections and tasks to edit, each with its text as the documents print it (same footnote numbers)."""
    tasks = Directive.objects.select_related("agency").order_by("position", "id")
    sections = list(notice.sections.order_by("position", "id").prefetch_related(Prefetch("directives", queryset=tasks)))
    for section, shown in zip(sections, content.sections, strict=False):
        section.blocks = shown.body
        for directive in section.directives.all():
            directive.blocks = shown.tasks.get(directive.pk, [])
    return sections


def _appendix_specs(notice: ConclusionNotice):
    specs = list(notice.appendices.order_by("position").prefetch_related("issue_groups"))
    for spec in specs:
        spec.roman = roman(spec.position)
        spec.group_names = [g.name for g in spec.issue_groups.all()]
    return specs


@login_required
@require_safe
def notice_detail(request, pk):
    """The notice as it will print, its sections and tasks to edit, and the first rows of its appendix: the cost
    is the page's, not the appendix's (the files carry the whole appendix)."""
    notice = notice_for(request.user, pk)
    content = notice_content(notice, appendix_limit=PREVIEW_ROWS)
    revisions = (
        notices_visible_to(request.user)
        .filter(conference=notice.conference)
        .only("pk", "revision", "number", "symbol", "issue_date", "state", "pdf", "conference_id")
        .order_by("-revision")
    )
    appendix_rows = content.appendix.row_count if content.appendix else 0
    return render(
        request,
        "conclusions/notice_detail.html",
        {
            "notice": notice,
            "c": content,
            "sections": _sections(notice, content),
            "appendix_specs": _appendix_specs(notice),
            "warnings": issue_warnings(notice) if notice.is_draft else [],
            "conclusion_due": due_of(notice),
            "revisions": revisions,
            "appendix_rows": appendix_rows,
            "preview_rows": PREVIEW_ROWS,
            "is_large": appendix_rows > settings.NOTICE_LARGE_APPENDIX_ROWS,
            "unlisted": unlisted_petitions(notice.conference)[:UNLISTED_SHOWN] if notice.is_draft else [],
            "problems": issue_problems(notice, unlisted=content.unlisted) if notice.is_draft else [],
            "editable": can_edit_notice(request.user, notice),
            "can_issue": can_issue_notice(request.user, notice),
            "can_correct": can_correct_notice(request.user, notice)
            and not ConclusionNotice.objects.filter(supersedes=notice).exists(),
            "version_form": VersionedForm(initial={"lock_version": notice.lock_version}),
            "jobs": notice.render_jobs.filter(state__in=[RenderJobState.QUEUED, RenderJobState.RUNNING])[:3],
            "troubled_job": last_troubled_job(notice),
            "formats": FORMATS,
            "signature": signature_panel(notice, can_upload=can_upload_signed_notice(request.user, notice)),
            "signed_upload_form": SignedUploadForm(),
        },
    )


def _issue(request, notice: ConclusionNotice, form: IssueForm, *, large: bool):
    """Issue now, or queue the issue when the appendix is large; the response to send."""
    data = form.cleaned_data
    if large:
        job = render_job_start(
            notice=notice,
            actor=request.user,
            purpose=RenderPurpose.ISSUE,
            issue_date=data["issue_date"],
            register_number=form.clerk_number,
            expected_version=data["lock_version"],
        )
        return redirect("conclusions:render_job", pk=notice.pk, job_pk=job.pk)
    issued = notice_issue(
        notice=notice,
        actor=request.user,
        issue_date=data["issue_date"],
        register_number=form.clerk_number,
        expected_version=data["lock_version"],
    )
    messages.success(
        request, _("Đã ban hành Thông báo số %(number)s; kết quả đã được công bố.") % {"number": issued.number_label}
    )
    return redirect("conclusions:notice_detail", pk=issued.pk)


@login_required
@require_http_methods(["GET", "POST"])
def notice_issue_page(request, pk):
    notice = notice_for(request.user, pk, may=can_issue_notice)
    form = IssueForm(request.POST or None, initial={"lock_version": notice.lock_version})
    large = is_large(notice)
    if request.method == "POST" and form.is_valid():
        try:
            return _issue(request, notice, form, large=large)
        except Refused as exc:
            show_refusal(request, form, exc)
    day = getattr(form, "cleaned_data", {}).get("issue_date") or timezone.localdate()
    return render(
        request,
        "conclusions/notice_issue.html",
        {
            "notice": notice,
            "form": form,
            "problems": issue_problems(notice),
            "warnings": issue_warnings(notice, day),
            "conclusion_due": due_of(notice),
            "next_number": next_number(agency=notice.issuing_agency, symbol=notice.symbol, year=day.year),
            "number_year": day.year,
            "unlisted": unlisted_petitions(notice.conference),
            "appendix_rows": appendix_row_count(notice.conference),
            "large": large,
        },
    )


@login_required
@require_POST
def notice_revise(request, pk):
    notice = notice_for(request.user, pk, may=can_correct_notice)
    try:
        revision = notice_new_revision(notice=notice, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("conclusions:notice_detail", pk=notice.pk)
    messages.success(request, _("Đã tạo bản sửa đổi; bản đã ban hành vẫn giữ nguyên cho đến khi bản mới ban hành."))
    return redirect("conclusions:notice_detail", pk=revision.pk)
