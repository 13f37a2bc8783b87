"""The landing page. It sits above every app (it counts petitions, which live above conferences) and costs the
same whatever the amount of data: one page of conferences, each row's counts by a subquery over what the user may
see (a district Youth Union counts its own district's petitions and sites, never the whole province's)."""

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render

from conferences.models import Conference
from conferences.permissions import bridge_points_visible_to, conferences_visible_to, membership_of
from petitions.models import PetitionStatus
from petitions.permissions import petitions_visible_to

CONFERENCES_PER_PAGE = 20


def _count_per_conference(rows: QuerySet) -> Coalesce:
    """COUNT(*) of `rows` of the outer conference, as a correlated subquery (0 when there are none)."""
    counted = rows.filter(conference=OuterRef("pk")).order_by().values("conference").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def home_conferences(user) -> QuerySet[Conference]:
    """The conferences of the user's area, newest first, with the petitions and sites the user may see."""
    petitions = petitions_visible_to(user).exclude(status=PetitionStatus.MERGED)
    return (
        conferences_visible_to(user)
        .select_related("organising_unit")
        .annotate(
            petition_count=_count_per_conference(petitions),
            site_count=_count_per_conference(bridge_points_visible_to(user)),
        )
        .order_by("-year", "title", "pk")
    )


def home(request):
    """Each role lands on its own work: the conferences of its area with counts that matter to it. An anonymous
    visitor lands on the public results (whose header has the staff sign-in link)."""
    if not request.user.is_authenticated:
        return redirect("public:conference_list")
    page = Paginator(home_conferences(request.user), CONFERENCES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "home.html",
        {"page": page, "conferences": page.object_list, "membership": membership_of(request.user)},
    )
