"""The email outbox: a row per message is written before anything is sent, and the row decides what goes out.

Guarantees and how they are kept:
1. A message exists once: `OutgoingEmail.dedupe_key` is unique, enqueue() is get-or-create on it.
2. A message is handed to SMTP at most once per claim: deliver() claims the row with one conditional UPDATE
   (pending -> sending); a task that runs twice, a second worker or a duplicate beat tick finds nothing to claim.
3. Nothing is lost when the broker is down: the publish after commit (conferences.background.AfterCommitTask) is
   best effort; the periodic sweeper re-queues every pending row that is due, so the row, not the queue, is the truth.
4. A worker killed between claim and send leaves the row in 'sending'; the sweeper moves rows claimed longer than
   OUTBOX_STUCK_SECONDS ago back to 'pending' and they are sent once.
   The one window no outbox closes: a worker killed after the SMTP server accepted the message but before the row
   was marked sent. The Message-ID is derived from the row, so a duplicate is recognisable by mail servers/clients.
5. SMTP (or text provider) errors retry with exponential backoff (OUTBOX_RETRY_BASE_SECONDS * 2^(attempt-1),
   capped at OUTBOX_RETRY_MAX_SECONDS) for OUTBOX_RETRY_FOR_SECONDS (a day) after the first failure of the run, so a
   long mail-server outage is waited out; only then (or at once for a permanent refusal, or after
   OUTBOX_MAX_ATTEMPTS when that optional cap is set) the row is 'failed'. Failed rows are counted on the admins'
   home page, which resends them (services.outbox_resend_failed).
6. Long waits belong to the sweeper, not to the broker: a retry due later than OUTBOX_TASK_RETRY_MAX_SECONDS is not
   held as a delayed task (a message held past the broker's visibility timeout would be delivered twice and every
   copy would reschedule itself); the sweeper queues the row when it is due.

Rows go by email or by text message (channels.py: SMS/Zalo providers); enqueue() takes an address or a phone
number, so people without an account (a young person who sent a question) are told the same way.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..background import AfterCommitTask
from ..models import TEXT_CHANNELS, EmailState, MessageChannel, OutgoingEmail
from . import channels

log = logging.getLogger(__name__)

# Transient: the server or the network failed, a later attempt may succeed.
TRANSIENT_ERRORS = (smtplib.SMTPException, socket.timeout, ConnectionError, OSError, channels.ChannelError)


def max_attempts() -> int:
    """An optional cap on attempts (0: none, the retry window alone decides)."""
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 0))


def retry_for() -> timedelta:
    """How long a failing message keeps being retried, from the first failure of its current run."""
    return timedelta(seconds=int(getattr(settings, "OUTBOX_RETRY_FOR_SECONDS", 86400)))


def task_retry_max_seconds() -> int:
    """Waits up to this long are held by the task (a delayed retry); longer ones are the sweeper's."""
    return int(getattr(settings, "OUTBOX_TASK_RETRY_MAX_SECONDS", 300))


def stuck_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "OUTBOX_STUCK_SECONDS", 600)))


def backoff_seconds(attempt: int) -> int:
    """Seconds to wait after the attempt-th failure: base, 2*base, 4*base, ... capped."""
    base = int(getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 60))
    cap = int(getattr(settings, "OUTBOX_RETRY_MAX_SECONDS", 3600))
    return min(cap, base * 2 ** max(0, attempt - 1))


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


# 1. Writing the row ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(kind: str, context: dict) -> Rendered:
    """Subject, text and HTML parts from templates/emails/<kind>{_subject.txt,.txt,.html}, in Vietnamese.

    The HTML part autoescapes user text; the text part is plain text and is not HTML-escaped.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override("vi"):
        subject = render_to_string(f"emails/{kind}_subject.txt", context)
        text = render_to_string(f"emails/{kind}.txt", context)
        html = render_to_string(f"emails/{kind}.html", context)
    subject = " ".join(subject.split())[:255]
    return Rendered(subject=subject, text=text.strip() + "\n", html=html)


def render_text(kind: str, context: dict, *, channel: str) -> Rendered:
    """The text of an SMS or Zalo message from templates/texts/<kind>.txt, fitted to the channel (channels.text_for)."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override("vi"):
        text = render_to_string(f"texts/{kind}.txt", context)
    return Rendered(subject="", text=channels.text_for(channel, text), html="")


