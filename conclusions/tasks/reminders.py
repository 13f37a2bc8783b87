"""Reminder, digest and outbox tasks: thin adapters that take ids and leave the decisions to the database rows.

All three run on the 'notifications' queue (settings.CELERY_TASK_ROUTES), so slow SMTP retries never hold up
document rendering. acks_late: a message is acknowledged only after the task body returned, so a worker that dies
mid-task leaves the message to be redelivered; the outbox claim makes the redelivery harmless.
"""

from datetime import date

from celery import shared_task

from .. import outbox


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def send_outgoing_email(self, email_id: int) -> str:
    """Send one outbox row. Retries itself with the row's backoff; the row's attempt count is the real limit."""
    try:
        return outbox.deliver(email_id)
    except outbox.RetryLater as later:
        if self.request.is_eager:
            # In-process (no broker): no timer to wait on; the sweeper picks the row up when it is due.
            return "retry_later"
        raise self.retry(countdown=later.countdown) from None


@shared_task(acks_late=True, ignore_result=True)
def sweep_outbox() -> dict:
    """Beat, every few minutes: unstick rows a dead worker left in 'sending' and queue every due pending row."""
    result = outbox.sweep()
    return {"unstuck": result.unstuck, "queued": len(result.queued)}


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=3)
def run_reminder_pass(self, day: str | None = None) -> dict:
    """Beat, every morning: one reminder pass. Safe to run twice (ReminderRecord and the digest key dedupe)."""
    from django.db import OperationalError

    from ..reminders import run_pass

    try:
        result = run_pass(day=date.fromisoformat(day) if day else None)
    except OperationalError as exc:  # database briefly unavailable: the pass is idempotent, so just run it again
        raise self.retry(countdown=60 * (self.request.retries + 1), exc=exc) from exc
    return result.summary()
