"""The answering journey: Home Affairs assigns and reviews, agency officers answer.

Every view: authorize and fetch (404 outside the user's scope, 403 for a visible object the role may not change),
call one service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from conferences import workdays
from conferences.audit import history_for
from conferences.models import AuditEvent, Conference
from conferences.permissions import conferences_visible_to, membership_of

from .. import dashboards, diffs
from ..forms.answering import (
    AnswerForm,
    AssignmentForm,
    BulkAssignForm,
    DeclineForm,
    OnTheSpotForm,
    PublishForm,
    ReasonForm,
    ReassignForm,
    ReturnForm,
    VersionForm,
)
from ..models import (
    OPEN_ASSIGNMENT_STATUSES,
    Answer,
    AnswerState,
    Assignment,
    AssignmentStatus,
    Petition,
    PetitionStatus,
)
from ..permissions import (
    answering_conferences_for,
    answers_visible_to,
    assignments_visible_to,
    can_decline_assignment,
    can_head_review,
    can_manage_answering,
    can_reopen_answer,
    can_review_answer,
    can_use_inbox,
    can_view_answering_dashboard,
    can_write_answer,
    is_agency_head,
    is_lead_officer,
    petitions_visible_to,
)
from ..services import answering as services

DUE_SOON_WORKING_DAYS = 5
PAGE_SIZE = 100

# --- fetch and authorize -----------------------------------------------------------------------------------------


def _assignment_for(user, pk) -> Assignment:
    qs = assignments_visible_to(user).select_related(
        "petition__conference__organising_unit",
        "petition__issue_group",
        "sub_question",
        "lead_agency",
        "assigned_by",
        "answer__author",
    )
    return get_object_or_404(qs, pk=pk)


def _answer_for(user, pk) -> Answer:
    qs = answers_visible_to(user).select_related(
        "petition__conference",
        "petition__issue_group",
        "sub_question",
        "agency",
        "assignment__lead_agency",
        "author",
        "approved_by",
        "head_approved_by",
    )
    return get_object_or_404(qs, pk=pk)


def _petition_to_manage(user, pk) -> Petition:
    petition = get_object_or_404(
        petitions_visible_to(user).select_related("conference__organising_unit", "issue_group"), pk=pk
    )
    if not can_manage_answering(user, petition.conference):
        raise PermissionDenied
    return petition


def _conference_to_manage(user, slug) -> Conference:
    conference = get_object_or_404(conferences_visible_to(user).select_related("organising_unit"), slug=slug)
    if not can_manage_answering(user, conference):
        raise PermissionDenied
    return conference


def _deadline_state(assignment: Assignment, today, soon) -> str:
    """'overdue' / 'soon' / '' for a row: only items still waiting for the agency count as late."""
    answer = getattr(assignment, "answer", None)
    waiting = assignment.status == AssignmentStatus.ACTIVE and (
        answer is None or answer.state in (AnswerState.DRAFT, AnswerState.RETURNED)
    )
    if not waiting:
        return ""
    if assignment.due_date < today:
        return "overdue"
    if assignment.due_date <= soon:
        return "soon"
    return ""


# --- history ---------------------------------------------------------------------------------------------------


def _history_events(assignment: Assignment):
    return AuditEvent.objects.filter(
        Q(target_type="petitions.assignment", target_id=assignment.pk)
        | Q(target_type="petitions.answer", target_id__in=Answer.objects.filter(assignment=assignment).values("pk"))
    ).select_related("actor")


# --- the officer's inbox -----------------------------------------------------------------------------------------

INBOX_TABS = [
    ("todo", gettext_lazy("Cần xử lý")),
    ("soon", gettext_lazy("Sắp đến hạn")),
    ("overdue", gettext_lazy("Quá hạn")),
    ("returned", gettext_lazy("Bị trả lại")),
    ("head", gettext_lazy("Chờ lãnh đạo duyệt")),
    ("all", gettext_lazy("Tất cả")),
]


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
    rows = Assignment.objects.for_inbox(agency)
    if tab == "todo":
        rows = rows.pending_with_agency()
    elif tab == "soon":
        rows = rows.pending_with_agency().filter(due_date__gte=today, due_date__lte=soon)
    elif tab == "overdue":
        rows = rows.pending_with_agency().filter(due_date__lt=today)
    elif tab == "returned":
        rows = rows.returned_for_revision()
    elif tab == "head":
        rows = rows.filter(answer__in=Answer.objects.awaiting_head(agency))
    conference_slug = request.GET.get("hoi_nghi", "")
    if conference_slug:
        rows = rows.filter(petition__conference__slug=conference_slug)
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.search(query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    for row in rows:
        row.deadline_state = _deadline_state(row, today, soon)
        row.is_lead = row.lead_agency_id == agency.pk
    conferences = Conference.objects.filter(
        Exists(Assignment.objects.for_inbox(agency).filter(petition__conference=OuterRef("pk")))
    ).order_by("-year", "title")
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


# --- one assignment: the officer's page (and Home Affairs' view of it) ---------------------------------------------


def _assignment_context(request, assignment: Assignment, **extra) -> dict:
    user = request.user
    answer = getattr(assignment, "answer", None)
    today = timezone.localdate()
    manage = can_manage_answering(user, assignment.petition.conference)
    writable = can_write_answer(user, assignment)
    events = list(_history_events(assignment)[:100])
    context = {
        "assignment": assignment,
        "petition": assignment.petition,
        "answer": answer,
        "coordinating": list(assignment.coordinating_agencies.all()),
        "can_write": writable,
        "can_decline": can_decline_assignment(user, assignment),
        "can_manage": manage,
        "is_lead": is_lead_officer(user, assignment),
        "needs_head": assignment.lead_agency.requires_head_approval,
        "is_head": is_agency_head(user, assignment.lead_agency),
        "overdue": _deadline_state(assignment, today, today) == "overdue",
        "events": events,
        "revisions": list(answer.revisions.select_related("actor").order_by("-created_at", "-id")) if answer else [],
        "sub_questions": list(assignment.petition.sub_questions.all()),
    }
    if writable and "form" not in extra:
        context["form"] = AnswerForm(answer=answer)
    if context["can_decline"] and "decline_form" not in extra:
        context["decline_form"] = DeclineForm()
    if manage and assignment.status == AssignmentStatus.DECLINED and "reinstate_form" not in extra:
        context["reinstate_form"] = ReasonForm()
    context.update(extra)
    return context


@login_required
def assignment_detail(request, pk):
    assignment = _assignment_for(request.user, pk)
    return render(request, "petitions/assignment_detail.html", _assignment_context(request, assignment))


@login_required
def assignment_answer(request, pk):
    """Save the draft ('save') or save and submit ('submit'). A stale version shows both texts; nothing is lost."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    assignment = _assignment_for(request.user, pk)
    if not can_write_answer(request.user, assignment):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render(
            request, "petitions/assignment_detail.html", _assignment_context(request, assignment, form=form), status=400
        )
    submit = request.POST.get("action") == "submit"
    try:
        answer = services.answer_save(
            assignment=assignment,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
            actor=request.user,
            submit=submit,
            is_head=is_agency_head(request.user, assignment.lead_agency),
        )
    except services.AnswerConflict as conflict:
        current = conflict.current
        # The officer's text stays in the box; the version moves to the saved one so a second click is deliberate.
        retry = AnswerForm({"text": form.cleaned_data["text"], "version": current.version})
        retry.is_valid()
        conflict_ctx = {
            "current": current,
            "mine": form.cleaned_data["text"],
            "rows": diffs.line_diff(current.text, form.cleaned_data["text"]),
            "message": str(conflict),
        }
        return render(
            request,
            "petitions/assignment_detail.html",
            _assignment_context(request, assignment, form=retry, conflict=conflict_ctx),
            status=409,
        )
    except services.AnsweringError as refusal:
        form.add_error(None, str(refusal))
        return render(
            request, "petitions/assignment_detail.html", _assignment_context(request, assignment, form=form), status=400
        )
    if (
        submit
        and answer.state == AnswerState.SUBMITTED
        and answer.head_approved_at is None
        and answer.agency
        and (answer.agency.requires_head_approval)
    ):
        messages.success(request, _("Đã gửi lãnh đạo cơ quan duyệt trước khi chuyển Nội vụ."))
    elif submit:
        messages.success(request, _("Đã gửi trả lời cho Nội vụ xem xét."))
    else:
        messages.success(request, _("Đã lưu bản nháp (phiên bản %(v)s).") % {"v": answer.version})
    return redirect("petitions:assignment", pk=assignment.pk)


