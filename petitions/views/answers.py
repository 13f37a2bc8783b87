"""One answer: Home Affairs reviews it (corrects its wording, approves, returns, reopens), the agency head approves
or returns it; its files, history and the comparison of two versions; the answer given live at the conference.

Every view: the getter fetches and authorizes (404 outside the user's scope, 403 for the wrong role), one service
acts against the version the reviewer saw, the view redirects with the result.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.audit import history_for
from conferences.errors import Conflict, Refused
from conferences.once import acts_once

from .. import diffs
from ..forms.answering import CorrectForm, OnTheSpotForm, ReturnForm, VersionForm
from ..getters import answer_attachment_for, answer_for, petition_for
from ..models import Answer, RevisionAction
from ..permissions import (
    assignments_visible_to,
    can_assign_petition,
    can_head_review,
    can_reopen_answer,
    can_review_answer,
)
from ..services import answering as services


@login_required
@acts_once
def answer_on_the_spot(request, petition_pk):
    petition = petition_for(request.user, petition_pk, may=can_assign_petition)
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
        except Refused as refusal:
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


def _with_corrections(revisions: list) -> list:
    """Newest first; a Home Affairs correction carries its diff against the version before it (shown inline)."""
    for newer, older in zip(revisions, revisions[1:], strict=False):
        if newer.action == RevisionAction.CORRECTED:
            newer.diff_rows = [row for row in diffs.line_diff(older.text, newer.text) if row.kind != "same"]
    return revisions


def _answer_context(request, answer: Answer, **extra) -> dict:
    user = request.user
    revisions = _with_corrections(list(answer.revisions.select_related("actor").order_by("-created_at", "-id")))
    context = {
        "answer": answer,
        "petition": answer.petition,
        "revisions": revisions,
        "can_review": can_review_answer(user, answer),
        "can_head_review": can_head_review(user, answer),
        "can_reopen": can_reopen_answer(user, answer),
        "can_open_assignment": answer.assignment_id is not None
        and assignments_visible_to(user).filter(pk=answer.assignment_id).exists(),
        "waits_for_head": answer.waits_for_head,
        "events": list(history_for(answer)[:50]),
        "return_form": None,
        "version_form": None,
        "correct_form": None,
        "attachments": list(answer.attachments.all()),
    }
    if context["can_review"] or context["can_head_review"] or context["can_reopen"]:
        context["return_form"] = ReturnForm(initial={"version": answer.version})
        context["version_form"] = VersionForm(initial={"version": answer.version})
    if context["can_review"]:
        context["correct_form"] = CorrectForm(initial={"version": answer.version, "text": answer.text})
    context.update(extra)
    return context


@login_required
def answer_detail(request, pk):
    answer = answer_for(request.user, pk)
    return render(request, "petitions/answer_detail.html", _answer_context(request, answer))


def _stale(request, answer: Answer, conflict: Conflict):
    messages.error(
        request,
        _("Trả lời đã thay đổi trong khi bạn xem (nay là phiên bản %(v)s). Hãy xem lại.")
        % {"v": conflict.current.version},
    )
    return redirect("petitions:answer", pk=answer.pk)


def _approve(request, pk, *, allowed, approve, done, next_url: str | None = None):
    """Approve at one level (Home Affairs, or the agency head) against the version the reviewer saw."""
    answer = answer_for(request.user, pk, may=allowed)
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        approve(answer=answer, version=form.cleaned_data["version"], actor=request.user)
    except Conflict as conflict:
        return _stale(request, answer, conflict)
    except Refused as refusal:
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


def _return(request, pk, *, allowed, by_head: bool, done: str):
    answer = answer_for(request.user, pk, may=allowed)
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
        except Conflict as conflict:
            return _stale(request, answer, conflict)
        except Refused as refusal:
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
def answer_correct(request, pk):
    """Home Affairs corrects the wording before approving: a revision of its own, approved afterwards."""
    answer = answer_for(request.user, pk, may=can_review_answer)
    form = CorrectForm(request.POST)
    if form.is_valid():
        try:
            services.answer_correct(
                answer=answer,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
                actor=request.user,
            )
        except Conflict as conflict:
            return _stale(request, answer, conflict)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã sửa câu chữ (lưu thành phiên bản mới); kiểm tra lại rồi duyệt."))
            return redirect("petitions:answer", pk=answer.pk)
    return render(
        request, "petitions/answer_detail.html", _answer_context(request, answer, correct_form=form), status=400
    )


@login_required
def answer_attachment_download(request, pk):
    attachment = answer_attachment_for(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def answer_diff(request, pk):
    """Compare two saved versions of an answer (default: the two latest different texts)."""
    answer = answer_for(request.user, pk)
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


urls: list = [
    path("phan-cong/kien-nghi/<int:petition_pk>/tra-loi-tai-hoi-nghi/", answer_on_the_spot, name="answer_on_the_spot"),
    path("tra-loi/<int:pk>/", answer_detail, name="answer"),
    path("tra-loi/<int:pk>/duyet/", answer_approve, name="answer_approve"),
    path("tra-loi/<int:pk>/tra-lai/", answer_return, name="answer_return"),
    path("tra-loi/<int:pk>/mo-lai/", answer_reopen, name="answer_reopen"),
    path("tra-loi/<int:pk>/lanh-dao-duyet/", answer_head_approve, name="answer_head_approve"),
    path("tra-loi/<int:pk>/lanh-dao-tra-lai/", answer_head_return, name="answer_head_return"),
    path("tra-loi/<int:pk>/so-sanh/", answer_diff, name="answer_diff"),
    path("tra-loi/<int:pk>/sua-cau-chu/", answer_correct, name="answer_correct"),
    path("tra-loi/tep/<int:pk>/", answer_attachment_download, name="answer_attachment"),
]
