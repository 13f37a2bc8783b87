"""Follow-up of the conclusion: conclusion tasks and their progress, the monitoring page.

Each view: authorize and fetch (conclusions.permissions; 404 outside the user's scope, 403 for a visible object the
role may not change), call one service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.errors import Refused
from conferences.models import Agency
from conferences.once import acts_once
from conferences.permissions import conference_for, conferences_visible_to
from conferences.throttle import throttled
from petitions.models import Assignment

from ..models import Directive, DirectiveStatus
from ..permissions import (
    can_report_progress,
    can_review_directive,
    can_view_monitoring,
    directive_for,
    directives_visible_to,
    progress_report_for,
)
from . import monitoring, monitoring_xlsx
from .forms import MonitoringFilterForm, OwnerForm, ProgressReportForm, ReviewForm
from .services import (
    directive_accept_completion,
    directive_report_progress,
    directive_request_more,
    directive_set_owner,
)

DIRECTIVES_PER_PAGE = 50
MONITORING_PER_PAGE = 50


# Conclusion tasks ----------------------------------------------------------------------------------------------------


@login_required
def directive_list(request):
    qs = directives_visible_to(request.user)
    show = request.GET.get("hien-thi", "dang-mo")
    if show == "dang-mo":
        qs = qs.open()
    conference = None
    if request.GET.get("hoi-nghi"):
        conference = conference_for(request.user, request.GET["hoi-nghi"])
        qs = qs.filter(notice__conference=conference)
    page = Paginator(qs.for_followup_list(), DIRECTIVES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "conclusions/followup_directive_list.html",
        {"page": page, "show": show, "conference": conference, "today": timezone.localdate()},
    )


def _owner_agencies(directive: Directive):
    """Agencies working in the organising unit or below it, valid today."""
    unit = directive.notice.conference.organising_unit
    return Agency.objects.filter(unit__path__startswith=unit.path).active_on(timezone.localdate()).order_by("name")


def _render_directive(request, directive, *, report_form=None, owner_form=None, review_form=None, status=200):
    reports = list(directive.progress_reports.select_related("author").order_by("-created_at", "-id"))
    can_review = can_review_directive(request.user, directive)
    latest = reports[0] if reports else None
    context = {
        "directive": directive,
        "conference": directive.notice.conference,
        "reports": reports,
        "today": timezone.localdate(),
        "can_report": can_report_progress(request.user, directive),
        "can_review": can_review,
        "report_form": report_form or ProgressReportForm(initial={"percent": directive.progress_percent}),
    }
    if can_review and not directive.is_finished:
        owner = directive.agency
        retired = owner is not None and owner.valid_to is not None and owner.valid_to < context["today"]
        context["owner_retired"] = retired
        context["owner_form"] = owner_form or OwnerForm(
            agencies=_owner_agencies(directive),
            initial={
                # A merged agency's tasks go to its successor (2025 reform): offer it.
                "agency": owner.successor_id if retired and owner.successor_id else directive.agency_id,
                "expected_agency": directive.agency_id,
            },
        )
    if can_review and directive.status == DirectiveStatus.REPORTED_DONE and latest:
        context["review_form"] = review_form or ReviewForm(initial={"report_id": latest.pk})
    return render(request, "conclusions/followup_directive_detail.html", context, status=status)


@login_required
def directive_detail(request, pk):
    return _render_directive(request, directive_for(request.user, pk))


@login_required
@require_POST
@acts_once
def directive_report(request, pk):
    directive = directive_for(request.user, pk, may=can_report_progress)
    form = ProgressReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_directive(request, directive, report_form=form, status=400)
    try:
        directive_report_progress(
            directive=directive,
            text=form.cleaned_data["text"],
            percent=form.cleaned_data["percent"],
            reports_completion=form.cleaned_data["reports_completion"],
            attachment=form.cleaned_data["attachment"],
            actor=request.user,
        )
    except Refused as error:
        form.add_error(None, str(error))
        return _render_directive(request, directive, report_form=form, status=409)
    messages.success(request, _("Đã gửi báo cáo tiến độ."))
    return redirect("conclusions:directive_detail", pk=directive.pk)


@login_required
@require_POST
def directive_owner(request, pk):
    directive = directive_for(request.user, pk, may=can_review_directive)
    form = OwnerForm(request.POST, agencies=_owner_agencies(directive))
    if not form.is_valid():
        return _render_directive(request, directive, owner_form=form, status=400)
    try:
        directive_set_owner(
            directive=directive,
            agency=form.cleaned_data["agency"],
            expected_agency_id=form.cleaned_data["expected_agency"],
            actor=request.user,
        )
    except Refused as error:
        form.add_error(None, str(error))
        return _render_directive(request, directive_for(request.user, pk), owner_form=form, status=409)
    messages.success(request, _("Đã giao cơ quan chủ trì nhiệm vụ."))
    return redirect("conclusions:directive_detail", pk=directive.pk)


@login_required
@require_POST
def directive_review(request, pk):
    directive = directive_for(request.user, pk, may=can_review_directive)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_directive(request, directive, review_form=form, status=400)
    data = form.cleaned_data
    service = directive_accept_completion if data["decision"] == ReviewForm.ACCEPT else directive_request_more
    try:
        service(directive=directive, report_id=data["report_id"], comment=data["comment"], actor=request.user)
    except Refused as error:
        messages.error(request, str(error))
        return redirect("conclusions:directive_detail", pk=directive.pk)
    if data["decision"] == ReviewForm.ACCEPT:
        messages.success(request, _("Đã xác nhận hoàn thành nhiệm vụ."))
    else:
        messages.success(request, _("Đã đề nghị cơ quan bổ sung."))
    return redirect("conclusions:directive_detail", pk=directive.pk)


@login_required
def progress_attachment(request, pk):
    """Served as the type read from its bytes when it was uploaded, always as a download; a file stored before the
    check (no type recorded) is served as bytes, never as a page or an image the browser would run."""
    report = progress_report_for(request.user, pk)
    stored = report.attachment.name.rsplit("/", 1)[-1]
    if report.attachment_type:
        extension = stored.rsplit(".", 1)[-1]
        stem = (report.attachment_name.rsplit(".", 1)[0] or "bao-cao")[:200]
        filename, content_type = f"{stem}.{extension}", report.attachment_type
    else:
        filename, content_type = stored, "application/octet-stream"
    response = FileResponse(
        report.attachment.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def carried_over(request, slug):
    conference = conference_for(request.user, slug)
    directives = directives_visible_to(request.user).carried_over_to(conference).for_followup_list()
    return render(
        request,
        "conclusions/followup_carried_over.html",
        {"conference": conference, "directives": directives, "today": timezone.localdate()},
    )


# Monitoring ----------------------------------------------------------------------------------------------------------


def _monitoring_form(request):
    if not can_view_monitoring(request.user):
        raise PermissionDenied
    conferences = conferences_visible_to(request.user).order_by("-year", "title")
    tasks = directives_visible_to(request.user).values("agency_id")
    forwarded = Assignment.objects.filter(petition__conference__in=conferences).values("lead_agency_id")
    agencies = Agency.objects.filter(Q(pk__in=tasks) | Q(pk__in=forwarded)).order_by("name")
    return MonitoringFilterForm(request.GET or None, conferences=conferences, agencies=agencies)


@login_required
def monitoring_page(request):
    form = _monitoring_form(request)
    filters = form.filters() if form.is_bound else monitoring.Filters()
    today = timezone.localdate()
    tab = "kien-nghi" if request.GET.get("tab") == "kien-nghi" else "nhiem-vu"
    if tab == "nhiem-vu":
        items = monitoring.open_tasks(request.user, filters, day=today)
    else:
        items = monitoring.open_petitions(request.user, filters, day=today)
    page = Paginator(items, MONITORING_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    query.pop("tab", None)
    return render(
        request,
        "conclusions/monitoring.html",
        {
            "form": form,
            "summary": monitoring.summary(request.user, filters, day=today),
            "page": page,
            "tab": tab,
            "today": today,
            "query": query.urlencode(),
            "page_query": f"tab={tab}&{query.urlencode()}".rstrip("&"),
        },
    )


@login_required
@throttled("export")
def monitoring_xlsx_download(request):
    form = _monitoring_form(request)
    filters = form.filters() if form.is_bound else monitoring.Filters()
    today = timezone.localdate()
    content = monitoring_xlsx.workbook(request.user, filters, day=today)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="theo-doi-don-doc-{today:%Y%m%d}.xlsx"'
    return response
