"""Statistics for Home Affairs and leaders: per conference, per organising unit across years, XLSX exports, and the
yearly report.

Scope, one rule for all of them (conclusions.permissions): a user reads the figures of their own unit and of every
unit beneath it. A conference outside the user's area is a 404; another unit's figures, or a role without
statistics, a 403; a unit outside the scope asked for in the filter falls back to the user's own with a message.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from conferences.models import Conference
from conferences.permissions import membership_of
from conferences.throttle import cached_figures, cached_render, throttled

from ..permissions import (
    can_read_unit_statistics,
    can_view_statistics,
    report_units,
    statistics_conference_for,
    statistics_conferences,
    statistics_units,
)
from .export import panels_to_xlsx
from .figures import petition_totals
from .forms import StatsUnitForm, YearlyReportForm
from .panels import conference_panels, panel_by_key, unit_panels
from .report.figures import build_yearly_report
from .report.writers import render as render_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _default_unit(user, units):
    """The user's own unit when it organises conferences, else the first unit of their scope."""
    membership = membership_of(user)
    if membership is not None:
        own = units.filter(pk=membership.agency.unit_id).first()
        if own is not None:
            return own
    return units.first()


def _unit_scope(request):
    """The organising unit chosen (or the user's own) and its conferences within the user's scope."""
    if not can_view_statistics(request.user):
        raise PermissionDenied
    units = statistics_units(request.user)
    form = StatsUnitForm(request.GET, units=units)
    unit = form.cleaned_data.get("don_vi") if form.is_valid() else None
    unit = unit or _default_unit(request.user, units)
    conferences = statistics_conferences(request.user).filter(organising_unit=unit)
    return form, unit, conferences


def _xlsx_response(request, make_panels, *, heading: str, filename: str, key: str | None) -> HttpResponse:
    """The workbook of the panels (or of the one asked for); identical exports come from the cache."""

    def build() -> tuple[bytes, str]:
        panels = make_panels()
        if key:
            panel = panel_by_key(panels, key)
            if panel is None:
                raise Http404
            panels = [panel]
        return panels_to_xlsx(panels, heading=heading), XLSX

    content, content_type = cached_render(("stats-xlsx", request.user.pk, heading, filename, key), build)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report_form(user, unit, conferences):
    if unit is None or not can_read_unit_statistics(user, unit):
        return None
    years = sorted({c.year for c in conferences}, reverse=True)
    return YearlyReportForm(
        initial={"don_vi": unit, "nam": years[0] if years else timezone.localdate().year}, units=report_units(user)
    )


def _unit_panels(conferences, unit) -> list:
    """The unit's panels, computed again only after a change (its conferences as this user sees them)."""
    ids = tuple(conferences.order_by("pk").values_list("pk", flat=True))
    return cached_figures(
        ("unit-panels", unit.pk, ids, get_language()),
        lambda: unit_panels(conferences, unit, today=timezone.localdate()),
    )


@login_required
@require_safe
def overview(request):
    form, unit, conferences = _unit_scope(request)
    return render(
        request,
        "conclusions/stats_overview.html",
        {
            "form": form,
            "unit": unit,
            "conferences": conferences.order_by("-year", "title"),
            "panels": _unit_panels(conferences, unit) if unit else [],
            "export_url": f"{reverse('conclusions:stats_overview_export')}?don_vi={unit.pk}" if unit else "",
            "report_form": _report_form(request.user, unit, conferences),
        },
    )


@login_required
@require_safe
@throttled("export")
def overview_export(request):
    _form, unit, conferences = _unit_scope(request)
    if unit is None:
        raise Http404
    return _xlsx_response(
        request,
        lambda: unit_panels(conferences, unit, today=timezone.localdate()),
        heading=f"Thống kê đối thoại với thanh niên – {unit.full_name}",
        filename=f"thong-ke-{slugify(unit.name) or unit.pk}.xlsx",
        key=request.GET.get("bang"),
    )


@login_required
@require_safe
def conference_stats(request, slug):
    conference = statistics_conference_for(request.user, slug)
    return render(
        request,
        "conclusions/stats_conference.html",
        {
            "conference": conference,
            "totals": petition_totals(Conference.objects.filter(pk=conference.pk)),
            "panels": conference_panels(conference, today=timezone.localdate()),
            "export_url": reverse("conclusions:stats_conference_export", args=[conference.slug]),
        },
    )


@login_required
@require_safe
@throttled("export")
def conference_export(request, slug):
    conference = statistics_conference_for(request.user, slug)
    return _xlsx_response(
        request,
        lambda: conference_panels(conference, today=timezone.localdate()),
        heading=conference.title,
        filename=f"thong-ke-{conference.slug}.xlsx",
        key=request.GET.get("bang"),
    )


@login_required
@require_safe
@throttled("render")
def yearly_report(request):
    """The yearly report of a unit as PDF or DOCX, drawn from the same reads as the statistics."""
    if not can_view_statistics(request.user):
        raise PermissionDenied
    if not request.GET:
        # Opened directly (a bookmark, the address typed): the form to fill, not errors about what nobody typed.
        form = YearlyReportForm(initial={"nam": timezone.localdate().year}, units=report_units(request.user))
        return render(request, "conclusions/stats_report_form.html", {"form": form})
    form = YearlyReportForm(request.GET, units=report_units(request.user))
    if not form.is_valid():
        return render(request, "conclusions/stats_report_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    unit, year, fmt = data["don_vi"], data["nam"], data["dinh_dang"]
    report = build_yearly_report(unit=unit, year=year, today=timezone.localdate())
    # The same report asked again (by anyone who may read it) is not rendered again until the data changes.
    content, content_type = cached_render(("yearly", unit.pk, year, fmt), lambda: render_report(report, fmt))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename(fmt)}"'
    return response


urlpatterns = [
    path("thong-ke/", overview, name="stats_overview"),
    path("thong-ke/xuat.xlsx", overview_export, name="stats_overview_export"),
    path("thong-ke/hoi-nghi/<slug:slug>/", conference_stats, name="stats_conference"),
    path("thong-ke/hoi-nghi/<slug:slug>/xuat.xlsx", conference_export, name="stats_conference_export"),
    path("thong-ke/bao-cao-nam/", yearly_report, name="stats_yearly_report"),
]
