"""An uploaded Excel list, kept between its preview and the confirmation so nothing is lost."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference


class ImportBatchStatus(models.TextChoices):
    READING = "reading", _("Đang đọc tệp")
    FAILED = "failed", _("Không đọc được tệp")
    PREVIEW = "preview", _("Đang xem trước")
    IMPORTED = "imported", _("Đã nhập")
    CANCELLED = "cancelled", _("Đã hủy")


class ImportBatch(models.Model):
    """An uploaded Excel list: kept between preview and confirm so nothing is lost."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="import_batches"
    )
    file = models.FileField(_("tệp"), upload_to="imports/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportBatchStatus.choices, default=ImportBatchStatus.READING
    )
    # While the file is read in the background (petitions.services.intake.reading): how far, when last heard of,
    # and why it could not be read.
    progress = models.PositiveSmallIntegerField(_("tiến độ đọc tệp (%)"), default=0)
    heard_at = models.DateTimeField(_("lần báo tiến độ cuối"), null=True, blank=True)
    message = models.TextField(_("lý do không đọc được"), blank=True)
    sheet = models.JSONField(_("các dòng đã đọc"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    imported_count = models.PositiveIntegerField(_("số kiến nghị đã nhập"), default=0)
    report = models.JSONField(_("kết quả kiểm tra"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần nhập Excel")
        verbose_name_plural = _("các lần nhập Excel")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def is_reading(self) -> bool:
        return self.status == ImportBatchStatus.READING

    @property
    def is_failed(self) -> bool:
        return self.status == ImportBatchStatus.FAILED
