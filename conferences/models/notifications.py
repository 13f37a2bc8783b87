"""Telling people: the email outbox, in-app notifications and the record of reminders already given."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..states import move


class EmailState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi thất bại")


class MessageChannel(models.TextChoices):
    """How an outbox message travels: email to an address, or a text message (SMS, Zalo) to a phone number."""

    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Tin nhắn Zalo")


TEXT_CHANNELS = (MessageChannel.SMS, MessageChannel.ZALO)

EMAIL_TRANSITIONS = {
    EmailState.PENDING: (EmailState.SENDING, EmailState.FAILED),
    EmailState.SENDING: (EmailState.SENT, EmailState.PENDING, EmailState.FAILED),
    EmailState.SENT: (),
    EmailState.FAILED: (EmailState.PENDING,),
}


class OutgoingEmailQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(state=EmailState.FAILED)


class OutgoingEmail(models.Model):
    """Outbox row written before sending: the row, not the queue, is the truth about what must go out.

    Most rows are emails to a portal user (`recipient`, `to_email`); a young person who sent a question has no
    account, so a row may have no recipient and travel by text message (`channel`, `to_phone`)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outgoing_emails",
    )
    to_email = models.EmailField(_("địa chỉ thư nhận"), blank=True)
    channel = models.CharField(
        _("kênh gửi"), max_length=10, choices=MessageChannel.choices, default=MessageChannel.EMAIL
    )
    to_phone = models.CharField(_("số điện thoại nhận"), max_length=20, blank=True)
    kind = models.CharField(_("loại thư"), max_length=40)
    # Unique per message the system means to send once (e.g. 'digest:2026-11-22:user:7').
    dedupe_key = models.CharField(_("khóa chống gửi trùng"), max_length=200, unique=True)
    subject = models.CharField(_("tiêu đề thư"), max_length=255)
    body_text = models.TextField(_("nội dung (văn bản thuần)"))
    body_html = models.TextField(_("nội dung (HTML)"), blank=True)
    items = models.JSONField(_("các việc trong thư"), default=list, blank=True)
    state = models.CharField(_("trạng thái"), max_length=20, choices=EmailState.choices, default=EmailState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    claimed_at = models.DateTimeField(_("thời điểm nhận gửi"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("thời điểm gửi lại"), null=True, blank=True)
    # When the current run of failed attempts began: retries go on until OUTBOX_RETRY_FOR_SECONDS after it.
    failing_since = models.DateTimeField(_("gửi lỗi từ"), null=True, blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} → {self.address} ({self.get_state_display()})"

    @property
    def address(self) -> str:
        """Where the message goes: the email address, or the phone number of a text message."""
        return self.to_phone if self.channel in TEXT_CHANNELS else self.to_email

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=EMAIL_TRANSITIONS)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self, user):
        return self.filter(user=user).order_by("-created_at", "-id")


class Notification(models.Model):
    """An in-app notice in the user's list; unread until opened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=40)
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    dedupe_key = models.CharField(_("khóa chống trùng"), max_length=200)
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo trong hệ thống")
        verbose_name_plural = _("thông báo trong hệ thống")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_once_per_user")]

    def __str__(self):
        return self.text


class ReminderRecord(models.Model):
    """A reminder for one item at one stage to one person: recorded once, never sent twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(_("việc được nhắc"), max_length=120, help_text="e.g. assignment:42")
    stage = models.CharField(_("mốc nhắc"), max_length=40, help_text="e.g. due_soon, due_today, overdue:1, escalated")
    email = models.ForeignKey(
        OutgoingEmail, verbose_name=_("thư đi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        constraints = [models.UniqueConstraint(fields=["user", "item_key", "stage"], name="reminder_once_per_stage")]

    def __str__(self):
        return f"{self.item_key} {self.stage}"
