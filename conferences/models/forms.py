"""Form tokens already acted on (conferences.once): a form sent twice, by a double click or a resend, is acted on
once; the second send is sent where the first one went."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormPost(models.Model):
    token = models.CharField(_("mã biểu mẫu"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, db_index=True)
    location = models.CharField(_("trang kết quả"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("lần gửi biểu mẫu")
        verbose_name_plural = _("các lần gửi biểu mẫu")

    def __str__(self):
        return self.token
