"""The office calendar's yearly swaps on top of the holidays package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ bổ sung")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarOverride(models.Model):
    """Days the government moves each year on top of the holidays package (e.g. 2025: 02/05 off, 26/04 worked)."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=CalendarOverrideKind.choices)
    reason = models.CharField(_("lý do / căn cứ"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày nghỉ / ngày làm bù")
        verbose_name_plural = _("lịch nghỉ, làm bù")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"