def enqueue(
    *,
    kind: str,
    dedupe_key: str,
    rendered: Rendered,
    recipient=None,
    to_email: str | None = None,
    to_phone: str = "",
    channel: str = MessageChannel.EMAIL,
    items: list | None = None,
    send: bool = True,
) -> tuple[OutgoingEmail, bool]:
    """Write the outbox row (once per dedupe_key) and publish its send task after the surrounding commit.

    A portal user is told at `recipient.email`; someone without an account at `to_email`, or by text message at
    `to_phone` (`channel` SMS or Zalo). Returns (row, created). Call it inside the transaction that makes the
    message necessary, so the row commits with the change that caused it.
    """
    if to_email is None:
        to_email = recipient.email if recipient is not None else ""
    if channel in TEXT_CHANNELS and not to_phone:
        raise ValueError("a text message needs a phone number")
    with transaction.atomic():
        try:
            email, created = OutgoingEmail.objects.get_or_create(
                dedupe_key=dedupe_key,
                defaults={
                    "recipient": recipient,
                    "to_email": to_email,
                    "channel": channel,
                    "to_phone": to_phone if channel in TEXT_CHANNELS else "",
                    "kind": kind,
                    "subject": rendered.subject,
                    "body_text": rendered.text,
                    "body_html": rendered.html,
                    "items": items or [],
                },
            )
        except IntegrityError:
            # A concurrent writer inserted the same key between our read and our insert.
            email, created = OutgoingEmail.objects.get(dedupe_key=dedupe_key), False
    if created and send:
        dispatch_after_commit(email.pk)
    return email, created


# The publish of a send task, after the surrounding commit (AfterCommitTask). Best effort: with the broker down it
# is logged and the row stays pending for the sweeper. Bounded retries keep a request from hanging on a dead broker.
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def dispatch_after_commit(email_id: int) -> None:
    """Queue the send task once the surrounding transaction commits (at once outside a transaction)."""
    send_outgoing_email.apply_async((email_id,), retry=True, retry_policy=PUBLISH_RETRY)


def publish(email_id: int) -> None:
    """Queue the send task of a row that is committed already (the sweeper's re-queue); same path."""
    dispatch_after_commit(email_id)


# 2. Sending one row ------------------------------------------------------------------------------------------------


class RetryLater(Exception):
    """The send failed transiently (or is not due yet); try again in `countdown` seconds."""

    def __init__(self, countdown: int, error: str = ""):
        super().__init__(error or f"retry in {countdown}s")
        self.countdown = countdown
        self.error = error


