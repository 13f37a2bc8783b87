"""Celery finds the app's tasks here (autodiscovery imports `conclusions.tasks`); each task lives beside its service.

- conclusions.notices.rendering.render_notice_pdf ("conclusions.tasks.render_notice_pdf", the "documents" queue)
- conclusions.tasks.reminders (the reminder pass)
"""

from ..notices import rendering  # noqa: F401
from . import reminders  # noqa: F401
