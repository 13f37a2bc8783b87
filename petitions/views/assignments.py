"""One assignment: the officer answers or declines it; Home Affairs assigns, reassigns or keeps it.

Every view: the getter fetches and authorizes (404 outside the user's scope, 403 for the wrong role), one service
acts, the view redirects or shows the page again with the refusal. A stale answer shows both texts (409).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.errors import Conflict, Refused
from conferences.models import AuditEvent
from conferences.once import acts_once
from conferences.permissions import conference_for

from .. import diffs
from ..forms.answering import AnswerForm, AssignmentForm, BulkAssignForm, DeclineForm, ReasonForm, ReassignForm
from ..getters import assignment_for, petition_for
from ..models import Answer, Assignment, AssignmentStatus
from ..permissions import (
    can_assign_petition,
    can_decline_assignment,
    can_manage_answering,
    can_manage_assignment,
    can_write_answer,
    is_agency_head,
    is_lead_officer,
)
from ..services import answering as services


def _history_events(assignment: Assignment):
    return AuditEvent.objects.filter(
        Q(target_type="petitions.assignment", target_id=assignment.pk)
        | Q(target_type="petitions.answer", target_id__in=Answer.objects.filter(assignment=assignment).values("pk"))
    ).select_related("actor")


def _assignment_context(request, assignment: Assignment, **extra) -> dict:
    user = request.user
    answer = getattr(assignment, "answer", None)
    manage = can_manage_assignment(user, assignment)
    writable = can_write_answer(user, assignment)
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
        "overdue": assignment.lateness(timezone.localdate()) == "overdue",
        "events": list(_history_events(assignment)[:100]),
        "revisions": list(answer.revisions.select_related("actor").order_by("-created_at", "-id")) if answer else [],
        "sub_questions": list(assignment.petition.sub_questions.all()),
        "attachments": list(answer.attachments.all()) if answer else [],
    }
    if writable and "form" not in extra:
        context["form"] = AnswerForm(answer=answer)
    if context["can_decline"] and "decline_form" not in extra:
        context["decline_form"] = DeclineForm()
    if manage and assignment.status == AssignmentStatus.DECLINED and "reinstate_form" not in extra:
        context["reinstate_form"] = ReasonForm()
    context.update(extra)
    return context


def _page(request, assignment: Assignment, *, status: int, **extra):
    context = _assignment_context(request, assignment, **extra)
    return render(request, "petitions/assignment_detail.html", context, status=status)


@login_required
def assignment_detail(request, pk):
    assignment = assignment_for(request.user, pk)
    return render(request, "petitions/assignment_detail.html", _assignment_context(request, assignment))


def _conflict_page(request, assignment: Assignment, form: AnswerForm, conflict: Conflict):
    current = conflict.current
    # The officer's text stays in the box; the version moves to the saved one so a second click is deliberate.
    retry = AnswerForm({"text": form.cleaned_data["text"], "version": current.version})
    retry.is_valid()
    conflict_ctx = {
        "current": current,
        "mine": form.cleaned_data["text"],
        "rows": diffs.line_diff(current.text, form.cleaned_data["text"]),
        "message": str(conflict),
        "files_dropped": [upload.original_name for upload in form.cleaned_data.get("attachments") or []],
    }
    return _page(request, assignment, status=409, form=retry, conflict=conflict_ctx)


@login_required
@require_POST
def assignment_answer(request, pk):
    """Save the draft ('save') or save and submit ('submit'). A stale version shows both texts; nothing is lost."""
    assignment = assignment_for(request.user, pk, may=can_write_answer)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, assignment, status=400, form=form)
    submit = request.POST.get("action") == "submit"
    try:
        answer = services.answer_save(
            assignment=assignment,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
            actor=request.user,
            submit=submit,
            is_head=is_agency_head(request.user, assignment.lead_agency),
            attachments=form.cleaned_data["attachments"],
            remove_attachments=[int(x) for x in request.POST.getlist("remove_attachment") if x.isdigit()],
        )
    except Conflict as conflict:
        return _conflict_page(request, assignment, form, conflict)
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return _page(request, assignment, status=400, form=form)
    if submit and answer.waits_for_head:
        messages.success(request, _("Đã gửi lãnh đạo cơ quan duyệt trước khi chuyển Nội vụ."))
    elif submit:
        messages.success(request, _("Đã gửi trả lời cho Nội vụ xem xét."))
    else:
        messages.success(request, _("Đã lưu bản nháp (phiên bản %(v)s).") % {"v": answer.version})
    return redirect("petitions:assignment", pk=assignment.pk)


@login_required
@require_POST
def assignment_decline(request, pk):
    assignment = assignment_for(request.user, pk, may=can_decline_assignment)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.assignment_decline(assignment=assignment, reason=form.cleaned_data["reason"], actor=request.user)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã báo Nội vụ: nội dung không thuộc thẩm quyền của cơ quan."))
            return redirect("petitions:inbox")
    return _page(request, assignment, status=400, decline_form=form, show_decline=True)


@login_required
@require_POST
def assignment_reinstate(request, pk):
    assignment = assignment_for(request.user, pk, may=can_manage_assignment)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.assignment_reinstate(
                assignment=assignment, comment=form.cleaned_data["reason"], actor=request.user
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã giữ nguyên phân công và báo lại cơ quan."))
            return redirect("petitions:assignment", pk=assignment.pk)
    return _page(request, assignment, status=400, reinstate_form=form)


def _previewing(request) -> bool:
    """'Xem trước hạn': validate and show the computed deadline without assigning anything."""
    return "preview" in request.POST


def _form_page(request, template: str, context: dict, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@login_required
def assignment_reassign(request, pk):
    assignment = assignment_for(request.user, pk, may=can_manage_assignment)
    if not assignment.is_open:
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
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã giao lại cho %(agency)s.") % {"agency": new.lead_agency})
            return redirect("petitions:assignment", pk=new.pk)
    context = {"assignment": assignment, "petition": assignment.petition}
    return _form_page(request, "petitions/assignment_reassign.html", context, form)


@login_required
@acts_once
def assignment_create(request, petition_pk):
    petition = petition_for(request.user, petition_pk, may=can_assign_petition)
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
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Đã giao kiến nghị số %(n)s cho %(agency)s, hạn %(due)s.")
                % {"n": petition.number, "agency": assignment.lead_agency, "due": f"{assignment.due_date:%d/%m/%Y}"},
            )
            return redirect("petitions:assignment_board", slug=petition.conference.slug)
    open_assignments = petition.assignments.open().select_related("lead_agency")
    context = {"petition": petition, "open_assignments": open_assignments}
    return _form_page(request, "petitions/assignment_form.html", context, form)


@login_required
def assignment_bulk(request, slug):
    conference = conference_for(request.user, slug, may=can_manage_answering)
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
    return _form_page(request, "petitions/assignment_bulk.html", {"conference": conference}, form)


urls: list = [
    path("phan-cong/<int:pk>/", assignment_detail, name="assignment"),
    path("phan-cong/<int:pk>/tra-loi/", assignment_answer, name="assignment_answer"),
    path("phan-cong/<int:pk>/tu-choi/", assignment_decline, name="assignment_decline"),
    path("phan-cong/<int:pk>/giao-lai/", assignment_reassign, name="assignment_reassign"),
    path("phan-cong/<int:pk>/giu-nguyen/", assignment_reinstate, name="assignment_reinstate"),
    path("phan-cong/hoi-nghi/<slug:slug>/giao-theo-nhom/", assignment_bulk, name="assignment_bulk"),
    path("phan-cong/kien-nghi/<int:petition_pk>/giao/", assignment_create, name="assignment_create"),
]
