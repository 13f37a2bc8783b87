"""The moderator's actions on one question: shortlist and order, on air, who answers, and the outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.errors import Refused

from ..forms import AnsweredForm, InWritingForm, MergeForm, ResponderForm
from ..permissions import console_conference_for, entry_for
from ..services import outcomes, queue
from .common import back, perform
from .console import entry_forms


def _entry(request, slug, pk):
    conference = console_conference_for(request.user, slug)
    return entry_for(request.user, conference, pk)


def _console(entry) -> str:
    return reverse("live:console", kwargs={"slug": entry.session.conference.slug})


def _page(request, entry, *, failed: dict | None = None, status: int = 200):
    return render(
        request,
        "live/entry.html",
        {
            "conference": entry.session.conference,
            "entry": entry,
            "forms": entry_forms(entry, failed=failed),
            "here": request.POST.get("next") or _console(entry),
        },
        status=status,
    )


@login_required
def entry_detail(request, slug, pk):
    return _page(request, _entry(request, slug, pk))


@login_required
@require_POST
def entry_shortlist(request, slug, pk):
    entry = _entry(request, slug, pk)
    on = request.POST.get("on") == "1"
    perform(request, lambda: queue.entry_shortlist(entry=entry, on=on, actor=request.user))
    return back(request, _console(entry))


@login_required
@require_POST
def entry_move(request, slug, pk):
    entry = _entry(request, slug, pk)
    offset = -1 if request.POST.get("huong") == "len" else 1
    perform(request, lambda: queue.entry_move(entry=entry, offset=offset, actor=request.user))
    return back(request, _console(entry))


def _responder(request, entry, service, done: str):
    form = ResponderForm(
        request.POST,
        agencies=queue.responder_agencies(entry.session.conference, entry.session.dialogue_day),
        chair_label=queue.responder_label(entry.session.conference, None),
    )
    if not form.is_valid():
        messages.error(request, _("Chọn người trả lời trong danh sách."))
        return back(request, _console(entry))
    perform(request, lambda: service(entry=entry, responder=form.cleaned_data["responder"], actor=request.user), done)
    return back(request, _console(entry))


@login_required
@require_POST
def entry_on_air(request, slug, pk):
    entry = _entry(request, slug, pk)
    return _responder(
        request, entry, queue.entry_put_on_air, _("Đã lên sóng câu hỏi %(label)s.") % {"label": entry.label}
    )


@login_required
@require_POST
def entry_set_responder(request, slug, pk):
    return _responder(request, _entry(request, slug, pk), queue.entry_set_responder, "")


@login_required
@require_POST
def entry_back_to_queue(request, slug, pk):
    entry = _entry(request, slug, pk)
    perform(request, lambda: queue.entry_back_to_queue(entry=entry, actor=request.user))
    return back(request, _console(entry))


def _outcome(request, entry, *, which: str, form, act, done: str):
    """Validate, record through the service; a bad form or a refusal shows the question's page with the input kept."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, done)
            return back(request, _console(entry))
    return _page(request, entry, failed={which: form}, status=400)


@login_required
@require_POST
def entry_answered(request, slug, pk):
    entry = _entry(request, slug, pk)
    return _outcome(
        request,
        entry,
        which="answered",
        form=AnsweredForm(request.POST),
        act=lambda data: outcomes.entry_answered(
            entry=entry, answered_by=data["answered_by"], summary=data["summary"], actor=request.user
        ),
        done=_("Câu hỏi %(label)s: đã trả lời tại chỗ.") % {"label": entry.label},
    )


@login_required
@require_POST
def entry_in_writing(request, slug, pk):
    entry = _entry(request, slug, pk)
    agencies = queue.responder_agencies(entry.session.conference, entry.session.dialogue_day)
    return _outcome(
        request,
        entry,
        which="in_writing",
        form=InWritingForm(request.POST, agencies=agencies),
        act=lambda data: outcomes.entry_in_writing(
            entry=entry, agency=data["agency"], working_days=data["working_days"], actor=request.user
        ),
        done=_("Câu hỏi %(label)s: ghi nhận, trả lời bằng văn bản.") % {"label": entry.label},
    )


@login_required
@require_POST
def entry_merge(request, slug, pk):
    entry = _entry(request, slug, pk)
    return _outcome(
        request,
        entry,
        which="merge",
        form=MergeForm(request.POST, session=entry.session),
        act=lambda data: outcomes.entry_merge(entry=entry, into=data["into"], actor=request.user),
        done=_("Câu hỏi %(label)s đã được gộp.") % {"label": entry.label},
    )