@login_required
@require_POST
def assignment_decline(request, pk):
    assignment = _assignment_for(request.user, pk)
    if not can_decline_assignment(request.user, assignment):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.assignment_decline(assignment=assignment, reason=form.cleaned_data["reason"], actor=request.user)
        except services.AnsweringError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã báo Nội vụ: nội dung không thuộc thẩm quyền của cơ quan."))
            return redirect("petitions:inbox")
    return render(
        request,
        "petitions/assignment_detail.html",
        _assignment_context(request, assignment, decline_form=form, show_decline=True),
        status=400,
    )


@login_required
@require_POST
def assignment_reinstate(request, pk):
    assignment = _assignment_for(request.user, pk)
    if not can_manage_answering(request.user, assignment.petition.conference):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.assignment_reinstate(
                assignment=assignment, comment=form.cleaned_data["reason"], actor=request.user
            )
        except services.AnsweringError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã giữ nguyên phân công và báo lại cơ quan."))
            return redirect("petitions:assignment", pk=assignment.pk)
    return render(
        request,
        "petitions/assignment_detail.html",
        _assignment_context(request, assignment, reinstate_form=form),
        status=400,
    )


@login_required
def assignment_reassign(request, pk):
    assignment = _assignment_for(request.user, pk)
    if not can_manage_answering(request.user, assignment.petition.conference):
        raise PermissionDenied
    if assignment.status not in OPEN_ASSIGNMENT_STATUSES:
        messages.error(request, _("Chỉ giao lại được phân công đang xử lý hoặc bị từ chối."))
        return redirect("petitions:assignment", pk=assignment.pk)
    form = ReassignForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid() and not _previewing(request):
        try:
            new = services.assignment_reassign(
                assignment=assignment,
                lead_agency=form.cleaned_data["lead_agency"],
                coordinating_agencies=form.cleaned_data["coordinating_agencies"],
                reason=form.cleaned_data["reason"],
                due=form.due_spec(),
                actor=request.user,
            )
        except services.AnsweringError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã giao lại cho %(agency)s.") % {"agency": new.lead_agency})
            return redirect("petitions:assignment", pk=new.pk)
    return render(
        request,
        "petitions/assignment_reassign.html",
        {"assignment": assignment, "petition": assignment.petition, "form": form},
        status=400 if form.errors else 200,
    )


