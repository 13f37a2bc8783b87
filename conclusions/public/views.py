"""Public pages (no login): issued conclusions, published petitions and answers, the issued notice files.

Everything shown here goes through conclusions.public.publication, which decides what is public and is the getter
of every public object (404 for anything not public). Pages are plain HTML
(no JavaScript) so they stay fast on a phone.
"""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..notices.documents.formats import CONTENT_TYPES
from ..signing.copies import official_copy
from . import publication, questions
from .forms import PublicPetitionFilterForm, PublicSearchForm

PAGE_SIZE = 30
LIST_SIZE = 20


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("trang", 1)))
    except ValueError:
        return 1


@require_safe
def conference_list(request):
    """Newest first, LIST_SIZE a page; one row more than the page is read to know whether a next page exists (no
    count of every public conference)."""
    number = _page_number(request)
    start = (number - 1) * LIST_SIZE
    rows = list(publication.public_conferences_for_list()[start : start + LIST_SIZE + 1])
    shown = rows[:LIST_SIZE]
    return render(
        request,
        "public/conference_list.html",
        {
            # Conferences taking questions come first in the same rows (no query of their own).
            "collecting": [c for c in shown if c.takes_questions],
            "conferences": [c for c in shown if not c.takes_questions],
            "page_number": number,
            "has_previous": number > 1,
            "has_next": len(rows) > LIST_SIZE,
        },
    )


@require_safe
def search(request):
    """Published petitions and answers of every public conference matching the words (without accents too)."""
    years = sorted(set(publication.public_conferences().values_list("year", flat=True)), reverse=True)
    form = PublicSearchForm(request.GET if "q" in request.GET else None, years=years)
    page = None
    if form.is_bound and form.is_valid():
        page = Paginator(form.apply(publication.public_petitions_everywhere()), PAGE_SIZE).get_page(
            request.GET.get("trang")
        )
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "public/search.html", {"form": form, "page": page, "page_query": query.urlencode()})


@require_safe
def conference_detail(request, slug):
    try:
        conference = publication.public_conference_or_404(slug)
    except Http404:
        # Not concluded yet: while it collects petitions its public page takes young people's questions.
        return questions.collecting_page(request, slug)
    groups = publication.public_issue_groups(conference)
    sites = publication.public_sites(conference)
    form = PublicPetitionFilterForm(request.GET, groups=groups, sites=sites)
    petitions = form.apply(publication.public_petitions(conference))
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "public/conference_detail.html",
        {
            "conference": conference,
            "notices": publication.public_notices_of(conference),
            "form": form,
            "groups": list(groups),
            "sites": list(sites),
            "page": page,
            "page_query": query.urlencode(),
        },
    )


@require_safe
def petition_detail(request, slug, number):
    conference = publication.public_conference_or_404(slug)
    petition = publication.public_petition_or_404(conference, number)
    return render(
        request,
        "public/petition_detail.html",
        {
            "conference": conference,
            "petition": petition,
            "notices": publication.public_notices_of(conference),
        },
    )


@require_safe
@cache_control(public=True, max_age=3600)
def notice_file(request, slug, revision, kind):
    conference = publication.public_conference_or_404(slug)
    notice, stored = publication.downloadable_notice_file(conference, revision, kind)
    number = f"{notice.number}-{notice.symbol}" if notice.number else f"thong-bao-{notice.revision}"
    filename = f"{number}-{conference.slug}.{kind}"
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=filename, content_type=CONTENT_TYPES[kind])
    if kind == "pdf" and notice.pdf_sha256:
        # The issued PDF is frozen (a signed copy too): its hash is a stable validator for caches.
        official = official_copy(notice)
        response["ETag"] = f'"{official.sha256 if official else notice.pdf_sha256}"'
    return response


urlpatterns = [
    path("", conference_list, name="conference_list"),
    path("tim-kiem/", search, name="search"),
    path("cau-hoi/<str:token>/", questions.question_track, name="question_track"),
    path("cau-hoi/<str:token>/xac-nhan/<str:key>/", questions.question_confirm_link, name="question_confirm"),
    path("cau-hoi/<str:token>/ma-xac-nhan/", questions.question_code, name="question_code"),
    path("cau-hoi/<str:token>/gui-lai/", questions.question_resend, name="question_resend"),
    path("<slug:slug>/gui-cau-hoi/", questions.question_send, name="question_send"),
    path("<slug:slug>/", conference_detail, name="conference"),
    path("<slug:slug>/kien-nghi/<int:number>/", petition_detail, name="petition"),
    path("<slug:slug>/thong-bao-<int:revision>.<str:kind>", notice_file, name="notice_file"),
]
