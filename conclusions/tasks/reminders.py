"""The daily reminder pass: a thin adapter that leaves the decisions to the database rows.

It runs on the 'notifications' queue (settings.CELERY_TASK_ROUTES), so slow SMTP retries never hold up
document rendering. acks_late: a message is acknowledged only after the task body returned, so a worker that dies
mid-task leaves the message to be redelivered; the outbox claim makes the redelivery harmless.
"""

from datetime import date

from celery import shared_task


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
