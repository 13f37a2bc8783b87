"""Celery finds the app's tasks here (autodiscovery imports `petitions.tasks`); each task lives beside its service.

- petitions.questions.privacy.questions_housekeeping_task ("petitions.questions_housekeeping", nightly by beat)
- petitions.services.intake.reading.read_import ("petitions.read_import", the default queue): an uploaded Excel list
  read and checked in the background.
"""

from .questions import privacy  # noqa: F401
from .services.intake import reading  # noqa: F401
