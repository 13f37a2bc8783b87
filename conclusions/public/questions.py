"""Public pages of questions sent online (no login): the sending form of a conference that collects petitions, the
sender's private tracking page (its token is the only key), the email link's confirmation and the text code.

Plain HTML with no JavaScript, like every public page. The tracking page shows what the token holder sent and what
is public about its petition; it is never cached, indexed, or sent as a referrer.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from conferences.errors import Refused
from conferences.models import TEXT_CHANNELS, Conference
from conferences.notifications.channels import enabled_channels
from conferences.text import fold
from petitions.questions import ratelimit
from petitions.questions.cleaning import mask_email, mask_phone
from petitions.questions.permissions import question_for_token
from petitions.questions.privacy import retention_months
from petitions.questions.progress import progress_of
from petitions.questions.sending import (
    conferences_taking_questions,
    question_confirm,
    question_resend_confirmation,
    question_submit,
)

from . import publication
from .question_forms import CodeForm, QuestionForm, matching_sites, site_options


def collecting_conference_or_404(slug: str) -> Conference:
    conference = conferences_taking_questions().select_related("organising_unit").filter(slug=slug).first()
    if conference is None:
        raise Http404
    return conference


def _private(response):
    """The token is the key: keep the page out of caches, search engines and other sites' referrer logs."""
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: the page's own forms must still send their Origin (CSRF check).
    response["Referrer-Policy"] = "same-origin"
    return response


def collecting_page(request, slug):
    """The public page of a conference that is not concluded yet but takes questions."""
    conference = collecting_conference_or_404(slug)
    return render(request, "public/conference_collecting.html", {"conference": conference})


@require_http_methods(["GET", "POST"])
def question_send(request, slug):
    conference = collecting_conference_or_404(slug)
    sites = site_options(conference)
    query = request.POST.get("tim_noi", "") if request.method == "POST" else request.GET.get("tim_noi", "")
    shown = matching_sites(sites, query) if fold(query) else sites
    searching = request.method == "POST" and request.POST.get("action") == "search"
    status = 200
    if request.method == "POST" and not searching:
        form = QuestionForm(request.POST, conference=conference, sites=sites, shown_sites=shown)
        if form.is_valid():
            try:
                question = question_submit(submission=form.submission(), address=ratelimit.client_address(request))
            except ratelimit.RateLimited as refused:
                form.add_error(None, str(refused))
                status = 429
            except Refused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect("public:question_track", token=question.token)
    else:
        initial = request.POST.dict() if searching else {}
        if len(shown) == 1 and fold(query):
            initial["bridge_point"] = shown[0].pk
        form = QuestionForm(initial=initial, conference=conference, sites=sites, shown_sites=shown)
    context = {
        "conference": conference,
        "form": form,
        "query": query,
        "shown_count": len(shown),
        "site_count": len(sites),
        "months": retention_months(),
        "text_channels": [c for c in enabled_channels() if c in TEXT_CHANNELS],
    }
    return render(request, "public/question_send.html", context, status=status)


def _public_links(progress) -> dict:
    """What the answered stage links to: the public petition page and the issued notice, when they are public."""
    petition = progress.petition
    if petition is None or not progress.is_answered:
        return {"notices": [], "public_conference": None}
    conference = publication.public_conferences().filter(pk=petition.conference_id).first()
    if conference is None:
        return {"notices": [], "public_conference": None}
    return {"notices": publication.public_notices_of(conference), "public_conference": conference}


@require_safe
def question_track(request, token):
    question = question_for_token(token)
    progress = progress_of(question)
    context = {
        "question": question,
        "progress": progress,
        "conference": question.conference,
        "contact": mask_email(question.email)
        if question.notify_by not in TEXT_CHANNELS
        else mask_phone(question.phone),
        "uses_code": question.notify_by in TEXT_CHANNELS,
        "code_form": CodeForm(),
        "track_url": request.build_absolute_uri(),
        **_public_links(progress),
    }
    return _private(render(request, "public/question_track.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def question_confirm_link(request, token, key):
    """The email link: GET shows a button (mail scanners that open links confirm nothing), POST confirms."""
    question = question_for_token(token)
    if question.is_confirmed:
        return redirect("public:question_track", token=token)
    if request.method == "POST":
        try:
            question_confirm(question=question, secret=key)
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Cảm ơn bạn! Câu hỏi đã được xác nhận và chuyển tới Đoàn Thanh niên xem xét."))
        return redirect("public:question_track", token=token)
    response = render(
        request, "public/question_confirm.html", {"question": question, "conference": question.conference}
    )
    return _private(response)


@require_POST
def question_code(request, token):
    question = question_for_token(token)
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("code", [])))
        return redirect("public:question_track", token=token)
    try:
        question_confirm(question=question, secret=form.cleaned_data["code"])
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Cảm ơn bạn! Câu hỏi đã được xác nhận và chuyển tới Đoàn Thanh niên xem xét."))
    return redirect("public:question_track", token=token)


@require_POST
def question_resend(request, token):
    question = question_for_token(token)
    try:
        question_resend_confirmation(question=question)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã gửi lại. Liên kết hoặc mã cũ không còn dùng được."))
    return redirect("public:question_track", token=token)
