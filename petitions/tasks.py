"""Celery finds the app's tasks here (autodiscovery imports `petitions.tasks`); each task lives beside its service.

- petitions.services.intake.reading.read_import ("petitions.read_import", the default queue): an uploaded Excel list
  read and checked in the background.
"""

from .services.intake import reading  # noqa: F401
