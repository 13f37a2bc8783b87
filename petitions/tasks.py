"""Celery finds the app's tasks here (autodiscovery imports `petitions.tasks`); each task lives beside its service.

- petitions.questions.privacy.questions_housekeeping_task ("petitions.questions_housekeeping", nightly by beat)
"""

from .questions import privacy  # noqa: F401