def _previewing(request) -> bool:
    """'Xem trước hạn': validate and show the computed deadline without assigning anything."""
    return "preview" in request.POST


# --- assigning (Home Affairs) ------------------------------------------------------------------------------------


@login_required
def assignment_create(request, petition_pk):
    petition = _petition_to_manage(request.user, petition_pk)
    form = AssignmentForm(request.POST or None, petition=petition)
    if request.method == "POST" and form.is_valid() and not _previewing(request):
        try:
            assignment = services.assignment_create(
                petition=petition,
                sub_question=form.cleaned_data["target"],
                lead_agency=form.cleaned_data["lead_agency"],
                coordinating_agencies=form.cleaned_data["coordinating_agencies"],
                stage=form.cleaned_data["stage"],
                due=form.due_spec(),
                actor=request.user,
            )
        except services.AnsweringError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Đã giao kiến nghị số %(n)s cho %(agency)s, hạn %(due)s.")
                % {"n": petition.number, "agency": assignment.lead_agency, "due": f"{assignment.due_date:%d/%m/%Y}"},
            )
            return redirect("petitions:assignment_board", slug=petition.conference.slug)
    open_assignments = petition.assignments.filter(status__in=OPEN_ASSIGNMENT_STATUSES).select_related("lead_agency")
    return render(
        request,
        "petitions/assignment_form.html",
        {"petition": petition, "form": form, "open_assignments": open_assignments},
        status=400 if form.errors else 200,
    )


