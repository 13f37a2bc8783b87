from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Agency, BridgePoint, Conference, IssueGroup
from conferences.states import move
from conferences.text import clean, fold, nfc


class Channel(models.TextChoices):
    FORM = "form", _("Phiếu, văn bản")
    SPOKEN = "spoken", _("Phát biểu tại hội nghị")
    MEDIA = "media", _("Phương tiện thông tin đại chúng")
    WEBSITE = "website", _("Trang thông tin điện tử")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan trả lời")
    ANSWERED = "answered", _("Đã có trả lời được duyệt")
    PUBLISHED = "published", _("Đã công bố")
    MERGED = "merged", _("Đã gộp vào kiến nghị khác")


PETITION_TRANSITIONS = {
    PetitionStatus.RECEIVED: (PetitionStatus.FORWARDED, PetitionStatus.ANSWERED, PetitionStatus.MERGED),
    PetitionStatus.FORWARDED: (PetitionStatus.ANSWERED, PetitionStatus.RECEIVED, PetitionStatus.MERGED),
    PetitionStatus.ANSWERED: (PetitionStatus.PUBLISHED, PetitionStatus.FORWARDED),
    PetitionStatus.PUBLISHED: (PetitionStatus.FORWARDED,),
    PetitionStatus.MERGED: (PetitionStatus.RECEIVED,),
}


