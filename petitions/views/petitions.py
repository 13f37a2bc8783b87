"""Reading petitions: where they are, a conference's list (filters, export), one petition, its files, similar ones.

Every view: the getter fetches and authorizes (404 outside the user's scope, 403 for the wrong role), then renders.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from conferences.audit import history_for
from conferences.permissions import conference_for, conferences_visible_to
from conferences.throttle import throttled

from .. import exporting, importing
from ..forms.intake import MergeForm, PetitionFilterForm
from ..getters import attachment_for, petition_for
from ..permissions import (
    can_edit_petition,
    can_log_petitions,
    can_merge_petition,
    can_submit_intake,
    can_view_contact,
    petitions_visible_to,
    sites_visible_to,
)
from ..similarity import comparable_text, similar_petitions

PAGE_SIZE = 50


@login_required
def petition_index(request):
    """Where the petitions are: the conferences of the user's area, with the petitions they can see in each."""
    counts = dict(
        petitions_visible_to(request.user)
        .not_merged()
        .order_by()
        .values("conference")
        .annotate(n=Count("id"))
        .values_list("conference", "n")
    )
    conferences = list(
        conferences_visible_to(request.user).select_related("organising_unit").order_by("-year", "title")
    )
    for conference in conferences:
        conference.visible_petitions = counts.get(conference.pk, 0)
    return render(request, "petitions/petition_index.html", {"conferences": conferences})


@login_required
def petition_list(request, slug):
    conference = conference_for(request.user, slug)
    sites = sites_visible_to(request.user, conference)
    filters = PetitionFilterForm(request.GET or None, conference=conference, sites=sites)
    visible = filters.apply(petitions_visible_to(request.user, conference))
    page = Paginator(visible.for_intake_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    # One aggregate for the group headings and the total, scoped to what the user may see.
    counts = visible.count_by_issue_group()
    for petition in page:
        petition.group_total = counts.get(petition.issue_group_id, 0)
    groups = [(g, counts.get(g.pk, 0)) for g in conference.issue_groups.order_by("position", "name")]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/petition_list.html",
        {
            "conference": conference,
            "filters": filters,
            "page": page,
            "groups": groups,
            "ungrouped": counts.get(None, 0),
            "total": sum(counts.values()),
            "querystring": query.urlencode(),
            "today": timezone.localdate(),
            "can_log": can_log_petitions(request.user, conference),
            "can_submit": can_submit_intake(request.user, conference),
        },
    )


@login_required
@throttled("export")
def petition_export(request, slug):
    conference = conference_for(request.user, slug)
    filters = PetitionFilterForm(
        request.GET or None, conference=conference, sites=sites_visible_to(request.user, conference)
    )
    petitions = filters.apply(petitions_visible_to(request.user, conference)).for_export()
    content = exporting.petitions_workbook(conference=conference, petitions=petitions)
    response = HttpResponse(content, content_type=importing.XLSX_TYPE)
    filename = f"kien-nghi-{conference.slug}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def petition_similar(request, slug):
    """Similar petitions of the conference the user can see, for the panel next to the form (JSON)."""
    conference = conference_for(request.user, slug)
    content = request.GET.get("q", "")[:5000]
    exclude = request.GET.get("exclude")
    matches = []
    if len(content.strip()) >= 15:
        # The form's content, unit and parts: the text the petition page compares once it is saved.
        parts = [part[:5000] for part in request.GET.getlist("part")[:20]]
        matches = similar_petitions(
            petitions_visible_to(request.user, conference).not_merged(),
            comparable_text(content, request.GET.get("unit", "")[:255], parts),
            exclude_pk=int(exclude) if exclude and exclude.isdigit() else None,
        )
    return JsonResponse(
        {
            "results": [
                {
                    "number": m.petition.number,
                    "url": m.petition.get_absolute_url(),
                    "content": m.petition.content[:220],
                    "unit": m.petition.submitting_unit,
                    "site": m.petition.bridge_point.name if m.petition.bridge_point else "",
                    "percent": m.percent,
                }
                for m in matches
            ]
        }
    )


@login_required
def petition_detail(request, pk):
    petition = petition_for(request.user, pk)
    conference = petition.conference
    duplicates = list(petition.duplicates.order_by("number"))
    can_merge = can_merge_petition(request.user, petition)
    similar = []
    if can_merge and not petition.is_merged:
        similar = similar_petitions(
            petitions_visible_to(request.user, conference).not_merged(), petition.search_text, exclude_pk=petition.pk
        )
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "conference": conference,
            "parts": petition.sub_questions.all(),
            "attachments": petition.attachments.all(),
            "duplicates": duplicates,
            "units": [petition.submitting_unit, *[d.submitting_unit for d in duplicates]],
            "similar": similar,
            "can_edit": can_edit_petition(request.user, petition),
            "can_merge": can_merge,
            "can_view_contact": can_view_contact(request.user, petition),
            "merge_form": MergeForm(),
            "history": history_for(petition)[:20],
        },
    )


@login_required
def attachment_download(request, pk):
    attachment = attachment_for(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


urls: list = [
    path("", petition_index, name="index"),
    path("hoi-nghi/<slug:slug>/", petition_list, name="list"),
    path("hoi-nghi/<slug:slug>/xuat-excel/", petition_export, name="export"),
    path("hoi-nghi/<slug:slug>/tuong-tu/", petition_similar, name="similar"),
    path("<int:pk>/", petition_detail, name="detail"),
    path("tep/<int:pk>/", attachment_download, name="attachment"),
]
