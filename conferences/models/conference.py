"""A dialogue conference, its bridge points, issue groups and the Youth Union's hand-over of its list."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..states import move
from ..text import clean
from .people import Agency
from .units import AdministrativeUnit


class ConferenceLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class ConferenceForm(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Trực tiếp kết hợp trực tuyến")


class ConferenceStatus(models.TextChoices):
    PLANNING = "planning", _("Lập kế hoạch")
    COLLECTING = "collecting", _("Tiếp nhận kiến nghị")
    ANSWERING = "answering", _("Chuẩn bị trả lời")
    HELD = "held", _("Đã tổ chức")
    CONCLUDED = "concluded", _("Đã ban hành kết luận")
    ARCHIVED = "archived", _("Lưu trữ")


CONFERENCE_TRANSITIONS = {
    ConferenceStatus.PLANNING: (ConferenceStatus.COLLECTING,),
    ConferenceStatus.COLLECTING: (ConferenceStatus.ANSWERING, ConferenceStatus.PLANNING),
    ConferenceStatus.ANSWERING: (ConferenceStatus.HELD, ConferenceStatus.COLLECTING),
    ConferenceStatus.HELD: (ConferenceStatus.CONCLUDED, ConferenceStatus.ANSWERING),
    ConferenceStatus.CONCLUDED: (ConferenceStatus.ARCHIVED,),
    ConferenceStatus.ARCHIVED: (ConferenceStatus.CONCLUDED,),
}


class ConferenceQuerySet(models.QuerySet):
    def for_unit(self, unit: AdministrativeUnit):
        return self.filter(organising_unit=unit)

    def with_issued_notice(self):
        return self.filter(notices__state="issued").distinct()


class Conference(models.Model):
    """One yearly dialogue between a People's Committee chair and youth (Law on Youth Art. 10)."""

    slug = models.SlugField(_("mã hội nghị"), max_length=80, unique=True)
    organising_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa phương tổ chức"), on_delete=models.PROTECT, related_name="conferences"
    )
    organiser = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="organised_conferences",
        null=True,
        blank=True,
        help_text=_("Thường là UBND cấp tổ chức, cơ quan ký thông báo kết luận."),
    )
    level = models.CharField(_("cấp tổ chức"), max_length=20, choices=ConferenceLevel.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên hội nghị"), max_length=300)
    theme = models.CharField(_("chủ đề"), max_length=500, blank=True)
    chair_name = models.CharField(_("họ tên người chủ trì"), max_length=120, blank=True)
    chair_title = models.CharField(_("chức vụ người chủ trì"), max_length=200, default="Chủ tịch UBND")
    form = models.CharField(
        _("hình thức"), max_length=20, choices=ConferenceForm.choices, default=ConferenceForm.HYBRID
    )
    planned_date = models.DateField(_("ngày dự kiến"), null=True, blank=True)
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    # Set when the conclusion notice is issued (conclusions): the base of deadlines for items forwarded after it.
    concluded_on = models.DateField(_("ngày ban hành thông báo kết luận"), null=True, blank=True, editable=False)
    plan_number = models.CharField(_("số kế hoạch"), max_length=40, blank=True, help_text=_("Ví dụ: 45/KH-UBND"))
    plan_date = models.DateField(_("ngày ban hành kế hoạch"), null=True, blank=True)
    plan_published_on = models.DateField(_("ngày công bố kế hoạch"), null=True, blank=True)
    site_intake_deadline = models.DateField(_("hạn điểm cầu gửi kiến nghị cho Đoàn"), null=True, blank=True)
    union_intake_deadline = models.DateField(_("hạn Đoàn gửi tổng hợp cho Nội vụ"), null=True, blank=True)
    participants = models.TextField(_("thành phần tham dự"), blank=True)
    provincial_attendees = models.TextField(
        _("thành phần dự tại điểm cầu chính"),
        blank=True,
        help_text=_("Dùng cho đoạn mở đầu của thông báo kết luận."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.PLANNING
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị đối thoại")
        verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conferences:detail", kwargs={"slug": self.slug})

    @property
    def dialogue_date(self) -> date | None:
        return self.held_on or self.planned_date

    @property
    def is_archived(self) -> bool:
        """An archived conference is a record: its set-up no longer changes."""
        return self.status == ConferenceStatus.ARCHIVED

    @property
    def is_concluded(self) -> bool:
        """Its conclusion notice has been issued (archived conferences were concluded first)."""
        return self.status in (ConferenceStatus.CONCLUDED, ConferenceStatus.ARCHIVED)

    def set_status(self, target: str) -> str:
        return move(self, field="status", target=target, allowed=CONFERENCE_TRANSITIONS)

    def save(self, *args, **kwargs):
        self.theme = clean(self.theme)
        self.title = clean(self.title)
        super().save(*args, **kwargs)


class BridgePointKind(models.TextChoices):
    PROVINCIAL = "provincial", _("Điểm cầu cấp tỉnh")
    DISTRICT = "district", _("Điểm cầu cấp huyện")
    COMMUNE = "commune", _("Điểm cầu cấp xã")


class BridgePoint(models.Model):
    """A site linked into the dialogue. Its unit decides which Youth Union staff may log its petitions."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="bridge_points"
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bridge_points",
    )
    name = models.CharField(_("tên điểm cầu"), max_length=200)
    kind = models.CharField(_("loại điểm cầu"), max_length=20, choices=BridgePointKind.choices)
    moderator = models.CharField(_("người điều hành"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "unit"], name="one_bridge_point_per_unit"),
        ]

    def __str__(self):
        return self.name


class IssueGroup(models.Model):
    """A theme group of petitions (nhóm vấn đề); the appendix and the lists are grouped by it."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="issue_groups"
    )
    name = models.CharField(_("tên nhóm vấn đề"), max_length=200)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm vấn đề")
        verbose_name_plural = _("nhóm vấn đề")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="issue_group_unique_name")]

    def __str__(self):
        return self.name


class IntakeSubmission(models.Model):
    """The Youth Union hands its compiled list to Home Affairs: recorded with time, late or not."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="intake_submissions"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("tổ chức Đoàn"), on_delete=models.PROTECT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now)
    petition_count = models.PositiveIntegerField(_("số kiến nghị"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lần gửi tổng hợp kiến nghị")
        verbose_name_plural = _("các lần gửi tổng hợp kiến nghị")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.agency} → {self.conference} ({self.submitted_at:%d/%m/%Y})"

    @property
    def is_late(self) -> bool:
        deadline = self.conference.union_intake_deadline
        return bool(deadline and timezone.localdate(self.submitted_at) > deadline)