def _row_count(related: models.QuerySet, key: str):
    counted = related.order_by().values(key).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class PetitionQuerySet(models.QuerySet):
    def in_conference(self, conference: Conference):
        return self.filter(conference=conference)

    def not_merged(self):
        return self.exclude(status=PetitionStatus.MERGED)

    def published(self):
        return self.filter(status=PetitionStatus.PUBLISHED, published_at__isnull=False)

    def search(self, query: str):
        """Accent-folded substring search on every word: 'khoi nghiep' finds 'Khởi nghiệp'."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def for_list(self):
        return self.select_related("issue_group", "bridge_point", "conference").order_by(
            "issue_group__position", "issue_group__name", "number"
        )

    # Intake journey: the petition list, its filters and the merge of duplicates.
    def for_intake_list(self):
        """Rows of the petition list, grouped by issue group: a fixed number of queries whatever the row count."""
        return (
            self.select_related("issue_group", "bridge_point")
            # Correlated counts, not JOIN + GROUP BY: the database computes them for the 50 rows of the page only.
            .annotate(
                part_count=_row_count(SubQuestion.objects.filter(petition=OuterRef("pk")), "petition"),
                merged_count=_row_count(Petition.objects.filter(duplicate_of=OuterRef("pk")), "duplicate_of"),
            )
            .prefetch_related(
                Prefetch(
                    "assignments",
                    queryset=Assignment.objects.open().select_related("lead_agency").order_by("due_date", "id"),
                    to_attr="open_assignments",
                )
            )
            .order_by(F("issue_group__position").asc(nulls_last=True), "issue_group__name", "number")
        )

    def with_open_assignment_to(self, agency: Agency):
        """Petitions an agency is working on (lead or coordinating, assignment still open)."""
        mine = Assignment.objects.open().filter(petition=OuterRef("pk"))
        return self.filter(Exists(mine.filter(Q(lead_agency=agency) | Q(coordinating_agencies=agency))))

    def overdue_on(self, day):
        """Petitions with an open assignment whose due date has passed."""
        return self.filter(Exists(Assignment.objects.open().filter(petition=OuterRef("pk"), due_date__lt=day)))

    def count_by_issue_group(self) -> dict[int | None, int]:
        rows = self.order_by().values("issue_group_id").annotate(n=Count("id"))
        return {row["issue_group_id"]: row["n"] for row in rows}

    def unit_spellings(self, limit: int = 300) -> list[str]:
        """Submitting units as already written, most used first: suggestions for the next entry."""
        rows = self.order_by().values("submitting_unit").annotate(n=Count("id")).order_by("-n", "submitting_unit")
        return [row["submitting_unit"] for row in rows[:limit]]

    def with_merged_units(self):
        """Prefetch the merged duplicates so `submitting_units` lists every unit without a query per row."""
        return self.prefetch_related(
            Prefetch(
                "duplicates",
                queryset=Petition.objects.order_by("number").only("id", "duplicate_of_id", "submitting_unit"),
            )
        )


class Petition(models.Model):
    """A youth petition, question or proposal (ý kiến, kiến nghị, đề xuất)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="petitions"
    )
    number = models.PositiveIntegerField(_("số thứ tự"))
    content = models.TextField(_("nội dung kiến nghị"))
    submitting_unit = models.CharField(
        _("đơn vị kiến nghị"), max_length=255, help_text=_("Ghi như văn bản gốc, ví dụ: Bí thư Đoàn xã Tân Minh")
    )
    bridge_point = models.ForeignKey(
        BridgePoint,
        verbose_name=_("điểm cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    issue_group = models.ForeignKey(
        IssueGroup,
        verbose_name=_("nhóm vấn đề"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    channel = models.CharField(_("hình thức tiếp nhận"), max_length=20, choices=Channel.choices, default=Channel.FORM)
    raised_live = models.BooleanField(_("nêu trực tiếp tại hội nghị"), default=False)
    # Private: never shown on public pages or exports.
    submitter_name = models.CharField(_("họ tên người kiến nghị"), max_length=200, blank=True)
    submitter_contact = models.CharField(_("liên hệ người kiến nghị"), max_length=255, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    # NFC, lower case, accents and đ folded: content + sub-questions + unit; kept in sync by save() and services.
    search_text = models.TextField(_("nội dung tìm kiếm (không dấu)"), editable=False, default="")
    import_batch = models.ForeignKey(
        "ImportBatch",
        verbose_name=_("lần nhập Excel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)
    published_at = models.DateTimeField(_("thời điểm công bố"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["conference", "number"]
        constraints = [models.UniqueConstraint(fields=["conference", "number"], name="petition_number_unique")]
        indexes = [models.Index(fields=["conference", "status"])]

    def __str__(self):
        return f"{self.number}. {self.content[:80]}"

    def get_absolute_url(self):
        return reverse("petitions:detail", kwargs={"pk": self.pk})

    def set_status(self, target: str) -> str:
        return move(self, field="status", target=target, allowed=PETITION_TRANSITIONS)

    @property
    def submitting_units(self) -> list[str]:
        """This petition's unit and the unit of every duplicate merged into it, each once, as written."""
        units = [self.submitting_unit]
        for duplicate in self.duplicates.all():
            if duplicate.submitting_unit not in units:
                units.append(duplicate.submitting_unit)
        return units

    def build_search_text(self, sub_questions: list[str] | None = None) -> str:
        if sub_questions is None:
            sub_questions = [sq.content for sq in self.sub_questions.all()] if self.pk else []
        return fold(" ".join([self.content, self.submitting_unit, *sub_questions]))

    def save(self, *args, **kwargs):
        self.content = nfc(self.content).strip()
        self.submitting_unit = clean(self.submitting_unit)
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)


class SubQuestion(models.Model):
    """One part of a multi-part petition; each is answered under its own starred heading (seed 003)."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="sub_questions"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    content = models.TextField(_("nội dung câu hỏi"))

    class Meta:
        verbose_name = _("câu hỏi thành phần")
        verbose_name_plural = _("câu hỏi thành phần")
        ordering = ["petition", "position"]
        constraints = [models.UniqueConstraint(fields=["petition", "position"], name="subquestion_position_unique")]

    def __str__(self):
        return self.content[:80]

    def save(self, *args, **kwargs):
        self.content = nfc(self.content).strip()
        super().save(*args, **kwargs)


def attachment_path(instance, filename):
    return f"attachments/{instance.petition.conference_id}/{instance.petition_id}/{filename}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(
        Petition, verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path)
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
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.original_name


class ImportBatchStatus(models.TextChoices):
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
        _("trạng thái"), max_length=20, choices=ImportBatchStatus.choices, default=ImportBatchStatus.PREVIEW
    )
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    imported_count = models.PositiveIntegerField(_("số kiến nghị đã nhập"), default=0)
    report = models.JSONField(_("kết quả kiểm tra"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần nhập Excel")
        verbose_name_plural = _("các lần nhập Excel")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name


class DueRule(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("Số ngày theo lịch")
    WORKING_DAYS = "working_days", _("Số ngày làm việc")
    FIXED_DATE = "fixed_date", _("Ngày cố định")
    END_OF_YEAR = "end_of_year", _("Trong năm")


class AssignmentStage(models.TextChoices):
    BEFORE_CONFERENCE = "before", _("Trả lời trước hội nghị")
    AFTER_CONFERENCE = "after", _("Giải quyết sau hội nghị")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Đang xử lý")
    DECLINED = "declined", _("Từ chối – không thuộc thẩm quyền")
    ANSWERED = "answered", _("Đã trả lời")
    WITHDRAWN = "withdrawn", _("Đã thu hồi / giao lại")


ASSIGNMENT_TRANSITIONS = {
    AssignmentStatus.ACTIVE: (AssignmentStatus.DECLINED, AssignmentStatus.ANSWERED, AssignmentStatus.WITHDRAWN),
    AssignmentStatus.DECLINED: (AssignmentStatus.WITHDRAWN, AssignmentStatus.ACTIVE),
    AssignmentStatus.ANSWERED: (AssignmentStatus.ACTIVE,),
    AssignmentStatus.WITHDRAWN: (),
}
OPEN_ASSIGNMENT_STATUSES = (AssignmentStatus.ACTIVE, AssignmentStatus.DECLINED)


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ASSIGNMENT_STATUSES)

    def for_agency(self, agency: Agency):
        return self.filter(Q(lead_agency=agency) | Q(coordinating_agencies=agency)).distinct()

    def overdue(self, today):
        return self.filter(status=AssignmentStatus.ACTIVE, due_date__lt=today)

    # Answering journey: the officer's inbox, Home Affairs' board and the dashboard.
    def for_inbox(self, agency: Agency):
        """An agency's assignments (lead or coordinating, not withdrawn) with everything a row shows."""
        coordinating = Assignment.coordinating_agencies.through.objects.filter(
            assignment_id=OuterRef("pk"), agency=agency
        )
        return (
            self.exclude(status=AssignmentStatus.WITHDRAWN)
            .filter(Q(lead_agency=agency) | Exists(coordinating))
            .select_related(
                "petition__conference", "petition__issue_group", "sub_question", "lead_agency", "answer__agency"
            )
            .order_by("due_date", "petition__number", "id")
        )

    def pending_with_agency(self):
        """Still the agency's move: active, and no answer yet or one being drafted or revised."""
        return self.filter(status=AssignmentStatus.ACTIVE).filter(
            Q(answer__isnull=True) | Q(answer__state__in=[AnswerState.DRAFT, AnswerState.RETURNED])
        )

    def returned_for_revision(self):
        return self.filter(status=AssignmentStatus.ACTIVE, answer__state=AnswerState.RETURNED)

    def search(self, query: str):
        """Accent-folded search on the petition: 'khoi nghiep' finds 'Khởi nghiệp'."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(petition__search_text__contains=word)
        return qs

    def for_board(self):
        return self.select_related("petition", "sub_question", "lead_agency", "answer__agency").prefetch_related(
            "coordinating_agencies"
        )


class Assignment(models.Model):
    """A petition (or one of its sub-questions) handed to a lead agency with a deadline."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="assignments"
    )
    sub_question = models.ForeignKey(
        SubQuestion,
        verbose_name=_("câu hỏi thành phần"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    lead_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan chủ trì"), on_delete=models.PROTECT, related_name="assignments"
    )
    coordinating_agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="coordinated_assignments"
    )
    stage = models.CharField(
        _("giai đoạn"), max_length=10, choices=AssignmentStage.choices, default=AssignmentStage.BEFORE_CONFERENCE
    )
    due_rule = models.CharField(_("cách tính hạn"), max_length=20, choices=DueRule.choices)
    due_rule_count = models.PositiveIntegerField(_("số ngày"), null=True, blank=True)
    due_rule_base = models.DateField(_("tính từ ngày"), null=True, blank=True)
    due_date = models.DateField(_("hạn trả lời"))
    due_explanation = models.TextField(_("cách tính hạn"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    reassign_reason = models.TextField(_("lý do giao lại"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giao"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("thời điểm giao"), default=timezone.now)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công trả lời")
        verbose_name_plural = _("phân công trả lời")
        ordering = ["due_date", "id"]
        constraints = [
            # One open assignment per petition (whole) and one per sub-question.
            models.UniqueConstraint(
                fields=["petition"],
                condition=Q(sub_question__isnull=True, status__in=["active", "declined"]),
                name="one_open_assignment_per_petition",
            ),
            models.UniqueConstraint(
                fields=["sub_question"],
                condition=Q(sub_question__isnull=False, status__in=["active", "declined"]),
                name="one_open_assignment_per_subquestion",
            ),
        ]
        indexes = [models.Index(fields=["lead_agency", "status", "due_date"])]

    def __str__(self):
        return f"{self.petition.number} → {self.lead_agency} ({self.due_date:%d/%m/%Y})"

    def set_status(self, target: str) -> str:
        return move(self, field="status", target=target, allowed=ASSIGNMENT_TRANSITIONS)


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


class AnswerQuerySet(models.QuerySet):
    def approved_or_published(self):
        return self.filter(state__in=[AnswerState.APPROVED, AnswerState.PUBLISHED])

    def published(self):
        return self.filter(state=AnswerState.PUBLISHED)

    # Answering journey: the review queue and the head's approvals.
    def awaiting_review(self):
        """Submitted and, where the agency requires it, approved by the agency head: Home Affairs' move."""
        return self.filter(state=AnswerState.SUBMITTED).filter(
            Q(agency__isnull=True) | Q(agency__requires_head_approval=False) | Q(head_approved_at__isnull=False)
        )

    def awaiting_head(self, agency: Agency):
        return self.filter(
            state=AnswerState.SUBMITTED,
            agency=agency,
            agency__requires_head_approval=True,
            head_approved_at__isnull=True,
        )

    def for_review_queue(self):
        return self.select_related(
            "petition__conference", "petition__issue_group", "sub_question", "agency", "assignment", "author"
        ).order_by("submitted_at", "id")


class Answer(models.Model):
    """The answer to a petition or sub-question. `version` guards against two officers overwriting each other."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="answers"
    )
    sub_question = models.ForeignKey(
        SubQuestion,
        verbose_name=_("câu hỏi thành phần"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
    )
    assignment = models.OneToOneField(
        Assignment,
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


class AnswerRevision(models.Model):
    """Every saved version of an answer with who did what: the history and the diff come from here."""

    answer = models.ForeignKey(Answer, verbose_name=_("trả lời"), on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("phiên bản"))
    text = models.TextField(_("nội dung giải đáp"))
    state = models.CharField(_("trạng thái"), max_length=20, choices=AnswerState.choices)
    action = models.CharField(_("thao tác"), max_length=40)
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


from .live.models import *  # noqa: E402,F401,F403
