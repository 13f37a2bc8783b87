"""Celery finds the app's tasks here (autodiscovery imports `conclusions.tasks`); each task lives beside its service.

- conclusions.notices.rendering.render_notice_pdf ("conclusions.tasks.render_notice_pdf", the "documents" queue)
- conclusions.notices.rendering.sweep_render_jobs ("conclusions.sweep_render_jobs", beat every minute: render jobs
  never sent, and jobs whose worker is gone)
(the reminder pass is conferences.notifications.reminders: "notifications.run_reminder_pass")
"""

from ..notices import rendering  # noqa: F401
