"""A question a young person sends online (no account), its confirmation, its moderation and the sender's contact.

The lifecycle (QUESTION_TRANSITIONS): unconfirmed -> waiting (the email link or the text code confirmed it) ->
accepted (a new petition, channel "website") / merged (into an existing petition) / declined (with a reason).
An unconfirmed question is deleted QUESTION_CONFIRM_HOURS after it was sent (it never entered moderation).

Private: `sender_name`, `email`, `phone` and `address_digest` are the sender's personal data (Decree 13/2023).
They are never shown on public pages, in exports or to agencies, and are erased (`contact_erased_at`) a set number
of months after the conference's conclusion notice; the question, its petition and the answer stay.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import BridgePoint, Conference, IssueGroup, MessageChannel
from conferences.states import move

QUESTION_CONFIRM_HOURS = 48
CONTENT_MIN_CHARS = 10
CONTENT_MAX_CHARS = 2000
NAME_MAX_CHARS = 100


class QuestionState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Chờ người gửi xác nhận")
    WAITING = "waiting", _("Chờ Đoàn Thanh niên xem xét")
    ACCEPTED = "accepted", _("Đã tiếp nhận thành kiến nghị")
    MERGED = "merged", _("Đã gộp vào kiến nghị có sẵn")
    DECLINED = "declined", _("Không tiếp nhận")


QUESTION_TRANSITIONS = {
    QuestionState.UNCONFIRMED: (QuestionState.WAITING,),
    QuestionState.WAITING: (QuestionState.ACCEPTED, QuestionState.MERGED, QuestionState.DECLINED),
    QuestionState.ACCEPTED: (),
    QuestionState.MERGED: (),
    QuestionState.DECLINED: (),
}
# Moderated: the question became (or joined) a petition the sender now follows.
FOLLOWING_STATES = (QuestionState.ACCEPTED, QuestionState.MERGED)


class DeclineReason(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("Nội dung không thuộc phạm vi đối thoại với thanh niên của địa phương")
    UNCLEAR = "unclear", _("Nội dung chưa rõ, chưa đủ để chuyển cơ quan có thẩm quyền trả lời")
    ALREADY_ANSWERED = "already_answered", _("Câu hỏi đã được trả lời công khai trước đây")
    INAPPROPRIATE = "inappropriate", _("Nội dung không phù hợp (xúc phạm, quảng cáo, thông tin sai sự thật)")
    OTHER = "other", _("Lý do khác")


class YouthQuestionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=QuestionState.WAITING)

    def unconfirmed_before(self, moment):
        """Unconfirmed questions sent before `moment` (expired when moment = now - QUESTION_CONFIRM_HOURS)."""
        return self.filter(state=QuestionState.UNCONFIRMED, created_at__lt=moment)

    def expired(self, now=None):
        return self.unconfirmed_before((now or timezone.now()) - timedelta(hours=QUESTION_CONFIRM_HOURS))

    def following(self, petition_ids):
        """Questions whose sender follows one of these petitions: accepted or merged into it, or into a petition
        Home Affairs later merged into it as a duplicate."""
        return self.filter(state__in=FOLLOWING_STATES).filter(
            Q(petition_id__in=petition_ids) | Q(petition__duplicate_of_id__in=petition_ids)
        )

    def with_contact(self):
        return self.filter(contact_erased_at__isnull=True)

    def of_sender(self, *, email: str = "", phone: str = ""):
        """Every question one person sent, by the address or the phone number they gave (exact, normalised)."""
        match = Q(pk__in=[])
        if email:
            match |= Q(email__iexact=email)
        if phone:
            match |= Q(phone=phone)
        return self.filter(match)

    def for_queue(self):
        return (
            self.waiting()
            .select_related("conference", "bridge_point__unit__parent", "issue_group")
            .order_by("confirmed_at", "id")
        )

    def queue_figures(self) -> dict:
        """Counts by state and the oldest waiting question, in one query (the dashboard card)."""
        return self.aggregate(
            waiting=Count("pk", filter=Q(state=QuestionState.WAITING)),
            accepted=Count("pk", filter=Q(state=QuestionState.ACCEPTED)),
            merged=Count("pk", filter=Q(state=QuestionState.MERGED)),
            declined=Count("pk", filter=Q(state=QuestionState.DECLINED)),
            oldest=Min("confirmed_at", filter=Q(state=QuestionState.WAITING)),
        )


class YouthQuestion(models.Model):
    """A question or proposal sent online by a young person before the dialogue (ý kiến, kiến nghị gửi trực tuyến)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="youth_questions"
    )
    bridge_point = models.ForeignKey(
        BridgePoint, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="youth_questions"
    )
    issue_group = models.ForeignKey(
        IssueGroup,
        verbose_name=_("nhóm vấn đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="youth_questions",
    )
    content = models.TextField(_("nội dung câu hỏi, kiến nghị"))
    # The sender's personal data: private, erased after the retention period.
    sender_name = models.CharField(_("họ tên người gửi"), max_length=NAME_MAX_CHARS, blank=True)
    email = models.EmailField(_("thư điện tử người gửi"), blank=True, db_index=True)
    phone = models.CharField(_("số điện thoại người gửi"), max_length=15, blank=True, db_index=True)
    address_digest = models.CharField(_("dấu địa chỉ mạng (đã băm)"), max_length=32, blank=True, db_index=True)
    notify_by = models.CharField(
        _("nhận tin qua"), max_length=10, choices=MessageChannel.choices, default=MessageChannel.EMAIL
    )
    # The sender's private link (/cong-khai/cau-hoi/<token>/): unguessable, in every message.
    token = models.CharField(_("mã theo dõi"), max_length=64, unique=True, editable=False)
    # The email link's key or the text code, hashed; single use.
    confirm_hash = models.CharField(_("mã xác nhận (đã băm)"), max_length=64, blank=True, editable=False)
    confirm_sent_at = models.DateTimeField(_("thời điểm gửi mã xác nhận"), null=True, blank=True)
    confirm_sends = models.PositiveSmallIntegerField(_("số lần gửi mã xác nhận"), default=0)
    confirm_attempts = models.PositiveSmallIntegerField(_("số lần nhập mã sai"), default=0)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=QuestionState.choices, default=QuestionState.UNCONFIRMED
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="youth_questions",
    )
    decline_reason = models.CharField(
        _("lý do không tiếp nhận"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    decline_text = models.TextField(_("giải thích thêm"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    decided_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("thời điểm xóa thông tin liên hệ"), null=True, blank=True)

    objects = YouthQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi gửi trực tuyến")
        verbose_name_plural = _("câu hỏi gửi trực tuyến")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "confirmed_at"]), models.Index(fields=["conference", "state"])]

    def __str__(self):
        return f"{self.get_state_display()}: {self.content[:60]}"

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=QUESTION_TRANSITIONS)

    @property
    def expires_at(self):
        return self.created_at + timedelta(hours=QUESTION_CONFIRM_HOURS)

    @property
    def is_confirmed(self) -> bool:
        return self.state != QuestionState.UNCONFIRMED

    @property
    def has_contact(self) -> bool:
        return self.contact_erased_at is None and bool(self.email or self.phone)

    @property
    def reason_text(self) -> str:
        """What the sender is told: the chosen reason, then what the moderator wrote."""
        parts = [str(self.get_decline_reason_display()) if self.decline_reason != DeclineReason.OTHER else ""]
        parts.append(self.decline_text)
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."
