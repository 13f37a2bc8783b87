from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Conference, Role
from .permissions import can_manage_conference, conferences_visible_to, membership_of, role_of


@login_required
def home(request):
    """Each role lands on its own work: the conferences of its area with counts that matter to it."""
    conferences = (
        conferences_visible_to(request.user)
        .select_related("organising_unit")
        .annotate(
            petition_count=Count("petitions", filter=~Q(petitions__status="merged"), distinct=True),
            site_count=Count("bridge_points", distinct=True),
        )
        .order_by("-year", "title")
    )
    return render(
        request,
        "home.html",
        {
            "conferences": conferences,
            "membership": membership_of(request.user),
            "role": role_of(request.user),
            "Role": Role,
        },
    )


@login_required
def conference_list(request):
    conferences = conferences_visible_to(request.user).select_related("organising_unit").order_by("-year", "title")
    return render(request, "conferences/conference_list.html", {"conferences": conferences})


@login_required
def conference_detail(request, slug):
    conference = get_object_or_404(Conference.objects.select_related("organising_unit", "organiser"), slug=slug)
    if not conferences_visible_to(request.user).filter(pk=conference.pk).exists():
        raise Http404
    groups = conference.issue_groups.annotate(petition_count=Count("petitions", filter=~Q(petitions__status="merged")))
    sites = conference.bridge_points.values("kind").annotate(n=Count("id")).order_by("kind")
    return render(
        request,
        "conferences/conference_detail.html",
        {
            "conference": conference,
            "groups": groups,
            "site_counts": {row["kind"]: row["n"] for row in sites},
            "can_manage": can_manage_conference(request.user, conference),
        },
    )
