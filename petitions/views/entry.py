"""Logging and correcting petitions (Youth Union staff, Home Affairs), and merging duplicates (Home Affairs).

Every view: the getter fetches and authorizes (404 outside the user's scope, 403 for the wrong role), one service
acts, the view redirects or shows the form again with the service's refusal.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.errors import Refused
from conferences.once import acts_once
from conferences.permissions import conference_for

from ..forms.intake import MergeForm, PetitionForm, SubQuestionFormSet
from ..getters import petition_for
from ..permissions import (
    can_edit_petition,
    can_log_petitions,
    can_merge_petition,
    intake_sites_for,
    must_choose_site,
    petitions_visible_to,
)
from ..services import intake as services


def _unit_spellings(user) -> list[str]:
    return petitions_visible_to(user).unit_spellings()


def _add_another(petition):
    """'Save and add another' comes back to the form with the site, group and channel of this entry."""
    keep = {
        "bridge_point": petition.bridge_point_id or "",
        "issue_group": petition.issue_group_id or "",
        "channel": petition.channel,
    }
    return redirect(f"{reverse('petitions:create', args=[petition.conference.slug])}?{urlencode(keep)}")


@login_required
@acts_once
def petition_create(request, slug):
    conference = conference_for(request.user, slug, may=can_log_petitions)
    initial = {key: request.GET[key] for key in ("bridge_point", "issue_group", "channel") if request.GET.get(key)}
    form = PetitionForm(
        request.POST or None,
        request.FILES or None,
        conference=conference,
        sites=intake_sites_for(request.user, conference),
        site_required=must_choose_site(request.user),
        initial=initial,
    )
    parts = SubQuestionFormSet(request.POST or None, prefix="parts")
    if request.method == "POST" and form.is_valid() and parts.is_valid():
        try:
            petition = services.petition_create(
                conference=conference,
                actor=request.user,
                values=form.service_values(),
                sub_questions=parts.contents(),
                attachments=form.cleaned_data["attachments"],
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("Đã ghi kiến nghị số %(n)s (%(unit)s).") % {"n": petition.number, "unit": petition.submitting_unit},
            )
            return _add_another(petition) if "save_and_add" in request.POST else redirect(petition)
    return render(
        request,
        "petitions/petition_form.html",
        {
            "conference": conference,
            "form": form,
            "parts": parts,
            "petition": None,
            "unit_spellings": _unit_spellings(request.user),
        },
    )


@login_required
def petition_edit(request, pk):
    petition = petition_for(request.user, pk, may=can_edit_petition)
    conference = petition.conference
    sites = intake_sites_for(request.user, conference)
    if petition.bridge_point_id and not sites.filter(pk=petition.bridge_point_id).exists():
        sites = conference.bridge_points.filter(pk=petition.bridge_point_id) | sites
    form = PetitionForm(
        request.POST or None,
        request.FILES or None,
        instance=petition,
        conference=conference,
        sites=sites,
        site_required=must_choose_site(request.user),
    )
    initial = [{"id": sq.pk, "content": sq.content} for sq in petition.sub_questions.all()]
    parts = SubQuestionFormSet(request.POST or None, prefix="parts", initial=initial)
    if request.method == "POST" and form.is_valid() and parts.is_valid():
        try:
            petition = services.petition_update(
                petition=petition,
                actor=request.user,
                values=form.service_values(),
                parts=parts.parts(),
                version=form.cleaned_data["version"] or 0,
                attachments=form.cleaned_data["attachments"],
                remove_attachments=[int(x) for x in request.POST.getlist("remove_attachment") if x.isdigit()],
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Đã lưu kiến nghị số %(n)s.") % {"n": petition.number})
            return redirect(petition)
    return render(
        request,
        "petitions/petition_form.html",
        {
            "conference": conference,
            "form": form,
            "parts": parts,
            "petition": petition,
            "attachments": petition.attachments.all(),
            "unit_spellings": _unit_spellings(request.user),
        },
    )


@login_required
@require_POST
def petition_merge(request, pk):
    duplicate = petition_for(request.user, pk, may=can_merge_petition)
    form = MergeForm(request.POST)
    into = None
    if form.is_valid():
        into = petitions_visible_to(request.user, duplicate.conference).filter(number=form.cleaned_data["into"]).first()
    if into is None:
        messages.error(request, _("Không tìm thấy kiến nghị có số đó trong hội nghị."))
        return redirect(duplicate)
    try:
        kept = services.petition_merge(duplicate=duplicate, into=into, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
        return redirect(duplicate)
    messages.success(
        request,
        _("Đã gộp kiến nghị số %(d)s vào kiến nghị số %(k)s.") % {"d": duplicate.number, "k": kept.number},
    )
    return redirect(kept)


@login_required
@require_POST
def petition_unmerge(request, pk):
    petition = petition_for(request.user, pk, may=can_merge_petition)
    try:
        services.petition_unmerge(petition=petition, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã tách kiến nghị số %(n)s.") % {"n": petition.number})
    return redirect(petition)


urls: list = [
    path("hoi-nghi/<slug:slug>/ghi-moi/", petition_create, name="create"),
    path("<int:pk>/sua/", petition_edit, name="edit"),
    path("<int:pk>/gop/", petition_merge, name="merge"),
    path("<int:pk>/tach/", petition_unmerge, name="unmerge"),
]
