"""Writes on conferences. Keyword-only, atomic, audited."""

from datetime import date

from django.db import transaction
from django.db.models import Max

from .audit import record
from .models import AdministrativeUnit, BridgePoint, BridgePointKind, Conference, IssueGroup

# Issue groups seen in the seeds (notices 2021-2024 of Lạng Sơn, Tràng Định and Hà Nam).
DEFAULT_ISSUE_GROUPS = [
    "Giải pháp, cơ chế hỗ trợ vốn",
    "Đào tạo nghề, hướng nghiệp, giải quyết việc làm",
    "Khởi nghiệp, lập nghiệp, phát triển kinh tế",
    "Sản phẩm OCOP, tiêu thụ sản phẩm, xây dựng thương hiệu",
    "Xây dựng nông thôn mới",
    "Giáo dục, phát triển kỹ năng, đời sống văn hóa, tinh thần",
    "Chuyển đổi số, du lịch, quảng bá địa phương",
    "Tổ chức Đoàn, Hội; Đoàn tham gia xây dựng Đảng, chính quyền",
]

_KIND_BY_TIER = {1: BridgePointKind.PROVINCIAL, 2: BridgePointKind.DISTRICT, 3: BridgePointKind.COMMUNE}


def bridge_points_generate(*, conference: Conference, actor, on: date | None = None) -> int:
    """Create a site for the organising unit and every unit below it valid on the dialogue date.

    Before 1 July 2025 that is province + districts + communes; after it, province + communes. Existing sites
    are kept (they may have been edited); returns how many were created.
    """
    day = on or conference.dialogue_date or conference.plan_date or date(conference.year, 3, 1)
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


def issue_groups_create_defaults(*, conference: Conference, names: list[str] | None = None) -> int:
    created = 0
    for position, name in enumerate(names or DEFAULT_ISSUE_GROUPS, start=1):
        _, was_created = IssueGroup.objects.get_or_create(
            conference=conference, name=name, defaults={"position": position}
        )
        created += was_created
    return created