@login_required
def assignment_bulk(request, slug):
    conference = _conference_to_manage(request.user, slug)
    form = BulkAssignForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid() and not _previewing(request):
        result = services.assignments_bulk_create(
            issue_group=form.cleaned_data["issue_group"],
            lead_agency=form.cleaned_data["lead_agency"],
            coordinating_agencies=form.cleaned_data["coordinating_agencies"],
            stage=form.cleaned_data["stage"],
            due=form.due_spec(),
            actor=request.user,
        )
        messages.success(
            request,
            _("Đã giao %(n)s kiến nghị của nhóm “%(group)s”.")
            % {"n": len(result.created), "group": form.cleaned_data["issue_group"]},
        )
        for petition, reason in result.skipped:
            messages.warning(
                request, _("Bỏ qua kiến nghị số %(n)s: %(reason)s") % {"n": petition.number, "reason": reason}
            )
        return redirect("petitions:assignment_board", slug=conference.slug)
    return render(
        request,
        "petitions/assignment_bulk.html",
        {"conference": conference, "form": form},
        status=400 if form.errors else 200,
    )


BOARD_FILTERS = [
    ("", gettext_lazy("Tất cả")),
    ("unassigned", gettext_lazy("Chưa giao")),
    ("active", gettext_lazy("Đang xử lý")),
    ("declined", gettext_lazy("Bị từ chối")),
    ("overdue", gettext_lazy("Quá hạn")),
    ("answered", gettext_lazy("Đã có trả lời duyệt")),
]


@login_required
def assignment_board(request, slug):
    """Home Affairs' view of a conference: every petition with its assignment(s), filters, bulk assignment."""
    conference = get_object_or_404(conferences_visible_to(request.user), slug=slug)
    if not can_view_answering_dashboard(request.user, conference):
        raise PermissionDenied
    today = timezone.localdate()
    current = (
        Assignment.objects.exclude(status=AssignmentStatus.WITHDRAWN).for_board().order_by("sub_question__position")
    )
    petitions = (
        petitions_visible_to(request.user, conference)
        .not_merged()
        .select_related("issue_group")
        .annotate(part_count=Count("sub_questions", distinct=True))
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
        .order_by("issue_group__position", "issue_group__name", "number")
    )
    state = request.GET.get("loc", "")
    open_ = Assignment.objects.filter(petition=OuterRef("pk"), status__in=OPEN_ASSIGNMENT_STATUSES)
    if state == "unassigned":
        petitions = petitions.filter(~Exists(open_), status=PetitionStatus.RECEIVED)
    elif state == "active":
        petitions = petitions.filter(Exists(open_.filter(status=AssignmentStatus.ACTIVE)))
    elif state == "declined":
        petitions = petitions.filter(Exists(open_.filter(status=AssignmentStatus.DECLINED)))
    elif state == "overdue":
        petitions = petitions.filter(
            Exists(Assignment.objects.pending_with_agency().filter(petition=OuterRef("pk"), due_date__lt=today))
        )
    elif state == "answered":
        petitions = petitions.filter(status__in=[PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED])
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
            assignment.deadline_state = _deadline_state(assignment, today, today)
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


@login_required
def answer_on_the_spot(request, petition_pk):
    petition = _petition_to_manage(request.user, petition_pk)
    form = OnTheSpotForm(request.POST or None, petition=petition)
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.answer_record_on_the_spot(
                petition=petition,
                sub_question=form.cleaned_data["sub_question"],
                answered_by=form.cleaned_data["answered_by"],
                summary=form.cleaned_data["summary"],
                agency=form.cleaned_data["agency"],
                written_followup_due=form.cleaned_data["written_followup_due"],
                actor=request.user,
            )
        except services.AnsweringError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã ghi nhận trả lời tại hội nghị."))
            return redirect("petitions:answer", pk=answer.pk)
    return render(
        request,
        "petitions/answer_on_the_spot.html",
        {"petition": petition, "form": form},
        status=400 if form.errors else 200,
    )


# --- one answer: review, head approval, history, diff --------------------------------------------------------------


