"""Bridge points: generated from the administrative map of the dialogue day, or added and edited by hand."""

from datetime import date

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from ..audit import record
from ..errors import Refused
from ..models import TWO_TIER_START, AdministrativeUnit, BridgePoint, BridgePointKind, Conference
from ..text import clean
from .lifecycle import ensure_setup_editable

_KIND_BY_TIER = {1: BridgePointKind.PROVINCIAL, 2: BridgePointKind.DISTRICT, 3: BridgePointKind.COMMUNE}


def map_era_label(day: date) -> str:
    if day >= TWO_TIER_START:
        return _("bản đồ hai cấp (tỉnh – xã) từ 01/07/2025")
    return _("bản đồ ba cấp (tỉnh – huyện – xã) trước 01/07/2025")


def sites_map_day(conference: Conference) -> date:
    """The day whose administrative map decides the generated sites (same rule as bridge_points_generate)."""
    return conference.dialogue_date or conference.plan_date or date(conference.year, 3, 1)


def bridge_points_generate(*, conference: Conference, actor, on: date | None = None) -> int:
    """Create a site for the organising unit and every unit below it valid on the dialogue date.

    Before 1 July 2025 that is province + districts + communes; after it, province + communes. Existing sites
    are kept (they may have been edited); returns how many were created.
    """
    ensure_setup_editable(conference)
    day = on or sites_map_day(conference)
    units = (
        AdministrativeUnit.objects.within(conference.organising_unit)
        .valid_on(day)
        .select_related("parent")
        .order_by("tier", "parent__name", "name")
    )
    with transaction.atomic():
        existing = set(conference.bridge_points.values_list("unit_id", flat=True))
        start = (conference.bridge_points.aggregate(m=Max("position"))["m"] or 0) + 1
        new = [
            BridgePoint(
                conference=conference,
                unit=unit,
                name=unit.full_name,
                kind=_KIND_BY_TIER.get(unit.tier, BridgePointKind.COMMUNE),
                position=start + i,
            )
            for i, unit in enumerate(u for u in units if u.pk not in existing)
        ]
        BridgePoint.objects.bulk_create(new)
        if new:
            record(
                actor=actor,
                action="bridge_points.generate",
                target=conference,
                conference=conference,
                message=f"{len(new)} điểm cầu theo bản đồ hành chính ngày {day:%d/%m/%Y}",
                count=len(new),
            )
    return len(new)


@transaction.atomic
def bridge_point_add(*, conference: Conference, actor, values: dict) -> BridgePoint:
    ensure_setup_editable(conference)
    values = {**values, "name": clean(values["name"])}
    if values.get("unit") and conference.bridge_points.filter(unit=values["unit"]).exists():
        raise Refused(_("Đơn vị này đã có điểm cầu."))
    position = (conference.bridge_points.aggregate(m=Max("position"))["m"] or 0) + 1
    site = BridgePoint.objects.create(conference=conference, position=position, **values)
    record(
        actor=actor,
        action="bridge_point.add",
        target=site,
        conference=conference,
        message=_("Thêm điểm cầu “%(name)s”") % {"name": site.name},
    )
    return site


@transaction.atomic
def bridge_point_update(*, site: BridgePoint, actor, values: dict) -> BridgePoint:
    ensure_setup_editable(site.conference)
    if "name" in values:
        values = {**values, "name": clean(values["name"])}
    if values.get("unit") and site.conference.bridge_points.exclude(pk=site.pk).filter(unit=values["unit"]).exists():
        raise Refused(_("Đơn vị này đã có điểm cầu."))
    changes = {
        field: [str(getattr(site, field) or ""), str(value or "")]
        for field, value in values.items()
        if getattr(site, field) != value
    }
    for field, value in values.items():
        setattr(site, field, value)
    site.save()
    if changes:
        record(
            actor=actor,
            action="bridge_point.update",
            target=site,
            conference=site.conference,
            message=_("Sửa điểm cầu “%(name)s”") % {"name": site.name},
            changes=changes,
        )
    return site


@transaction.atomic
def bridge_point_delete(*, site: BridgePoint, actor) -> None:
    ensure_setup_editable(site.conference)
    if site.petitions.exists():
        raise Refused(
            _("Điểm cầu “%(name)s” đã có kiến nghị nên không xóa được; hãy đổi tên nếu cần.") % {"name": site.name}
        )
    record(
        actor=actor,
        action="bridge_point.delete",
        target=site,
        conference=site.conference,
        message=_("Xóa điểm cầu “%(name)s”") % {"name": site.name},
    )
    try:
        with transaction.atomic():
            site.delete()
    except ProtectedError as exc:
        # Rows of the apps above point at the site (questions sent online by young people from this commune).
        raise Refused(
            _("Điểm cầu “%(name)s” đã có câu hỏi của thanh niên gửi tới nên không xóa được; hãy đổi tên nếu cần.")
            % {"name": site.name}
        ) from exc
