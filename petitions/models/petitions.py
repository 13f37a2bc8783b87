"""A youth petition, its parts and files, and the reads of the petition pages (list, search, merge)."""

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

from .assignments import Assignment


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


# A petition with an approved answer (published or not): what the appendix lists and statistics count as resolved.
ANSWERED_PETITION_STATES = (PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED)

PETITION_TRANSITIONS = {
    PetitionStatus.RECEIVED: (PetitionStatus.FORWARDED, PetitionStatus.ANSWERED, PetitionStatus.MERGED),
    PetitionStatus.FORWARDED: (PetitionStatus.ANSWERED, PetitionStatus.RECEIVED, PetitionStatus.MERGED),
    PetitionStatus.ANSWERED: (PetitionStatus.PUBLISHED, PetitionStatus.FORWARDED),
    PetitionStatus.PUBLISHED: (PetitionStatus.FORWARDED,),
    PetitionStatus.MERGED: (PetitionStatus.RECEIVED,),
}


def searchable_text(content: str, unit: str = "", parts=()) -> str:
    """A petition as search stores it (`search_text`): content, unit and sub-questions, NFC, accents folded. The
    one text petitions are searched and compared on (petitions.similarity), whether stored or still on a form."""
    return fold(" ".join([content, unit, *parts]))


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
            .with_lead_assignments()
            .order_by(F("issue_group__position").asc(nulls_last=True), "issue_group__name", "number")
        )

    def for_export(self):
        """Rows of the Excel export, in the list's order: every row's parts, merged units and lead agencies in a
        fixed number of queries per 1,000 rows; no counts (the export lists them), no search text."""
        return (
            self.select_related("issue_group", "bridge_point")
            .defer("search_text", "submitter_contact")
            .with_lead_assignments()
            .with_merged_units()
            # By position only: the model's order goes through the petition's (a join per 1,000 rows).
            .prefetch_related(Prefetch("sub_questions", queryset=SubQuestion.objects.order_by("position")))
            .order_by(F("issue_group__position").asc(nulls_last=True), "issue_group__name", "number")
        )

    def with_lead_assignments(self):
        """`lead_assignments`: the petition's current assignments (open, declined or answered; withdrawn ones
        aside), part by part, each with its lead agency. A petition keeps its lead agencies once answered and
        published; one answered by two agencies (one per sub-question) has two."""
        current = (
            Assignment.objects.current()
            .select_related("lead_agency", "sub_question")
            .order_by(F("sub_question__position").asc(nulls_first=True), "due_date", "id")
        )
        return self.prefetch_related(Prefetch("assignments", queryset=current, to_attr="lead_assignments"))

    def with_part_count(self):
        return self.annotate(part_count=_row_count(SubQuestion.objects.filter(petition=OuterRef("pk")), "petition"))

    # Answering journey: Home Affairs' board of a conference and its filters.
    def for_board(self):
        """Rows of the board: each petition with its current assignments; counts are correlated per row."""
        current = Assignment.objects.current().for_board().order_by("sub_question__position")
        return (
            self.not_merged()
            .select_related("issue_group")
            .with_part_count()
            .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
            .order_by("issue_group__position", "issue_group__name", "number")
        )

    def unassigned(self):
        """Received and not handed to any agency yet."""
        open_ = Assignment.objects.open().filter(petition=OuterRef("pk"))
        return self.filter(~Exists(open_), status=PetitionStatus.RECEIVED)

    def with_assignment_in(self, status: str):
        return self.filter(Exists(Assignment.objects.filter(petition=OuterRef("pk"), status=status)))

    def overdue_with_agency(self, today):
        """An assignment is still the agency's move and past its due date."""
        return self.filter(Exists(Assignment.objects.overdue_with_agency(today).filter(petition=OuterRef("pk"))))

    def answered(self):
        return self.filter(status__in=ANSWERED_PETITION_STATES)

    def handled_by(self, agency: Agency):
        """Petitions an agency works or worked on (lead or coordinating, a current assignment: open, declined or
        answered), so a published petition is still found under the agency that answered it."""
        mine = Assignment.objects.current().filter(petition=OuterRef("pk"))
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
                queryset=Petition.objects.order_by("number").only("id", "duplicate_of_id", "number", "submitting_unit"),
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
    def is_merged(self) -> bool:
        return self.status == PetitionStatus.MERGED

    @property
    def accepts_assignment(self) -> bool:
        """Merged and published petitions take no new assignment; answered ones may still get a part assigned."""
        return self.status not in (PetitionStatus.MERGED, PetitionStatus.PUBLISHED)

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
        return searchable_text(self.content, self.submitting_unit, sub_questions)

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
