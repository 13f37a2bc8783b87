"""The Youth Union's moderation queue of questions sent online (accept, merge, decline) and Home Affairs' page for
one sender's data (export, erase). Every view: the getter fetches and authorizes, one service acts, the view
responds; a refusal is shown as the page's message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.errors import Refused
from conferences.models import IssueGroup

from ..getters import petition_for
from ..permissions import petitions_visible_to
from ..similarity import similar_petitions
from . import moderation, privacy
from .forms import AcceptForm, DeclineForm, MergeForm, SenderRequestForm
from .models import DeclineReason, QuestionState
from .permissions import (
    can_decide,
    can_handle_sender_requests,
    can_moderate,
    question_for,
    questions_for_moderation,
    sender_questions_for,
)

PAGE_SIZE = 20
SUGGESTIONS = 3


def _queue_rows(user, questions) -> list[dict]:
    """Each waiting question with the petitions it resembles (one similarity query per question of the page)."""
    conference_ids = {q.conference_id for q in questions}
    groups: dict[int, list] = {}
    for group in IssueGroup.objects.filter(conference_id__in=conference_ids).order_by("position", "name"):
        groups.setdefault(group.conference_id, []).append(group)
    rows = []
    for question in questions:
        candidates = petitions_visible_to(user, question.conference).not_merged()
        rows.append(
            {
                "question": question,
                "similar": similar_petitions(candidates, question.content, limit=SUGGESTIONS),
                "groups": groups.get(question.conference_id, []),
            }
        )
    return rows


@login_required
def question_queue(request):
    if not can_moderate(request.user):
        raise PermissionDenied
    scope = questions_for_moderation(request.user)
    decided = request.GET.get("xem") == "da-xem-xet"
    if decided:
        questions = scope.exclude(state__in=(QuestionState.UNCONFIRMED, QuestionState.WAITING)).select_related(
            "conference", "bridge_point", "petition", "decided_by"
        )
        page = Paginator(questions.order_by("-decided_at", "-id"), PAGE_SIZE).get_page(request.GET.get("trang"))
        rows = [{"question": q} for q in page.object_list]
    else:
        page = Paginator(scope.for_queue(), PAGE_SIZE).get_page(request.GET.get("trang"))
        rows = _queue_rows(request.user, list(page.object_list))
    return render(
        request,
        "petitions/questions/queue.html",
        {
            "page": page,
            "rows": rows,
            "decided": decided,
            "figures": scope.queue_figures(),
            "reasons": DeclineReason.choices,
            "now": timezone.now(),
        },
    )


def _back(request):
    return redirect(f"{reverse('petitions:question_queue')}#cau-hoi")


@login_required
@require_POST
def question_accept(request, pk):
    question = question_for(request.user, pk, may=can_decide)
    form = AcceptForm(request.POST, conference=question.conference)
    if not form.is_valid():
        messages.error(request, _("Nhóm vấn đề đã chọn không thuộc hội nghị này."))
        return _back(request)
    try:
        petition = moderation.question_accept(
            question=question, actor=request.user, issue_group=form.cleaned_data["issue_group"]
        )
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Đã tiếp nhận câu hỏi thành kiến nghị số %(n)s; người gửi được báo tin.") % {"n": petition.number},
        )
    return _back(request)


def _merge_target(user, question, form):
    data = form.cleaned_data
    if data.get("number"):
        visible = petitions_visible_to(user, question.conference).filter(number=data["number"])
        pk = visible.values_list("pk", flat=True).first()
        if pk is None:
            raise Refused(_("Không có kiến nghị số %(n)s trong phạm vi của bạn.") % {"n": data["number"]})
    else:
        pk = data["suggested"]
    return petition_for(user, pk)


@login_required
@require_POST
def question_merge(request, pk):
    question = question_for(request.user, pk, may=can_decide)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("Số kiến nghị không hợp lệ."))
        return _back(request)
    try:
        into = _merge_target(request.user, question, form)
        moderation.question_merge(question=question, into=into, actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("Đã gộp câu hỏi vào kiến nghị số %(n)s; người gửi được báo tin.") % {"n": into.number}
        )
    return _back(request)


@login_required
@require_POST
def question_decline(request, pk):
    question = question_for(request.user, pk, may=can_decide)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn lý do không tiếp nhận (giải thích thêm tối đa 1.000 ký tự)."))
        return _back(request)
    try:
        moderation.question_decline(
            question=question, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"], actor=request.user
        )
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã không tiếp nhận câu hỏi; người gửi được báo lý do."))
    return _back(request)


@login_required
def sender_requests(request):
    """Home Affairs finds one sender's questions by the contact they gave, then exports or erases their data."""
    if not can_handle_sender_requests(request.user):
        raise PermissionDenied
    # POST only: a person's contact never goes into a URL (server logs, browser history).
    form = SenderRequestForm(request.POST or None)
    questions, contact = None, None
    if form.is_bound and form.is_valid():
        contact = form.cleaned_data["contact"]
        questions = sender_questions_for(request.user, **contact)
        action = request.POST.get("action")
        if action == "export":
            data = privacy.sender_export(questions=questions, actor=request.user, **contact)
            response = HttpResponse(
                data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = 'attachment; filename="du-lieu-nguoi-gui.xlsx"'
            return response
        if action == "erase":
            erased = privacy.sender_erase(questions=questions, actor=request.user, **contact)
            messages.success(
                request, _("Đã xóa họ tên và thông tin liên hệ của người gửi khỏi %(n)s câu hỏi.") % {"n": erased}
            )
            return redirect("petitions:question_sender_requests")
    rows = []
    if questions is not None:
        rows = list(questions.select_related("conference", "bridge_point", "petition").order_by("-created_at"))
    return render(
        request, "petitions/questions/sender_requests.html", {"form": form, "rows": rows, "searched": contact}
    )


urls = [
    path("cau-hoi-truc-tuyen/", question_queue, name="question_queue"),
    path("cau-hoi-truc-tuyen/<int:pk>/tiep-nhan/", question_accept, name="question_accept"),
    path("cau-hoi-truc-tuyen/<int:pk>/gop/", question_merge, name="question_merge"),
    path("cau-hoi-truc-tuyen/<int:pk>/khong-tiep-nhan/", question_decline, name="question_decline"),
    path("cau-hoi-truc-tuyen/yeu-cau-cua-nguoi-gui/", sender_requests, name="question_sender_requests"),
]
