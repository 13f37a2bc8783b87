"""Digital signatures of issued notices (conclusions.signing): the issuing bodies' seals, the trust roots uploaded
signatures must chain to, and the signed copies of a notice (the newest is the official copy)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Agency

from .notices import ConclusionNotice


class IssuingSeal(models.Model):
    """The organisation's seal of an issuing body: the key and certificate chain of its PKCS#12, kept encrypted
    with a key derived from SECRET_KEY (conclusions.signing.seal), never with the password it was uploaded with."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.CASCADE, related_name="issuing_seal"
    )
    key_material = models.BinaryField(_("khóa và chuỗi chứng thư (đã mã hóa)"), editable=False)
    subject = models.CharField(_("chủ thể chứng thư"), max_length=500, editable=False)
    issuer = models.CharField(_("tổ chức cấp chứng thư"), max_length=500, editable=False)
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, editable=False)
    not_after = models.DateTimeField(_("hiệu lực đến"), editable=False)
    seal_name = models.CharField(
        _("tên trên con dấu"), max_length=255, blank=True, help_text=_("Để trống: tên đầy đủ của cơ quan.")
    )
    is_demo = models.BooleanField(_("con dấu thử nghiệm"), default=False, editable=False)
    installed_at = models.DateTimeField(_("thời điểm cài đặt"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("con dấu số của cơ quan")
        verbose_name_plural = _("con dấu số của cơ quan")

    def __str__(self):
        return f"{self.agency} – {self.subject}"


class TrustRoot(models.Model):
    """A root certificate an uploaded signature may chain to (besides SIGNATURE_TRUST_ROOTS)."""

    name = models.CharField(_("tên"), max_length=255)
    certificate_pem = models.TextField(_("chứng thư gốc (PEM)"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False)
    is_demo = models.BooleanField(_("CA thử nghiệm"), default=False, editable=False)
    added_at = models.DateTimeField(_("thời điểm thêm"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")

    def __str__(self):
        return self.name


class SignatureSource(models.TextChoices):
    SEAL = "seal", _("Cổng ký bằng con dấu số của cơ quan")
    UPLOAD = "upload", _("Bản đã ký số được tải lên")


def signed_copy_path(instance, filename):
    return f"notices/{instance.notice.conference_id}/signed/{filename}"


class SignedCopyQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class SignedCopy(models.Model):
    """A signed PDF of an issued notice: the frozen PDF plus signature revisions only. The newest is official."""

    notice = models.ForeignKey(
        ConclusionNotice, verbose_name=_("thông báo"), on_delete=models.CASCADE, related_name="signed_copies"
    )
    source = models.CharField(_("nguồn"), max_length=10, choices=SignatureSource.choices)
    file = models.FileField(_("tệp PDF đã ký"), upload_to=signed_copy_path)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    signers = models.JSONField(_("người ký"), default=list, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SignedCopyQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản ký số của thông báo")
        verbose_name_plural = _("bản ký số của thông báo")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.notice.number_label} – {self.get_source_display()}"
