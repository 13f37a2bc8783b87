"""Administrative units in both eras (before and after the 2025 reform)."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..text import clean, fold

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
