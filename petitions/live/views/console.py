"""The moderator's console: one page per conference (queue, shortlist, on air, outcomes), its live fragment, and
the session and projector-link actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..feed import channel_token, counts_of, current_session
from ..forms import AnsweredForm, InWritingForm, MergeForm, QueueFilterForm, ResponderForm
from ..models import LiveEntry
from ..permissions import console_conference_for
from ..reads import console_data, similar_entries, suggested_agency
from ..services import sessions
from ..services.queue import responder_agencies, responder_label
from .common import back, perform


def entry_forms(entry: LiveEntry, *, failed: dict | None = None) -> dict:
    """The forms acting on one question (on the console's on-air card and on the question's page). `failed` holds
    a submitted form that did not go through, shown with its input and errors in place of the blank one."""
    conference = entry.session.conference
    agencies = responder_agencies(conference, entry.session.dialogue_day)
    chair = responder_label(conference, None)
    forms = {
        "responder": ResponderForm(initial={"responder": entry.responder_agency}, agencies=agencies, chair_label=chair),
        "answered": AnsweredForm(initial={"answered_by": entry.responder_label or chair}),
        "in_writing": InWritingForm(initial={"agency": suggested_agency(entry)}, agencies=agencies),
        "merge": MergeForm(session=entry.session),
        **(failed or {}),
    }
    return {**forms, "similar": similar_entries(entry), "chair_label": chair, "failed": next(iter(failed or {}), "")}


def console_context(request, conference) -> dict:
    session = current_session(conference.pk)
    filters = QueueFilterForm(request.GET or None, conference=conference)
    data = console_data(session, filters)
    token = channel_token(conference)
    query = request.GET.urlencode()
    console_url = reverse("live:console", kwargs={"slug": conference.slug})
    context = {
        "conference": conference,
        "session": session,
        "is_live": bool(session and session.is_open),
        "data": data,
        "filters": filters,
        # Forms come back here, also when they were swapped in from the fragment.
        "here": console_url + (f"?{query}" if query else ""),
        "feed_url": reverse("live:feed", kwargs={"slug": conference.slug}),
        "fragment_url": reverse("live:console_fragment", kwargs={"slug": conference.slug})
        + (f"?{query}" if query else ""),
        "screen_link": request.build_absolute_uri(
            reverse("live:screen", kwargs={"slug": conference.slug}) + f"?t={token}"
        )
        if token
        else "",
        "chair_label": responder_label(conference, None),
        "agencies": responder_agencies(conference, session.dialogue_day if session else timezone.localdate()),
        "counts": counts_of(session),
    }
    if data.on_air is not None:
        context["forms"] = entry_forms(data.on_air)
    return context


@login_required
def console(request, slug):
    conference = console_conference_for(request.user, slug)
    return render(request, "live/console.html", console_context(request, conference))


@login_required
def console_fragment(request, slug):
    """The parts of the console that follow the feed (on air, shortlist, queue), swapped in by console.js."""
    conference = console_conference_for(request.user, slug)
    return render(request, "live/_console_live.html", console_context(request, conference))


def _console_url(conference) -> str:
    return reverse("live:console", kwargs={"slug": conference.slug})


@login_required
@require_POST
def session_start(request, slug):
    conference = console_conference_for(request.user, slug)
    perform(
        request,
        lambda: sessions.session_start(conference=conference, actor=request.user),
        _("Hội nghị đang diễn ra: các điểm cầu đã gửi được câu hỏi trực tiếp."),
    )
    return back(request, _console_url(conference))


@login_required
@require_POST
def session_stop(request, slug):
    conference = console_conference_for(request.user, slug)
    session = current_session(conference.pk)
    if session is None or not session.is_open:
        return back(request, _console_url(conference))
    perform(
        request,
        lambda: sessions.session_stop(session=session, actor=request.user),
        _("Đã kết thúc tổng duyệt; dữ liệu tổng duyệt đã xóa.") if session.is_rehearsal else _("Đã kết thúc phiên."),
    )
    return back(request, _console_url(conference))


@login_required
@require_POST
def compiled_list_copy(request, slug):
    conference = console_conference_for(request.user, slug)
    session = current_session(conference.pk)
    if session is not None and session.is_open:
        added = sessions.entries_copy_compiled_list(session=session, actor=request.user)
        messages.success(request, _("Đã thêm %(n)s kiến nghị vào hàng đợi.") % {"n": added})
    return back(request, _console_url(conference))


@login_required
@require_POST
def projector_link_issue(request, slug):
    conference = console_conference_for(request.user, slug)
    perform(
        request,
        lambda: sessions.projector_link_issue(conference=conference, actor=request.user),
        _("Đã cấp liên kết màn hình mới; liên kết cũ (nếu có) không còn dùng được."),
    )
    return back(request, _console_url(conference))


@login_required
@require_POST
def projector_link_revoke(request, slug):
    conference = console_conference_for(request.user, slug)
    perform(
        request,
        lambda: sessions.projector_link_revoke(conference=conference, actor=request.user),
        _("Đã thu hồi liên kết màn hình."),
    )
    return back(request, _console_url(conference))
