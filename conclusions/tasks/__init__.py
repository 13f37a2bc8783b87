"""Celery tasks of the conclusions app, one module per concern; imported here so autodiscovery finds them."""

from . import documents  # noqa: F401
