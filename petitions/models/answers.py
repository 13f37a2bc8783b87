"""An answer to a petition (or one of its parts), its lifecycle and its history of revisions.

The answer's rules live here and nowhere else: which states the agency may still edit, when a submitted answer
waits for the agency head, when it reaches Home Affairs' review. Python code asks the answer (`answer.is_editable`,
`answer.waits_for_head`); queries ask the QuerySet or the Q builders below (`Answer.objects.awaiting_review()`,
`editable_answer("answer__")` for an assignment's answer).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Agency
from conferences.states import move
from conferences.text import nfc


class AnswerState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại để sửa")
    APPROVED = "approved", _("Đã duyệt")
    PUBLISHED = "published", _("Đã công bố")


ANSWER_TRANSITIONS = {
    AnswerState.DRAFT: (AnswerState.SUBMITTED, AnswerState.APPROVED),
    AnswerState.SUBMITTED: (AnswerState.APPROVED, AnswerState.RETURNED),
    AnswerState.RETURNED: (AnswerState.SUBMITTED,),
    AnswerState.APPROVED: (AnswerState.PUBLISHED, AnswerState.RETURNED),
    AnswerState.PUBLISHED: (AnswerState.RETURNED,),
}
# The agency may still change the text (a draft, or returned for revision); every other state has left the agency.
EDITABLE_ANSWER_STATES = (AnswerState.DRAFT, AnswerState.RETURNED)
SENT_ANSWER_STATES = (AnswerState.SUBMITTED, AnswerState.APPROVED, AnswerState.PUBLISHED)
# Approved by Home Affairs (and perhaps published): frozen until Home Affairs reopens it.
APPROVED_ANSWER_STATES = (AnswerState.APPROVED, AnswerState.PUBLISHED)


class RevisionAction(models.TextChoices):
    """What a revision of an answer records; the history page shows the label."""

    DRAFT_SAVED = "draft_saved", _("Lưu bản nháp")
    SUBMITTED = "submitted", _("Gửi trả lời")
    HEAD_APPROVED = "head_approved", _("Lãnh đạo cơ quan duyệt")
    RETURNED = "returned", _("Trả lại để sửa")
    REOPENED = "reopened", _("Nội vụ mở lại")
    APPROVED = "approved", _("Nội vụ duyệt")
    PUBLISHED = "published", _("Công bố")
    ANSWERED_ON_THE_SPOT = "answered_on_the_spot", _("Trả lời tại hội nghị")
    IMPORTED = "imported", _("Nhập từ văn bản")
    CORRECTED = "corrected", _("Nội vụ sửa câu chữ")


# --- The rules as query conditions; `prefix` reaches an answer from another model ("answer__" from an assignment).


def editable_answer(prefix: str = "") -> Q:
    """The answer is a draft or returned for revision: still the agency's to change."""
    return Q(**{f"{prefix}state__in": EDITABLE_ANSWER_STATES})


def answer_waits_for_head(prefix: str = "") -> Q:
    """Submitted by an officer of an agency whose head must let it go, and not let go yet."""
    return Q(
        **{
            f"{prefix}state": AnswerState.SUBMITTED,
            f"{prefix}agency__requires_head_approval": True,
            f"{prefix}head_approved_at__isnull": True,
        }
    )


def answer_awaits_review(prefix: str = "") -> Q:
    """Submitted and past the agency head where one is required: Home Affairs' move."""
    return Q(**{f"{prefix}state": AnswerState.SUBMITTED}) & (
        Q(**{f"{prefix}agency__isnull": True})
        | Q(**{f"{prefix}agency__requires_head_approval": False})
        | Q(**{f"{prefix}head_approved_at__isnull": False})
    )


class AnswerQuerySet(models.QuerySet):
    def approved_or_published(self):
        return self.filter(state__in=APPROVED_ANSWER_STATES)

    def published(self):
        return self.filter(state=AnswerState.PUBLISHED)

    def editable(self):
        return self.filter(editable_answer())

    def sent(self):
        return self.filter(state__in=SENT_ANSWER_STATES)

    # Answering journey: the review queue and the head's approvals.
    def awaiting_review(self):
        """Submitted and, where the agency requires it, approved by the agency head: Home Affairs' move."""
        return self.filter(answer_awaits_review())

    def awaiting_head(self, agency: Agency):
        return self.filter(answer_waits_for_head(), agency=agency)

    def for_review_queue(self):
        return self.select_related(
            "petition__conference", "petition__issue_group", "sub_question", "agency", "assignment", "author"
        ).order_by("submitted_at", "id")


