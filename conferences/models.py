from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import move
from .text import clean, fold

# The day the two-tier map took effect (Resolution 202/2025/QH15): districts abolished.
TWO_TIER_START = date(2025, 7, 1)
LEGACY_END = date(2025, 6, 30)


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc Trung ương")
    DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def within(self, unit: "AdministrativeUnit"):
        """The unit itself and every unit below it."""
        return self.filter(path__startswith=unit.path)

    def provinces(self):
        return self.filter(tier=1)


class AdministrativeUnit(models.Model):
    """A province, district or commune in one era. Tiers are data: 1 province, 2 district (until 2025), 3 commune."""

    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    tier = models.PositiveSmallIntegerField(_("cấp"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("mã đơn vị hành chính"), max_length=20, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True, related_name="predecessors"
    )
    # Identity in the dataset it was loaded from ("legacy:tinhlangson_huyentrangdinh"), so loads are idempotent.
    source_key = models.CharField(_("khóa trong bộ dữ liệu nguồn"), max_length=200, blank=True, editable=False)
    # Materialised ancestry ("/12/340/") so "everything inside this district" is one indexed prefix query.
    path = models.CharField(_("đường dẫn phân cấp"), max_length=255, db_index=True, editable=False, default="")
    name_folded = models.CharField(_("tên không dấu"), max_length=200, editable=False, default="", db_index=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["tier", "name"]
        constraints = [
            models.UniqueConstraint(fields=["source_key"], condition=~Q(source_key=""), name="unit_source_key_unique"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """'Xã Tân Minh', 'Huyện Tràng Định', 'Tỉnh Lạng Sơn' as offices write them."""
        prefix = str(UnitKind(self.kind).label)
        if self.name.lower().startswith(prefix.lower()):
            return self.name
        if self.kind == UnitKind.PROVINCIAL_CITY:
            prefix = "Thành phố"
        return f"{prefix} {self.name}"

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.name_folded = fold(self.name)
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs.pop("force_insert", None)
            kwargs["update_fields"] = None
        self.path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        super().save(*args, **kwargs)


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành / phòng chuyên môn")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    PARTY_BODY = "party", _("Cơ quan Đảng")
    OTHER = "other", _("Khác")


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def answering(self):
        return self.exclude(kind=AgencyKind.YOUTH_UNION)


class Agency(models.Model):
    """A body that takes part: People's Committee, department, district office, Youth Union, Party body."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=30, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="agencies"
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    requires_head_approval = models.BooleanField(
        _("lãnh đạo cơ quan duyệt trước khi gửi"),
        default=False,
        help_text=_("Câu trả lời phải được lãnh đạo cơ quan duyệt trước khi gửi Sở/Phòng Nội vụ."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.short_name = clean(self.short_name)
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    YOUTH_UNION = "youth_union", _("Cán bộ Đoàn Thanh niên")
    AGENCY_OFFICER = "agency_officer", _("Cán bộ cơ quan trả lời")
    HOME_AFFAIRS = "home_affairs", _("Sở/Phòng Nội vụ")
    LEADER = "leader", _("Lãnh đạo")
    ADMIN = "admin", _("Quản trị hệ thống")


class Membership(models.Model):
    """Each user works for one agency in one role; the role decides what the portal shows them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="membership"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="members")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    is_head = models.BooleanField(_("lãnh đạo cơ quan"), default=False)
    job_title = models.CharField(_("chức vụ"), max_length=120, blank=True)
    digest_only = models.BooleanField(
        _("chỉ nhận thư tổng hợp hằng ngày"),
        default=False,
        help_text=_("Không gửi thư ngay khi được giao việc hoặc bị trả lại; chỉ gửi bản tổng hợp mỗi ngày."),
    )

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")

    def __str__(self):
        return f"{self.user} – {self.agency} ({self.get_role_display()})"


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


class AuditEvent(models.Model):
    """Who did what, when: every state change writes one row with the acting user."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    action = models.CharField(_("hành động"), max_length=60)
    target_type = models.CharField(_("loại đối tượng"), max_length=60)
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("nội dung"), blank=True)
    data = models.JSONField(_("dữ liệu kèm theo"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm thực hiện"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor} {self.action}"
