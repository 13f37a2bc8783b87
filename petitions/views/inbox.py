"""The agency officer's inbox: the agency's assignments by tab (to do, due soon, overdue, returned, for the head)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from conferences import workdays
from conferences.models import Conference
from conferences.permissions import membership_of

from ..models import Answer, Assignment
from ..permissions import can_use_inbox

DUE_SOON_WORKING_DAYS = 5
PAGE_SIZE = 100

INBOX_TABS = [
    ("todo", gettext_lazy("Cần xử lý")),
    ("soon", gettext_lazy("Sắp đến hạn")),
    ("overdue", gettext_lazy("Quá hạn")),
    ("returned", gettext_lazy("Bị trả lại")),
    ("head", gettext_lazy("Chờ lãnh đạo duyệt")),
    ("all", gettext_lazy("Tất cả")),
]


def _tab(rows, tab: str, *, agency, today, soon):
    if tab == "todo":
        return rows.pending_with_agency()
    if tab == "soon":
        return rows.pending_with_agency().filter(due_date__gte=today, due_date__lte=soon)
    if tab == "overdue":
        return rows.overdue_with_agency(today)
    if tab == "returned":
        return rows.returned_for_revision()
    if tab == "head":
        return rows.filter(answer__in=Answer.objects.awaiting_head(agency))
    return rows


@login_required
def inbox(request):
    if not can_use_inbox(request.user):
        raise PermissionDenied
    membership = membership_of(request.user)
    agency = membership.agency
    today = timezone.localdate()
    soon = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS).due
    tab = request.GET.get("tab", "todo")
    if tab not in dict(INBOX_TABS):
        tab = "todo"
    rows = _tab(Assignment.objects.for_inbox(agency), tab, agency=agency, today=today, soon=soon)
    conference_slug = request.GET.get("hoi_nghi", "")
    if conference_slug:
        rows = rows.filter(petition__conference__slug=conference_slug)
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.search(query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    for row in rows:
        row.deadline_state = row.lateness(today, soon)
        row.is_lead = row.lead_agency_id == agency.pk
    mine = Assignment.objects.current().for_agency(agency).filter(petition__conference=OuterRef("pk"))
    conferences = Conference.objects.filter(Exists(mine)).order_by("-year", "title")
    tabs = [(key, label) for key, label in INBOX_TABS if key != "head" or agency.requires_head_approval]
    return render(
        request,
        "petitions/inbox.html",
        {
            "rows": rows,
            "page": page,
            "tab": tab,
            "tabs": tabs,
            "agency": agency,
            "query": query,
            "conference_slug": conference_slug,
            "conferences": conferences,
            "today": today,
            "soon": soon,
            "is_head": membership.is_head,
        },
    )


urls: list = [path("hop-thu/", inbox, name="inbox")]
