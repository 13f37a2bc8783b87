"""The audit log: who did what, when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conference import Conference


class AuditEvent(models.Model):
    """Who did what, when: every state change writes one row with the acting user."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    action = models.CharField(_("hành động"), max_length=60)
    target_type = models.CharField(_("loại đối tượng"), max_length=60)
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("nội dung"), blank=True)
    data = models.JSONField(_("dữ liệu kèm theo"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm thực hiện"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor} {self.action}"
