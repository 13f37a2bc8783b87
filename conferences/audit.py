from django.db import models

from .models import AuditEvent


def record(*, actor, action: str, target: models.Model, conference=None, message: str = "", **data) -> AuditEvent:
    """Write one audit row; services call this inside their transaction so the row and the change land together."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        conference=conference,
        message=message,
        data=data,
    )


def history_for(target: models.Model):
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target.pk).select_related("actor")