def claim(email_id: int, *, now: datetime | None = None) -> bool:
    """pending -> sending for exactly one caller: a conditional UPDATE is atomic on PostgreSQL and SQLite."""
    now = now or timezone.now()
    return bool(
        OutgoingEmail.objects.filter(pk=email_id, state=EmailState.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(state=EmailState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _is_permanent(exc: Exception) -> bool:
    """5xx replies (unknown mailbox, refused sender) and a provider's refusal will not change on a retry."""
    if isinstance(exc, channels.ChannelError):
        return exc.permanent
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and 500 <= exc.smtp_code < 600


def deliver(email_id: int) -> str:
    """Claim, send and mark one row. Returns the resulting state, or 'skipped' when there was nothing to claim.

    Raises RetryLater when the row should be tried again later (SMTP failure below the attempt limit, or a pending
    row whose backoff has not elapsed).
    """
    if not claim(email_id):
        row = OutgoingEmail.objects.filter(pk=email_id).values("state", "next_attempt_at").first()
        if row and row["state"] == EmailState.PENDING and row["next_attempt_at"]:
            wait = (row["next_attempt_at"] - timezone.now()).total_seconds()
            if wait > 0:
                raise RetryLater(int(wait) + 1)
        return "skipped"  # gone, already sent/failed, or another worker holds it
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        channels.send(email)
    except TRANSIENT_ERRORS as exc:
        return _failed(email, exc)
    OutgoingEmail.objects.filter(pk=email_id, state=EmailState.SENDING).update(
        state=EmailState.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None, failing_since=None
    )
    return EmailState.SENT


def gives_up(email: OutgoingEmail, exc: Exception, *, now: datetime) -> bool:
    """A failed attempt is the last one: a permanent refusal, the optional attempt cap, or the retry window spent."""
    if _is_permanent(exc):
        return True
    if max_attempts() and email.attempts >= max_attempts():
        return True
    return email.failing_since is not None and now - email.failing_since >= retry_for()


def _failed(email: OutgoingEmail, exc: Exception) -> str:
    """Record a failed attempt: back to 'pending' with the backoff, or 'failed' for good. Raises RetryLater."""
    error = f"{type(exc).__name__}: {exc}"[:2000]
    now = timezone.now()
    email.failing_since = email.failing_since or now
    if gives_up(email, exc, now=now):
        OutgoingEmail.objects.filter(pk=email.pk, state=EmailState.SENDING).update(
            state=EmailState.FAILED, last_error=error, next_attempt_at=None, failing_since=email.failing_since
        )
        log.error(
            "outbox: message %s (%s) failed for good after %s attempts since %s: %s",
            email.pk,
            email.channel,
            email.attempts,
            email.failing_since.isoformat(),
            error,
        )
        return EmailState.FAILED
    wait = backoff_seconds(email.attempts)
    OutgoingEmail.objects.filter(pk=email.pk, state=EmailState.SENDING).update(
        state=EmailState.PENDING,
        last_error=error,
        next_attempt_at=now + timedelta(seconds=wait),
        failing_since=email.failing_since,
    )
    log.warning("outbox: message %s attempt %s failed, retry in %ss: %s", email.pk, email.attempts, wait, error)
    raise RetryLater(wait, error) from exc


# 3. The sweeper ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    unstuck: int
    queued: list[int]


def sweep(*, now: datetime | None = None, limit: int = 500, publish_rows: bool = True) -> SweepResult:
    """Move rows stuck in 'sending' back to 'pending', then queue every pending row that is due.

    Run periodically by beat. Queueing a row twice is harmless: only one task can claim it.
    """
    now = now or timezone.now()
    unstuck = OutgoingEmail.objects.filter(state=EmailState.SENDING, claimed_at__lt=now - stuck_after()).update(
        state=EmailState.PENDING, next_attempt_at=None, last_error="Worker dừng giữa chừng; gửi lại."
    )
    due = (
        OutgoingEmail.objects.filter(state=EmailState.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = list(due)
    if publish_rows:
        for pk in queued:
            publish(pk)
    return SweepResult(unstuck=unstuck, queued=queued)


def requeue_failed(email_id: int) -> bool:
    """An administrator's 'try again' on a failed row: failed -> pending with a fresh attempt budget."""
    changed = OutgoingEmail.objects.filter(pk=email_id, state=EmailState.FAILED).update(
        state=EmailState.PENDING, attempts=0, next_attempt_at=None, failing_since=None
    )
    if changed:
        dispatch_after_commit(email_id)
    return bool(changed)


# 4. Tasks: thin adapters that take ids (queue "notifications", settings.CELERY_TASK_ROUTES) -------------------------


@shared_task(
    name="notifications.send_outgoing_email",
    base=AfterCommitTask,
    bind=True,
    acks_late=True,
    ignore_result=True,
    max_retries=None,
)
def send_outgoing_email(self, email_id: int) -> str:
    """Send one outbox row. Retries itself after short waits; the row (its window, its state) is the real limit."""
    try:
        return deliver(email_id)
    except RetryLater as later:
        if self.request.is_eager or later.countdown > task_retry_max_seconds():
            # In-process (no broker) there is no timer to wait on, and a long wait is not held by the broker: the
            # sweeper queues the row when it is due.
            return "retry_later"
        raise self.retry(countdown=later.countdown) from None


@shared_task(name="notifications.sweep_outbox", base=AfterCommitTask, acks_late=True, ignore_result=True)
def sweep_outbox() -> dict:
    """Beat, every few minutes: unstick rows a dead worker left in 'sending' and queue every due pending row."""
    result = sweep()
    return {"unstuck": result.unstuck, "queued": len(result.queued)}
