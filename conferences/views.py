"""Conference set-up pages. Each view: the getter fetches and authorizes (conferences.permissions), one service
acts, the view responds; a refusal (`Refused`) becomes a message on the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .errors import Refused
from .forms import BridgePointForm, ConferenceForm, IssueGroupForm, StatusForm
from .models import Conference
from .once import acts_once
from .permissions import (
    can_create_conference,
    can_manage_conference,
    conference_for,
    conferences_visible_to,
    issue_group_for,
    site_for,
)


def _refused_when_archived(request, conference: Conference) -> bool:
    try:
        services.ensure_setup_editable(conference)
    except Refused as refused:
        messages.error(request, str(refused))
        return True
    return False


def _groups_with_counts(conference: Conference):
    """Issue groups with their petitions (merged ones aside) in list order: one aggregate, whatever the number of
    petitions. The order is explicit because Django drops Meta.ordering from a GROUP BY query."""
    return conference.issue_groups.annotate(
        petition_count=Count("petitions", filter=~Q(petitions__status="merged"))
    ).order_by("position", "name")


@login_required
def conference_list(request):
    conferences = conferences_visible_to(request.user).select_related("organising_unit").order_by("-year", "title")
    return render(
        request,
        "conferences/conference_list.html",
        {"conferences": conferences},
    )


@login_required
@acts_once
def conference_create(request):
    if not can_create_conference(request.user):
        raise PermissionDenied(_("Chỉ Sở/Phòng Nội vụ tạo hội nghị đối thoại."))
    form = ConferenceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(
                actor=request.user, values=form.service_values(), generate_sites=form.cleaned_data["generate_sites"]
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Đã tạo hội nghị. Kiểm tra điểm cầu và nhóm vấn đề trước khi mở tiếp nhận."))
            return redirect(conference)
    return render(request, "conferences/conference_form.html", {"form": form, "conference": None})


@login_required
def conference_edit(request, slug):
    conference = conference_for(request.user, slug, may=can_manage_conference)
    form = ConferenceForm(request.POST or None, instance=conference, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_update(
                conference=conference,
                actor=request.user,
                values=form.service_values(),
                version=form.cleaned_data["version"] or 0,
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Đã lưu thông tin hội nghị."))
            return redirect(conference)
    return render(request, "conferences/conference_form.html", {"form": form, "conference": conference})


@login_required
def conference_detail(request, slug):
    conference = conference_for(request.user, slug)
    can_manage = can_manage_conference(request.user, conference)
    sites = conference.bridge_points.order_by().values("kind").annotate(n=Count("id"))
    return render(
        request,
        "conferences/conference_detail.html",
        {
            "conference": conference,
            "groups": _groups_with_counts(conference),
            "site_counts": {row["kind"]: row["n"] for row in sites},
            "can_manage": can_manage,
            "warnings": services.warnings_for(conference),
            "status_actions": services.status_actions_for(conference) if can_manage else [],
            "statuses": Conference._meta.get_field("status").choices,
        },
    )


@login_required
@require_POST
def conference_status(request, slug):
    conference = conference_for(request.user, slug, may=can_manage_conference)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày tổ chức không hợp lệ (dd/mm/yyyy)."))
        return redirect(conference)
    try:
        conference = services.conference_set_status(
            conference=conference,
            target=form.cleaned_data["target"],
            held_on=form.cleaned_data["held_on"],
            actor=request.user,
        )
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("Hội nghị đã chuyển sang trạng thái “%(s)s”.") % {"s": conference.get_status_display()}
        )
    return redirect(conference)


# --- Bridge points ------------------------------------------------------------------------------------------------


@login_required
@acts_once
def site_list(request, slug):
    conference = conference_for(request.user, slug)
    can_manage = can_manage_conference(request.user, conference)
    form = BridgePointForm(request.POST or None, conference=conference)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if _refused_when_archived(request, conference):
            return redirect("conferences:sites", slug=conference.slug)
        if form.is_valid():
            try:
                services.bridge_point_add(conference=conference, actor=request.user, values=form.cleaned_data)
            except Refused as refused:
                form.add_error("unit", str(refused))
            else:
                messages.success(request, _("Đã thêm điểm cầu."))
                return redirect("conferences:sites", slug=conference.slug)
    sites = conference.bridge_points.select_related("unit", "unit__parent").annotate(
        petition_count=Count("petitions", filter=~Q(petitions__status="merged"))
    )
    day = services.sites_map_day(conference)
    return render(
        request,
        "conferences/site_list.html",
        {
            "conference": conference,
            "sites": sites,
            "form": form,
            "can_manage": can_manage,
            "map_day": day,
            "map_era": services.map_era_label(day),
        },
    )


@login_required
@require_POST
def site_generate(request, slug):
    conference = conference_for(request.user, slug, may=can_manage_conference)
    try:
        created = services.bridge_points_generate(conference=conference, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        if created:
            messages.success(request, _("Đã tạo %(n)s điểm cầu theo bản đồ hành chính.") % {"n": created})
        else:
            messages.info(request, _("Mọi đơn vị trên bản đồ đã có điểm cầu; không tạo thêm."))
    return redirect("conferences:sites", slug=conference.slug)


@login_required
def site_edit(request, slug, pk):
    site = site_for(request.user, slug, pk)
    form = BridgePointForm(request.POST or None, instance=site, conference=site.conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.bridge_point_update(site=site, actor=request.user, values=form.cleaned_data)
        except Refused as refused:
            form.add_error("unit", str(refused))
        else:
            messages.success(request, _("Đã lưu điểm cầu."))
            return redirect("conferences:sites", slug=slug)
    return render(request, "conferences/site_form.html", {"conference": site.conference, "site": site, "form": form})


@login_required
@require_POST
def site_delete(request, slug, pk):
    site = site_for(request.user, slug, pk)
    try:
        services.bridge_point_delete(site=site, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã xóa điểm cầu."))
    return redirect("conferences:sites", slug=slug)


# --- Issue groups -------------------------------------------------------------------------------------------------


@login_required
@acts_once
def group_list(request, slug):
    conference = conference_for(request.user, slug)
    can_manage = can_manage_conference(request.user, conference)
    form = IssueGroupForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if _refused_when_archived(request, conference):
            return redirect("conferences:groups", slug=slug)
        if form.is_valid():
            try:
                services.issue_group_add(conference=conference, name=form.cleaned_data["name"], actor=request.user)
            except Refused as refused:
                form.add_error("name", str(refused))
            else:
                messages.success(request, _("Đã thêm nhóm vấn đề."))
                return redirect("conferences:groups", slug=slug)
    return render(
        request,
        "conferences/group_list.html",
        {
            "conference": conference,
            "groups": _groups_with_counts(conference),
            "form": form,
            "can_manage": can_manage,
            "defaults": services.DEFAULT_ISSUE_GROUPS,
        },
    )


@login_required
@require_POST
def group_defaults(request, slug):
    conference = conference_for(request.user, slug, may=can_manage_conference)
    try:
        services.ensure_setup_editable(conference)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        created = services.issue_groups_create_defaults(conference=conference, actor=request.user)
        messages.success(request, _("Đã thêm %(n)s nhóm vấn đề mặc định.") % {"n": created})
    return redirect("conferences:groups", slug=slug)


@login_required
@require_POST
def group_rename(request, slug, pk):
    group = issue_group_for(request.user, slug, pk)
    form = IssueGroupForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused(_("Hãy nhập tên nhóm vấn đề (tối đa 200 ký tự)."))
        services.issue_group_rename(group=group, name=form.cleaned_data["name"], actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã đổi tên nhóm vấn đề."))
    return redirect("conferences:groups", slug=slug)


@login_required
@require_POST
def group_move(request, slug, pk):
    group = issue_group_for(request.user, slug, pk)
    up = request.POST.get("direction") == "up"
    try:
        position = services.issue_group_move(group=group, offset=-1 if up else 1, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        if up:
            text = _("Đã chuyển nhóm “%(name)s” lên vị trí %(n)s.")
        else:
            text = _("Đã chuyển nhóm “%(name)s” xuống vị trí %(n)s.")
        messages.success(request, text % {"name": group.name, "n": position})
    return redirect("conferences:groups", slug=slug)


@login_required
@require_POST
def group_delete(request, slug, pk):
    group = issue_group_for(request.user, slug, pk)
    try:
        services.issue_group_delete(group=group, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã xóa nhóm vấn đề."))
    return redirect("conferences:groups", slug=slug)