def _answer_context(request, answer: Answer, **extra) -> dict:
    user = request.user
    revisions = list(answer.revisions.select_related("actor").order_by("-created_at", "-id"))
    context = {
        "answer": answer,
        "petition": answer.petition,
        "revisions": revisions,
        "can_review": can_review_answer(user, answer),
        "can_head_review": can_head_review(user, answer),
        "can_reopen": can_reopen_answer(user, answer),
        "can_open_assignment": answer.assignment_id is not None
        and assignments_visible_to(user).filter(pk=answer.assignment_id).exists(),
        "waits_for_head": answer.state == AnswerState.SUBMITTED
        and answer.agency is not None
        and answer.agency.requires_head_approval
        and answer.head_approved_at is None,
        "events": list(history_for(answer)[:50]),
    }
    for key in ("return_form", "version_form"):
        context.setdefault(key, None)
    if context["can_review"] or context["can_head_review"] or context["can_reopen"]:
        context["return_form"] = ReturnForm(initial={"version": answer.version})
        context["version_form"] = VersionForm(initial={"version": answer.version})
    context.update(extra)
    return context


@login_required
def answer_detail(request, pk):
    answer = _answer_for(request.user, pk)
    return render(request, "petitions/answer_detail.html", _answer_context(request, answer))


def _stale(request, answer: Answer, conflict: services.AnswerConflict):
    messages.error(
        request,
        _("Trả lời đã thay đổi trong khi bạn xem (nay là phiên bản %(v)s). Hãy xem lại.")
        % {"v": conflict.current.version},
    )
    return redirect("petitions:answer", pk=answer.pk)


def _approve(request, pk, *, allowed, approve, done, next_url: str | None = None):
    """Approve at one level (Home Affairs, or the agency head) against the version the reviewer saw."""
    answer = _answer_for(request.user, pk)
    if not allowed(request.user, answer):
        raise PermissionDenied
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        approve(answer=answer, version=form.cleaned_data["version"], actor=request.user)
    except services.AnswerConflict as conflict:
        return _stale(request, answer, conflict)
    except services.AnsweringError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done(answer))
    if not (next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})):
        next_url = reverse("petitions:answer", kwargs={"pk": answer.pk})  # never leave the portal on a posted URL
    return redirect(next_url)


@login_required
@require_POST
def answer_approve(request, pk):
    return _approve(
        request,
        pk,
        allowed=can_review_answer,
        approve=services.answer_approve,
        done=lambda answer: _("Đã duyệt trả lời kiến nghị số %(n)s.") % {"n": answer.petition.number},
        next_url=request.POST.get("next"),
    )


def _return(request, pk, *, allowed, by_head: bool, done: str):
    answer = _answer_for(request.user, pk)
    if not allowed(request.user, answer):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.answer_return(
                answer=answer,
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
                actor=request.user,
                by_head=by_head,
            )
        except services.AnswerConflict as conflict:
            return _stale(request, answer, conflict)
        except services.AnsweringError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, done)
            return redirect("petitions:answer", pk=answer.pk)
    return render(
        request, "petitions/answer_detail.html", _answer_context(request, answer, return_form=form), status=400
    )


@login_required
@require_POST
def answer_return(request, pk):
    return _return(request, pk, allowed=can_review_answer, by_head=False, done=_("Đã trả lại để cơ quan sửa."))


@login_required
@require_POST
def answer_reopen(request, pk):
    return _return(request, pk, allowed=can_reopen_answer, by_head=False, done=_("Đã mở lại trả lời để cơ quan sửa."))


@login_required
@require_POST
def answer_head_return(request, pk):
    return _return(request, pk, allowed=can_head_review, by_head=True, done=_("Đã trả lại cho chuyên viên sửa."))


@login_required
@require_POST
def answer_head_approve(request, pk):
    return _approve(
        request,
        pk,
        allowed=can_head_review,
        approve=services.answer_head_approve,
        done=lambda answer: _("Đã duyệt, trả lời được chuyển đến Nội vụ."),
    )


