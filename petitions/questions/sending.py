"""A young person sends a question (no account) and confirms it: by the link emailed to them (double opt-in) or by
the code texted to their phone. Only a confirmed question reaches the Youth Union's moderation queue.

Refused attempts (limits, bad input) raise `Refused` and store nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.models import TEXT_CHANNELS, BridgePoint, Conference, ConferenceStatus, IssueGroup
from conferences.notifications.channels import enabled_channels

from . import notifications, ratelimit
from .cleaning import clean_line, clean_text
from .models import CONTENT_MAX_CHARS, CONTENT_MIN_CHARS, QuestionState, YouthQuestion

# Conferences take questions from young people while they collect petitions (the plan's intake period).
QUESTION_STATUSES = (ConferenceStatus.COLLECTING,)
MAX_CONFIRM_SENDS = 3
RESEND_AFTER_SECONDS = 60
MAX_CODE_ATTEMPTS = 5


def limits() -> tuple[ratelimit.Limit, ratelimit.Limit]:
    count = int(getattr(settings, "QUESTION_RATE_LIMIT", 5))
    return ratelimit.Limit("question-address", count), ratelimit.Limit("question-contact", count)


def conferences_taking_questions():
    return Conference.objects.filter(status__in=QUESTION_STATUSES)


def takes_questions(conference: Conference) -> bool:
    return conference.status in QUESTION_STATUSES


@dataclass
class Submission:
    """What the public form sends, already validated by the form (types, lengths, the phone number's format)."""

    conference: Conference
    bridge_point: BridgePoint
    content: str
    notify_by: str
    email: str = ""
    phone: str = ""
    sender_name: str = ""
    issue_group: IssueGroup | None = None


def _check(submission: Submission) -> None:
    conference = submission.conference
    if not takes_questions(conference):
        raise Refused(_("Hội nghị này hiện không nhận câu hỏi trực tuyến."))
    if submission.bridge_point.conference_id != conference.pk:
        raise Refused(_("Xã, phường đã chọn không thuộc hội nghị này."))
    if submission.issue_group is not None and submission.issue_group.conference_id != conference.pk:
        raise Refused(_("Nhóm vấn đề đã chọn không thuộc hội nghị này."))
    if not CONTENT_MIN_CHARS <= len(submission.content) <= CONTENT_MAX_CHARS:
        raise Refused(
            _("Nội dung câu hỏi cần từ %(min)s đến %(max)s ký tự.")
            % {"min": CONTENT_MIN_CHARS, "max": CONTENT_MAX_CHARS}
        )
    if submission.notify_by not in enabled_channels():
        raise Refused(_("Kênh nhận tin đã chọn hiện chưa hoạt động; hãy chọn thư điện tử."))
    if submission.notify_by in TEXT_CHANNELS and not submission.phone:
        raise Refused(_("Nhập số điện thoại để nhận mã xác nhận qua tin nhắn."))
    if submission.notify_by not in TEXT_CHANNELS and not submission.email:
        raise Refused(_("Nhập địa chỉ thư điện tử để nhận liên kết xác nhận."))


def _check_limits(submission: Submission, address: str) -> str:
    """Per client address and per contact; returns the address digest stored for the database fallback."""
    per_address, per_contact = limits()
    digest = ratelimit.digest(address)
    ratelimit.check(
        per_address,
        address,
        stored=lambda since: YouthQuestion.objects.filter(address_digest=digest, created_at__gte=since).count(),
        message=_(
            "Từ địa chỉ mạng này đã có %(n)s câu hỏi được gửi trong một giờ qua. Vui lòng thử lại sau một giờ; "
            "câu hỏi vừa nhập chưa được lưu."
        )
        % {"n": per_address.count},
    )
    for field, value in (("email", submission.email), ("phone", submission.phone)):
        ratelimit.check(
            per_contact,
            value,
            stored=lambda since, f=field, v=value: YouthQuestion.objects.filter(
                **{f: v, "created_at__gte": since}
            ).count(),
            message=_(
                "Thông tin liên hệ này đã được dùng để gửi %(n)s câu hỏi trong một giờ qua. Vui lòng thử lại sau; "
                "câu hỏi vừa nhập chưa được lưu."
            )
            % {"n": per_contact.count},
        )
    return digest


def _hash(question: YouthQuestion, secret: str) -> str:
    return hashlib.sha256(f"{question.token}:{secret}".encode()).hexdigest()


def _new_secret(question: YouthQuestion) -> str:
    """A fresh link key (email) or 6-digit code (text), stored hashed; the previous one stops working."""
    secret = f"{secrets.randbelow(10**6):06d}" if question.notify_by in TEXT_CHANNELS else secrets.token_urlsafe(24)
    question.confirm_hash = _hash(question, secret)
    question.confirm_sent_at = timezone.now()
    question.confirm_sends += 1
    question.confirm_attempts = 0
    return secret


def question_submit(*, submission: Submission, address: str) -> YouthQuestion:
    """Store a question (unconfirmed) and send its confirmation link or code; the limits are checked first."""
    submission.content = clean_text(submission.content)
    submission.sender_name = clean_line(submission.sender_name)
    _check(submission)
    digest = _check_limits(submission, address)
    with transaction.atomic():
        question = YouthQuestion(
            conference=submission.conference,
            bridge_point=submission.bridge_point,
            issue_group=submission.issue_group,
            content=submission.content,
            sender_name=submission.sender_name,
            email=submission.email,
            phone=submission.phone,
            notify_by=submission.notify_by,
            address_digest=digest,
            token=secrets.token_urlsafe(24),
        )
        secret = _new_secret(question)
        question.save()
        notifications.send_confirmation(question, secret)
        record(actor=None, action="question.submit", target=question, conference=submission.conference)
    return question


def _expired(question: YouthQuestion) -> bool:
    return timezone.now() >= question.expires_at


def _secret_problem(question: YouthQuestion, secret: str) -> tuple[str, bool]:
    """Why this secret does not confirm the question ('' when it does), and whether it was a wrong guess (counted
    against MAX_CODE_ATTEMPTS)."""
    if _expired(question):
        return _(
            "Câu hỏi chưa được xác nhận trong 48 giờ nên đã hết hạn và sẽ bị xóa. Vui lòng gửi lại câu hỏi."
        ), False
    if question.confirm_attempts >= MAX_CODE_ATTEMPTS:
        return _("Đã nhập sai mã quá %(n)s lần. Hãy bấm “Gửi lại mã” để nhận mã mới.") % {"n": MAX_CODE_ATTEMPTS}, False
    is_code = question.notify_by in TEXT_CHANNELS
    if is_code and timezone.now() > question.confirm_sent_at + timedelta(minutes=notifications.CODE_MINUTES):
        return _("Mã xác nhận đã hết hạn. Hãy bấm “Gửi lại mã” để nhận mã mới."), False
    if not question.confirm_hash or not hmac.compare_digest(question.confirm_hash, _hash(question, secret.strip())):
        if is_code:
            return _("Mã xác nhận không đúng."), True
        return _("Liên kết xác nhận không đúng hoặc đã được thay bằng liên kết mới."), True
    return "", False


def question_confirm(*, question: YouthQuestion, secret: str) -> YouthQuestion:
    """The link key or the code confirms the question: it enters moderation. A second confirmation changes nothing;
    a wrong code counts against MAX_CODE_ATTEMPTS (the count is kept although the confirmation is refused)."""
    with transaction.atomic():
        question = YouthQuestion.objects.select_for_update().get(pk=question.pk)
        if question.is_confirmed:
            return question
        problem, wrong_guess = _secret_problem(question, secret)
        if not problem:
            question.set_state(QuestionState.WAITING)
            question.confirmed_at = timezone.now()
            question.confirm_hash = ""
            question.save(update_fields=["state", "confirmed_at", "confirm_hash"])
            record(actor=None, action="question.confirm", target=question, conference=question.conference)
            return question
        if wrong_guess:
            question.confirm_attempts += 1
            question.save(update_fields=["confirm_attempts"])
    raise Refused(problem)


def question_resend_confirmation(*, question: YouthQuestion) -> YouthQuestion:
    """A new link or code (the old one stops working), at most MAX_CONFIRM_SENDS in all, one a minute."""
    with transaction.atomic():
        question = YouthQuestion.objects.select_for_update().select_related("conference").get(pk=question.pk)
        if question.is_confirmed:
            raise Refused(_("Câu hỏi đã được xác nhận."))
        if _expired(question):
            raise Refused(_("Câu hỏi chưa được xác nhận trong 48 giờ nên đã hết hạn. Vui lòng gửi lại câu hỏi."))
        if question.confirm_sends >= MAX_CONFIRM_SENDS:
            raise Refused(_("Đã gửi mã xác nhận %(n)s lần; không gửi thêm được.") % {"n": MAX_CONFIRM_SENDS})
        if question.confirm_sent_at and timezone.now() < question.confirm_sent_at + timedelta(
            seconds=RESEND_AFTER_SECONDS
        ):
            raise Refused(_("Vui lòng đợi một phút rồi bấm gửi lại."))
        secret = _new_secret(question)
        question.save(update_fields=["confirm_hash", "confirm_sent_at", "confirm_sends", "confirm_attempts"])
        notifications.send_confirmation(question, secret)
        record(actor=None, action="question.resend_confirmation", target=question, conference=question.conference)
    return question
