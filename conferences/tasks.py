"""Celery tasks of the conferences app, found here by autodiscovery (each task lives beside its service)."""

from .notifications.outbox import send_outgoing_email, sweep_outbox  # noqa: F401
from .notifications.reminders import run_reminder_pass  # noqa: F401