@login_required
def answer_diff(request, pk):
    """Compare two saved versions of an answer (default: the two latest different texts)."""
    answer = _answer_for(request.user, pk)
    revisions = list(answer.revisions.select_related("actor").order_by("created_at", "id"))
    by_id = {str(r.pk): r for r in revisions}
    new = by_id.get(request.GET.get("den", "")) or (revisions[-1] if revisions else None)
    old = by_id.get(request.GET.get("tu", ""))
    if old is None and new is not None:
        earlier = [r for r in revisions if (r.created_at, r.pk) < (new.created_at, new.pk) and r.text != new.text]
        old = earlier[-1] if earlier else (revisions[0] if revisions else None)
    rows = diffs.line_diff(old.text if old else "", new.text if new else "")
    return render(
        request,
        "petitions/answer_diff.html",
        {
            "answer": answer,
            "petition": answer.petition,
            "revisions": revisions,
            "old": old,
            "new": new,
            "rows": rows,
            "changed": diffs.has_changes(rows),
        },
    )


# --- Home Affairs: review queue, bulk publication, dashboard -------------------------------------------------------


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
    scope = Q(petition__conference__in=chosen)
    visible = answers_visible_to(request.user).filter(scope)
    waiting_page = Paginator(visible.awaiting_review().for_review_queue(), PAGE_SIZE).get_page(request.GET.get("trang"))
    approved_qs = visible.filter(state=AnswerState.APPROVED).for_review_queue()
    declined = list(
        assignments_visible_to(request.user)
        .filter(scope, status=AssignmentStatus.DECLINED)
        .select_related("petition__conference", "sub_question", "lead_agency")
        .order_by("petition__number")
    )
    publish_form = PublishForm(queryset=approved_qs)
    return render(
        request,
        "petitions/review_queue.html",
        {
            "conferences": conferences,
            "slug": slug,
            "waiting": list(waiting_page.object_list),
            "page": waiting_page,
            "approved": list(approved_qs),
            "declined": declined,
            "publish_form": publish_form,
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
        conference = next((c for c in conferences if c.status not in ("planning", "archived")), conferences[0])
    data = dashboards.answering_dashboard(conference)
    return render(
        request,
        "petitions/dashboard_answering.html",
        {"conferences": conferences, "conference": conference, "data": data, "stages": dashboards.STAGES},
    )


urls = [
    path("hop-thu/", inbox, name="inbox"),
    path("phan-cong/<int:pk>/", assignment_detail, name="assignment"),
    path("phan-cong/<int:pk>/tra-loi/", assignment_answer, name="assignment_answer"),
    path("phan-cong/<int:pk>/tu-choi/", assignment_decline, name="assignment_decline"),
    path("phan-cong/<int:pk>/giao-lai/", assignment_reassign, name="assignment_reassign"),
    path("phan-cong/<int:pk>/giu-nguyen/", assignment_reinstate, name="assignment_reinstate"),
    path("phan-cong/hoi-nghi/<slug:slug>/", assignment_board, name="assignment_board"),
    path("phan-cong/hoi-nghi/<slug:slug>/giao-theo-nhom/", assignment_bulk, name="assignment_bulk"),
    path("phan-cong/kien-nghi/<int:petition_pk>/giao/", assignment_create, name="assignment_create"),
    path("phan-cong/kien-nghi/<int:petition_pk>/tra-loi-tai-hoi-nghi/", answer_on_the_spot, name="answer_on_the_spot"),
    path("tra-loi/<int:pk>/", answer_detail, name="answer"),
    path("tra-loi/<int:pk>/duyet/", answer_approve, name="answer_approve"),
    path("tra-loi/<int:pk>/tra-lai/", answer_return, name="answer_return"),
    path("tra-loi/<int:pk>/mo-lai/", answer_reopen, name="answer_reopen"),
    path("tra-loi/<int:pk>/lanh-dao-duyet/", answer_head_approve, name="answer_head_approve"),
    path("tra-loi/<int:pk>/lanh-dao-tra-lai/", answer_head_return, name="answer_head_return"),
    path("tra-loi/<int:pk>/so-sanh/", answer_diff, name="answer_diff"),
    path("duyet-tra-loi/", review_queue, name="review_queue"),
    path("duyet-tra-loi/cong-bo/", answers_publish, name="answers_publish"),
    path("theo-doi-tra-loi/", dashboard, name="answering_dashboard"),
]
