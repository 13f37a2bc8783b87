"""Agencies and the people who work for them: one agency and one role per user."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..text import clean
from .units import AdministrativeUnit


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
