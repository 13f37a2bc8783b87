"""Home Affairs' board of a conference: every petition it may read with its assignments, filters and paging."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from conferences.permissions import conference_for

from ..models import AssignmentStatus
from ..permissions import can_manage_answering, can_view_answering_dashboard, petitions_visible_to

PAGE_SIZE = 100

BOARD_FILTERS = [
    ("", gettext_lazy("Tất cả")),
    ("unassigned", gettext_lazy("Chưa giao")),
    ("active", gettext_lazy("Đang xử lý")),
    ("declined", gettext_lazy("Bị từ chối")),
    ("overdue", gettext_lazy("Quá hạn")),
    ("answered", gettext_lazy("Đã có trả lời duyệt")),
]


def _filtered(petitions, state: str, today):
    if state == "unassigned":
        return petitions.unassigned()
    if state == "active":
        return petitions.with_assignment_in(AssignmentStatus.ACTIVE)
    if state == "declined":
        return petitions.with_assignment_in(AssignmentStatus.DECLINED)
    if state == "overdue":
        return petitions.overdue_with_agency(today)
    if state == "answered":
        return petitions.answered()
    return petitions


@login_required
def assignment_board(request, slug):
    """Home Affairs' view of a conference: every petition with its assignment(s), filters, bulk assignment."""
    conference = conference_for(request.user, slug, may=can_view_answering_dashboard)
    today = timezone.localdate()
    state = request.GET.get("loc", "")
    petitions = _filtered(petitions_visible_to(request.user, conference).for_board(), state, today)
    group = request.GET.get("nhom", "")
    if group.isdigit():
        petitions = petitions.filter(issue_group_id=int(group))
    query = request.GET.get("q", "").strip()
    if query:
        petitions = petitions.search(query)
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("trang"))
    petitions = list(page.object_list)
    for petition in petitions:
        for assignment in petition.current_assignments:
            assignment.deadline_state = assignment.lateness(today)
    return render(
        request,
        "petitions/assignment_board.html",
        {
            "conference": conference,
            "petitions": petitions,
            "page": page,
            "filters": BOARD_FILTERS,
            "state": state,
            "group": group,
            "groups": conference.issue_groups.all(),
            "query": query,
            "can_manage": can_manage_answering(request.user, conference),
        },
    )


urls: list = [path("phan-cong/hoi-nghi/<slug:slug>/", assignment_board, name="assignment_board")]
