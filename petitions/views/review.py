"""Home Affairs' review queue (answers waiting, declined items, approved answers to publish) and the answering
dashboard (Home Affairs and leaders), both scoped to what the user may read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.models import ConferenceStatus

from .. import dashboards
from ..forms.answering import PublishForm
from ..models import AnswerState, AssignmentStatus
from ..permissions import (
    answering_conferences_for,
    answers_visible_to,
    assignments_visible_to,
    can_manage_answering,
    petitions_visible_to,
)
from ..services import answering as services

PAGE_SIZE = 100
# The approved-but-unpublished and declined lists show this many (oldest first) with their full count.
LIST_LIMIT = 200


def _limited(queryset) -> tuple[list, int]:
    """The first LIST_LIMIT rows and how many there are (a count query only when the list is cut)."""
    rows = list(queryset[:LIST_LIMIT])
    return rows, (len(rows) if len(rows) < LIST_LIMIT else queryset.count())


def _manageable_conferences(user):
    return [
        c for c in answering_conferences_for(user).select_related("organising_unit") if can_manage_answering(user, c)
    ]


@login_required
def review_queue(request):
    conferences = _manageable_conferences(request.user)
    if not conferences:
        raise PermissionDenied
    slug = request.GET.get("hoi_nghi", "")
    chosen = [c for c in conferences if c.slug == slug] or conferences
    visible = answers_visible_to(request.user).filter(petition__conference__in=chosen)
    waiting_page = Paginator(visible.awaiting_review().for_review_queue(), PAGE_SIZE).get_page(request.GET.get("trang"))
    approved_qs = visible.filter(state=AnswerState.APPROVED).for_review_queue()
    declined = (
        assignments_visible_to(request.user)
        .filter(petition__conference__in=chosen, status=AssignmentStatus.DECLINED)
        .select_related("petition__conference", "sub_question", "lead_agency")
        .order_by("petition__number")
    )
    approved, approved_count = _limited(approved_qs)
    declined, declined_count = _limited(declined)
    return render(
        request,
        "petitions/review_queue.html",
        {
            "conferences": conferences,
            "slug": slug,
            "waiting": list(waiting_page.object_list),
            "page": waiting_page,
            "approved": approved,
            "approved_count": approved_count,
            "declined": declined,
            "declined_count": declined_count,
            "publish_form": PublishForm(queryset=approved_qs),
        },
    )


@login_required
@require_POST
def answers_publish(request):
    conferences = _manageable_conferences(request.user)
    if not conferences:
        raise PermissionDenied
    queryset = answers_visible_to(request.user).filter(petition__conference__in=conferences)
    form = PublishForm(request.POST, queryset=queryset)
    if form.is_valid():
        count = services.answers_publish(answers=form.cleaned_data["answers"], actor=request.user)
        messages.success(request, _("Đã công bố %(n)s trả lời.") % {"n": count})
    else:
        for error in form.errors.get("answers", []):
            messages.error(request, error)
    return redirect(
        reverse("petitions:review_queue")
        + (f"?hoi_nghi={request.POST.get('hoi_nghi')}" if request.POST.get("hoi_nghi") else "")
    )


@login_required
def dashboard(request):
    conferences = list(answering_conferences_for(request.user).order_by("-year", "title"))
    if not conferences:
        raise PermissionDenied
    slug = request.GET.get("hoi_nghi", "")
    conference = next((c for c in conferences if c.slug == slug), None)
    if conference is None:
        if slug:
            raise Http404
        idle = (ConferenceStatus.PLANNING, ConferenceStatus.ARCHIVED)
        conference = next((c for c in conferences if c.status not in idle), conferences[0])
    # The same rule as the petition list: a district sees its own sites' petitions of a provincial conference.
    data = dashboards.answering_dashboard(conference, visible=petitions_visible_to(request.user, conference))
    return render(
        request,
        "petitions/dashboard_answering.html",
        {"conferences": conferences, "conference": conference, "data": data, "stages": dashboards.STAGES},
    )


urls: list = [
    path("duyet-tra-loi/", review_queue, name="review_queue"),
    path("duyet-tra-loi/cong-bo/", answers_publish, name="answers_publish"),
    path("theo-doi-tra-loi/", dashboard, name="answering_dashboard"),
]
