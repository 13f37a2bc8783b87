"""A bridge point operator's page (a phone): log a live question, follow the site's questions and what is on air."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from conferences.errors import Refused
from conferences.permissions import membership_of

from ...models import Petition
from ..feed import current_session, public_state
from ..forms import LiveQuestionForm
from ..permissions import can_run_live_console, operator_conference_for, operator_sites_for
from ..services.queue import live_question_post

UNIT_SUGGESTIONS = 60
MINE_ROWS = 50


def _default_site(user, sites):
    """The site of the operator's own unit, else the first they may use."""
    membership = membership_of(user)
    own = sites.filter(unit=membership.agency.unit).first() if membership else None
    return own or sites.first()


@login_required
def operator(request, slug):
    conference = operator_conference_for(request.user, slug)
    sites = operator_sites_for(request.user, conference)
    chosen = sites.filter(pk=request.GET.get("diem_cau")).first() if request.GET.get("diem_cau", "").isdigit() else None
    form = LiveQuestionForm(
        request.POST or None, sites=sites, initial={"site": chosen or _default_site(request.user, sites)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry, created = live_question_post(
                conference=conference,
                site=data["site"],
                content=data["content"],
                unit=data["unit"],
                speaker_name=data["speaker_name"],
                client_key=data["client_key"],
                actor=request.user,
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Đã gửi câu hỏi lên bàn điều hành.")
                if created
                else _("Câu hỏi này đã được gửi trước đó (không gửi lại)."),
            )
            url = reverse("live:operator", kwargs={"slug": slug})
            return redirect(f"{url}?diem_cau={entry.bridge_point_id}")
    session = current_session(conference.pk)
    mine = []
    if session is not None:
        own = session.entries.of_sites(sites.values_list("pk", flat=True))
        mine = own.for_rows().order_by("-created_at", "-id")[:MINE_ROWS]
    return render(
        request,
        "live/operator.html",
        {
            "conference": conference,
            "session": session,
            "is_live": bool(session and session.is_open),
            "form": form,
            "several_sites": sites[:2].count() > 1,
            "state": public_state(conference.pk),
            "mine": mine,
            "units": Petition.objects.filter(bridge_point__in=sites).unit_spellings(UNIT_SUGGESTIONS),
            "feed_url": reverse("live:feed", kwargs={"slug": slug}),
            "is_moderator": can_run_live_console(request.user, conference),
        },
        status=400 if form.errors else 200,
    )
