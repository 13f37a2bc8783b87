"""Optimistic locking, one way for every object that forms edit: a version counter checked under a row lock.

A form carries the version it was rendered with. The service locks the row, compares, and either raises `Conflict`
(nothing written) or bumps the counter together with its own changes:

    with transaction.atomic():
        answer = locked(Answer.objects.all(), pk=answer.pk, version=form_version, message=_("..."))
        answer.text = text
        bump(answer)
        answer.save(update_fields=["text", "version"])
"""

from django.db import models

from .errors import Conflict


def locked(queryset: models.QuerySet, *, pk, version: int | None, field: str = "version", message: str = ""):
    """The row locked for the rest of the transaction; `Conflict` if its counter is no longer `version`.

    `version=None` means the caller has nothing to compare (a system action): the row is only locked."""
    current = queryset.select_for_update(of=("self",)).get(pk=pk)
    if version is not None and getattr(current, field) != version:
        raise Conflict(message, current=current)
    return current


def bump(obj: models.Model, field: str = "version") -> int:
    """Advance the counter in memory; the caller's save() writes it with the change it guards."""
    setattr(obj, field, getattr(obj, field) + 1)
    return getattr(obj, field)