class Answer(models.Model):
    """The answer to a petition or sub-question. `version` guards against two officers overwriting each other
    (conferences.locking)."""

    petition = models.ForeignKey(
        "petitions.Petition", verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="answers"
    )
    sub_question = models.ForeignKey(
        "petitions.SubQuestion",
        verbose_name=_("câu hỏi thành phần"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
    )
    assignment = models.OneToOneField(
        "petitions.Assignment",
        verbose_name=_("phân công trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    text = models.TextField(_("nội dung giải đáp"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=20, choices=AnswerState.choices, default=AnswerState.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người soạn"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at_conference = models.BooleanField(_("đã trả lời trực tiếp tại hội nghị"), default=False)
    answered_by = models.CharField(
        _("người trả lời tại hội nghị"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Giám đốc Sở Lao động - Thương binh và Xã hội"),
    )
    written_followup_due = models.DateField(_("hẹn trả lời bằng văn bản trước ngày"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến của Nội vụ"), blank=True)
    head_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt (lãnh đạo cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    head_approved_at = models.DateTimeField(_("thời điểm lãnh đạo cơ quan duyệt"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt (Nội vụ)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("thời điểm Nội vụ duyệt"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm công bố"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")
        ordering = ["petition", "sub_question__position", "id"]

    def __str__(self):
        return f"{self.petition.number}: {self.text[:60]}"

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=ANSWER_TRANSITIONS)

    def save(self, *args, **kwargs):
        self.text = nfc(self.text).replace("\r\n", "\n")
        super().save(*args, **kwargs)

    # --- The rules, asked of one answer (the Q builders above ask them of many).

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_ANSWER_STATES

    @property
    def is_returned(self) -> bool:
        return self.state == AnswerState.RETURNED

    @property
    def is_approved(self) -> bool:
        """Approved (perhaps published): frozen until Home Affairs reopens it."""
        return self.state in APPROVED_ANSWER_STATES

    @property
    def needs_head_approval(self) -> bool:
        """The answering agency's head lets its answers go before Home Affairs sees them."""
        return self.agency_id is not None and self.agency.requires_head_approval

    @property
    def waits_for_head(self) -> bool:
        return self.state == AnswerState.SUBMITTED and self.needs_head_approval and self.head_approved_at is None

    @property
    def awaits_review(self) -> bool:
        return self.state == AnswerState.SUBMITTED and not self.waits_for_head


class AnswerRevision(models.Model):
    """Every saved version of an answer with who did what: the history and the diff come from here."""

    answer = models.ForeignKey(Answer, verbose_name=_("trả lời"), on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("phiên bản"))
    text = models.TextField(_("nội dung giải đáp"))
    state = models.CharField(_("trạng thái"), max_length=20, choices=AnswerState.choices)
    action = models.CharField(_("thao tác"), max_length=40, choices=RevisionAction.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm thực hiện"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản trả lời")
        verbose_name_plural = _("lịch sử trả lời")
        ordering = ["answer", "created_at", "id"]

    def __str__(self):
        return f"v{self.version} {self.action}"


def answer_attachment_path(instance, filename):
    answer = instance.answer
    return f"answers/{answer.petition.conference_id}/{answer.petition_id}/{answer.pk}/{filename}"


class AnswerAttachment(models.Model):
    """A file sent with an answer (a decision, a table, a scanned letter), checked by its content like a petition's
    attachments; only the people who may read the answer download it."""

    answer = models.ForeignKey(Answer, verbose_name=_("trả lời"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=answer_attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)

    class Meta:
        verbose_name = _("tệp đính kèm trả lời")
        verbose_name_plural = _("tệp đính kèm trả lời")
        ordering = ["answer", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name
