"""Statistics for Home Affairs and leaders: per conference, per organising unit across years, XLSX exports.

Scope: the conferences a user can see (conferences.permissions.conferences_visible_to); a conference outside it is a
404. Within it only Home Affairs, leaders and admins read statistics (403 for other roles).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from conferences.models import Conference
from conferences.permissions import conferences_visible_to

from .. import reports, stats
from ..stats_export import panels_to_xlsx
from ..stats_forms import StatsUnitForm, YearlyReportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _conference_for_statistics(user, slug) -> Conference:
    conference = get_object_or_404(conferences_visible_to(user).select_related("organising_unit"), slug=slug)
    if not stats.can_view_statistics(user):
        raise PermissionDenied
    return conference


def _unit_scope(request):
    """The organising unit chosen (or the user's own) and its conferences within the user's scope."""
    if not stats.can_view_statistics(request.user):
        raise PermissionDenied
    units = stats.statistics_units(request.user)
    form = StatsUnitForm(request.GET, units=units)
    unit = form.cleaned_data.get("don_vi") if form.is_valid() else None
    unit = unit or stats.default_unit_for(request.user, units)
    conferences = stats.statistics_conferences(request.user).filter(organising_unit=unit)
    return form, unit, conferences


def _xlsx_response(panels, *, heading: str, filename: str, key: str | None) -> HttpResponse:
    if key:
        panel = stats.panel_by_key(panels, key)
        if panel is None:
            raise Http404
        panels = [panel]
    response = HttpResponse(panels_to_xlsx(panels, heading=heading), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def overview(request):
    form, unit, conferences = _unit_scope(request)
    panels = stats.unit_panels(conferences, unit, today=timezone.localdate()) if unit else []
    report_form = None
    if unit is not None and stats.can_report_for_unit(request.user, unit):
        years = sorted({c.year for c in conferences}, reverse=True)
        report_form = YearlyReportForm(
            initial={"don_vi": unit, "nam": years[0] if years else timezone.localdate().year},
            units=stats.report_units(request.user),
        )
    return render(
        request,
        "conclusions/stats_overview.html",
        {
            "form": form,
            "unit": unit,
            "conferences": conferences.order_by("-year", "title"),
            "panels": panels,
            "export_url": f"{reverse('conclusions:stats_overview_export')}?don_vi={unit.pk}" if unit else "",
            "report_form": report_form,
        },
    )


@login_required
@require_safe
def overview_export(request):
    _form, unit, conferences = _unit_scope(request)
    if unit is None:
        raise Http404
    panels = stats.unit_panels(conferences, unit, today=timezone.localdate())
    return _xlsx_response(
        panels,
        heading=f"Thống kê đối thoại với thanh niên – {unit.full_name}",
        filename=f"thong-ke-{slugify(unit.name) or unit.pk}.xlsx",
        key=request.GET.get("bang"),
    )


@login_required
@require_safe
def conference_stats(request, slug):
    conference = _conference_for_statistics(request.user, slug)
    panels = stats.conference_panels(conference, today=timezone.localdate())
    return render(
        request,
        "conclusions/stats_conference.html",
        {
            "conference": conference,
            "totals": stats.petition_totals(Conference.objects.filter(pk=conference.pk)),
            "panels": panels,
            "export_url": reverse("conclusions:stats_conference_export", args=[conference.slug]),
        },
    )


@login_required
@require_safe
def conference_export(request, slug):
    conference = _conference_for_statistics(request.user, slug)
    panels = stats.conference_panels(conference, today=timezone.localdate())
    return _xlsx_response(
        panels,
        heading=conference.title,
        filename=f"thong-ke-{conference.slug}.xlsx",
        key=request.GET.get("bang"),
    )


@login_required
@require_safe
def yearly_report(request):
    """The yearly report of a unit as PDF or DOCX, drawn from the same reads as the statistics."""
    if not stats.can_view_statistics(request.user):
        raise PermissionDenied
    form = YearlyReportForm(request.GET, units=stats.report_units(request.user))
    if not form.is_valid():
        return render(request, "conclusions/stats_report_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    report = reports.build_yearly_report(unit=data["don_vi"], year=data["nam"], today=timezone.localdate())
    content, content_type = reports.render(report, data["dinh_dang"])
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename(data["dinh_dang"])}"'
    return response


urls = [
    path("thong-ke/", overview, name="stats_overview"),
    path("thong-ke/xuat.xlsx", overview_export, name="stats_overview_export"),
    path("thong-ke/hoi-nghi/<slug:slug>/", conference_stats, name="stats_conference"),
    path("thong-ke/hoi-nghi/<slug:slug>/xuat.xlsx", conference_export, name="stats_conference_export"),
    path("thong-ke/bao-cao-nam/", yearly_report, name="stats_yearly_report"),
]
