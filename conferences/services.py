"""Writes on conferences. Keyword-only, atomic, audited."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import record
from .errors import Conflict, Refused
from .models import (
    TWO_TIER_START,
    AdministrativeUnit,
    BridgePoint,
    BridgePointKind,
    Conference,
    ConferenceLevel,
    ConferenceStatus,
    IssueGroup,
)
from .text import clean, fold

# The conferences app's names for the one error family (conferences.errors); kept while callers move to it.
ActionRefused = Refused
StaleVersion = Conflict


def ensure_setup_editable(conference: Conference) -> None:
    """An archived conference is a record: nothing of its set-up changes any more."""
    if conference.status == ConferenceStatus.ARCHIVED:
        raise ActionRefused(_("Hội nghị đã lưu trữ nên không sửa được. Mở lại từ lưu trữ nếu thật sự cần."))


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
    ensure_setup_editable(conference)
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


def issue_groups_create_defaults(*, conference: Conference, names: list[str] | None = None, actor=None) -> int:
    """Add the default issue groups (or `names`) the conference does not have yet, after the existing ones."""
    with transaction.atomic():
        existing = {fold(name) for name in conference.issue_groups.values_list("name", flat=True)}
        start = conference.issue_groups.aggregate(m=Max("position"))["m"] or 0
        created = []
        for name in names or DEFAULT_ISSUE_GROUPS:
            if fold(name) in existing:
                continue
            existing.add(fold(name))
            created.append(
                IssueGroup.objects.create(conference=conference, name=name, position=start + len(created) + 1)
            )
        if created and actor is not None:
            record(
                actor=actor,
                action="issue_groups.defaults",
                target=conference,
                conference=conference,
                message=_("Thêm %(n)s nhóm vấn đề mặc định") % {"n": len(created)},
                names=[g.name for g in created],
            )
    return len(created)


# --- Conference set-up --------------------------------------------------------------------------------------------

PLAN_NOTICE_DAYS = 30  # Decree 13/2021/NĐ-CP: the plan is published at least 30 days before the dialogue.
YOUTH_MONTH = 3  # March, Youth Month: the default month of the dialogue.

LEVEL_BY_TIER = {1: ConferenceLevel.PROVINCE, 2: ConferenceLevel.DISTRICT, 3: ConferenceLevel.COMMUNE}


@dataclass(frozen=True)
class DateWarning:
    code: str
    message: str


def conference_date_warnings(
    *,
    planned_date: date | None,
    held_on: date | None = None,
    plan_date: date | None = None,
    plan_published_on: date | None = None,
    site_intake_deadline: date | None = None,
    union_intake_deadline: date | None = None,
) -> list[DateWarning]:
    """The legal date checks, as notes the user must see (none of them forbids saving).

    1. The plan is published fewer than 30 days before the dialogue.
    2. The dialogue is outside March (allowed, but worth a line in the file).
    3. An intake deadline falls after the dialogue, or the sites' deadline after the Youth Union's.
    """
    warnings: list[DateWarning] = []
    dialogue = held_on or planned_date
    published = plan_published_on or plan_date
    fmt = "%d/%m/%Y"
    if dialogue and published:
        days = (dialogue - published).days
        if days < PLAN_NOTICE_DAYS:
            warnings.append(
                DateWarning(
                    "plan_too_late",
                    _(
                        "Kế hoạch công bố ngày %(published)s, chỉ %(days)s ngày trước ngày đối thoại %(dialogue)s; "
                        "Nghị định 13/2021/NĐ-CP yêu cầu công bố ít nhất %(min)s ngày trước."
                    )
                    % {
                        "published": published.strftime(fmt),
                        "days": days,
                        "dialogue": dialogue.strftime(fmt),
                        "min": PLAN_NOTICE_DAYS,
                    },
                )
            )
    if dialogue and dialogue.month != YOUTH_MONTH:
        warnings.append(
            DateWarning(
                "outside_march",
                _(
                    "Ngày đối thoại %(dialogue)s không thuộc tháng 3 (Tháng Thanh niên). Vẫn được phép, "
                    "nhưng nên ghi rõ lý do trong kế hoạch."
                )
                % {"dialogue": dialogue.strftime(fmt)},
            )
        )
    for deadline, label in (
        (site_intake_deadline, _("Hạn điểm cầu gửi kiến nghị cho Đoàn")),
        (union_intake_deadline, _("Hạn Đoàn gửi tổng hợp cho Nội vụ")),
    ):
        if dialogue and deadline and deadline > dialogue:
            warnings.append(
                DateWarning(
                    "intake_after_dialogue",
                    _("%(label)s (%(deadline)s) sau ngày đối thoại (%(dialogue)s).")
                    % {"label": label, "deadline": deadline.strftime(fmt), "dialogue": dialogue.strftime(fmt)},
                )
            )
    if site_intake_deadline and union_intake_deadline and site_intake_deadline > union_intake_deadline:
        warnings.append(
            DateWarning(
                "site_after_union",
                _("Hạn điểm cầu gửi Đoàn (%(site)s) sau hạn Đoàn gửi Nội vụ (%(union)s).")
                % {"site": site_intake_deadline.strftime(fmt), "union": union_intake_deadline.strftime(fmt)},
            )
        )
    return warnings


def warnings_for(conference: Conference) -> list[DateWarning]:
    return conference_date_warnings(
        planned_date=conference.planned_date,
        held_on=conference.held_on,
        plan_date=conference.plan_date,
        plan_published_on=conference.plan_published_on,
        site_intake_deadline=conference.site_intake_deadline,
        union_intake_deadline=conference.union_intake_deadline,
    )


def _unique_slug(unit: AdministrativeUnit, year: int) -> str:
    base = slugify(fold(f"{unit.name} {year}"))[:70] or f"hoi-nghi-{year}"
    slug, n = base, 1
    while Conference.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


CONFERENCE_FIELDS = (
    "organising_unit",
    "organiser",
    "level",
    "year",
    "title",
    "theme",
    "chair_name",
    "chair_title",
    "form",
    "planned_date",
    "held_on",
    "plan_number",
    "plan_date",
    "plan_published_on",
    "site_intake_deadline",
    "union_intake_deadline",
    "participants",
    "provincial_attendees",
)


def _changes(conference: Conference, values: dict) -> dict:
    return {
        field: [str(getattr(conference, field) or ""), str(value or "")]
        for field, value in values.items()
        if getattr(conference, field) != value
    }


@transaction.atomic
def conference_create(*, actor, values: dict, generate_sites: bool = True) -> Conference:
    """Create a conference in planning with the default issue groups and, if asked, its bridge points."""
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown conference fields: {sorted(unknown)}")
    conference = Conference(**values, status=ConferenceStatus.PLANNING)
    conference.slug = _unique_slug(conference.organising_unit, conference.year)
    conference.save()
    record(
        actor=actor,
        action="conference.create",
        target=conference,
        conference=conference,
        message=_("Tạo hội nghị “%(title)s”") % {"title": conference.title},
    )
    issue_groups_create_defaults(conference=conference, actor=actor)
    if generate_sites:
        bridge_points_generate(conference=conference, actor=actor)
    return conference


@transaction.atomic
def conference_update(*, conference: Conference, actor, values: dict, version: int) -> Conference:
    """Save edited set-up fields; refuses if someone else saved the conference since `version` was read."""
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown conference fields: {sorted(unknown)}")
    current = Conference.objects.select_for_update().get(pk=conference.pk)
    ensure_setup_editable(current)
    if current.version != version:
        raise StaleVersion(_("Hội nghị vừa được người khác cập nhật. Hãy mở lại trang để xem thay đổi rồi sửa tiếp."))
    changes = _changes(current, values)
    for field, value in values.items():
        setattr(current, field, value)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    if changes:
        record(
            actor=actor,
            action="conference.update",
            target=current,
            conference=current,
            message=_("Sửa thông tin hội nghị"),
            changes=changes,
        )
    return current


@dataclass(frozen=True)
class StatusAction:
    target: str
    label: str
    unlocks: str
    style: str = "primary"


# What each move means for the people working on the conference; the page shows these next to the buttons.
STATUS_ACTIONS = {
    (ConferenceStatus.PLANNING, ConferenceStatus.COLLECTING): StatusAction(
        ConferenceStatus.COLLECTING,
        gettext_lazy("Mở tiếp nhận kiến nghị"),
        gettext_lazy("Đoàn Thanh niên các cấp được ghi kiến nghị và nhập danh sách Excel cho điểm cầu của mình."),
    ),
    (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING): StatusAction(
        ConferenceStatus.ANSWERING,
        gettext_lazy("Chốt danh sách, chuyển cơ quan trả lời"),
        gettext_lazy(
            "Đoàn Thanh niên thôi ghi kiến nghị; Nội vụ phân công cơ quan chủ trì trả lời và theo dõi hạn trả lời."
        ),
    ),
    (ConferenceStatus.COLLECTING, ConferenceStatus.PLANNING): StatusAction(
        ConferenceStatus.PLANNING,
        gettext_lazy("Trở lại lập kế hoạch"),
        gettext_lazy("Tạm khóa tiếp nhận kiến nghị để sửa kế hoạch, điểm cầu, nhóm vấn đề."),
        "outline-secondary",
    ),
    (ConferenceStatus.ANSWERING, ConferenceStatus.HELD): StatusAction(
        ConferenceStatus.HELD,
        gettext_lazy("Ghi nhận đã tổ chức hội nghị"),
        gettext_lazy(
            "Ghi kiến nghị nêu trực tiếp tại hội nghị, ý kiến trả lời tại chỗ, và soạn thông báo kết luận "
            "(phải ban hành trong 10 ngày, 15 ngày nếu phức tạp)."
        ),
    ),
    (ConferenceStatus.ANSWERING, ConferenceStatus.COLLECTING): StatusAction(
        ConferenceStatus.COLLECTING,
        gettext_lazy("Mở lại tiếp nhận kiến nghị"),
        gettext_lazy("Đoàn Thanh niên được ghi thêm kiến nghị."),
        "outline-secondary",
    ),
    (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED): StatusAction(
        ConferenceStatus.CONCLUDED,
        gettext_lazy("Ghi nhận đã ban hành kết luận"),
        gettext_lazy("Công khai kết quả, theo dõi các cơ quan thực hiện nhiệm vụ trong thông báo kết luận."),
    ),
    (ConferenceStatus.HELD, ConferenceStatus.ANSWERING): StatusAction(
        ConferenceStatus.ANSWERING,
        gettext_lazy("Trở lại chuẩn bị trả lời"),
        gettext_lazy("Dùng khi ngày tổ chức bị hoãn."),
        "outline-secondary",
    ),
    (ConferenceStatus.CONCLUDED, ConferenceStatus.ARCHIVED): StatusAction(
        ConferenceStatus.ARCHIVED,
        gettext_lazy("Lưu trữ"),
        gettext_lazy("Hội nghị chỉ còn để xem và tra cứu; không sửa được nữa."),
        "outline-dark",
    ),
    (ConferenceStatus.ARCHIVED, ConferenceStatus.CONCLUDED): StatusAction(
        ConferenceStatus.CONCLUDED,
        gettext_lazy("Mở lại từ lưu trữ"),
        gettext_lazy("Cho phép tiếp tục theo dõi thực hiện kết luận."),
        "outline-secondary",
    ),
}


def status_actions_for(conference: Conference) -> list[StatusAction]:
    return [action for (source, _target), action in STATUS_ACTIONS.items() if source == conference.status]


@transaction.atomic
def conference_set_status(*, conference: Conference, target: str, actor, held_on: date | None = None) -> Conference:
    """Move the conference through its lifecycle (raises IllegalTransition on a move the map does not allow)."""
    current = Conference.objects.select_for_update().get(pk=conference.pk)
    if target == ConferenceStatus.COLLECTING and current.status == ConferenceStatus.PLANNING:
        if not current.bridge_points.exists():
            raise ActionRefused(_("Chưa có điểm cầu nào: hãy tạo điểm cầu trước khi mở tiếp nhận kiến nghị."))
        if not current.issue_groups.exists():
            raise ActionRefused(_("Chưa có nhóm vấn đề nào: hãy thêm nhóm vấn đề trước khi mở tiếp nhận kiến nghị."))
    if target == ConferenceStatus.HELD:
        current.held_on = held_on or current.held_on or current.planned_date
        if current.held_on is None:
            raise ActionRefused(_("Hãy nhập ngày tổ chức hội nghị."))
    previous = current.set_status(target)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    record(
        actor=actor,
        action="conference.status",
        target=current,
        conference=current,
        message=_("Chuyển trạng thái: %(old)s → %(new)s")
        % {"old": ConferenceStatus(previous).label, "new": current.get_status_display()},
        old=previous,
        new=target,
    )
    return current


# --- Bridge points and issue groups -------------------------------------------------------------------------------


def map_era_label(day: date) -> str:
    if day >= TWO_TIER_START:
        return _("bản đồ hai cấp (tỉnh – xã) từ 01/07/2025")
    return _("bản đồ ba cấp (tỉnh – huyện – xã) trước 01/07/2025")


def sites_map_day(conference: Conference) -> date:
    """The day whose administrative map decides the generated sites (same rule as bridge_points_generate)."""
    return conference.dialogue_date or conference.plan_date or date(conference.year, 3, 1)


@transaction.atomic
def bridge_point_add(*, conference: Conference, actor, values: dict) -> BridgePoint:
    ensure_setup_editable(conference)
    values = {**values, "name": clean(values["name"])}
    if values.get("unit") and conference.bridge_points.filter(unit=values["unit"]).exists():
        raise ActionRefused(_("Đơn vị này đã có điểm cầu."))
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
        raise ActionRefused(_("Đơn vị này đã có điểm cầu."))
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
        raise ActionRefused(
            _("Điểm cầu “%(name)s” đã có kiến nghị nên không xóa được; hãy đổi tên nếu cần.") % {"name": site.name}
        )
    record(
        actor=actor,
        action="bridge_point.delete",
        target=site,
        conference=site.conference,
        message=_("Xóa điểm cầu “%(name)s”") % {"name": site.name},
    )
    site.delete()


def _check_group_name(conference: Conference, name: str, exclude_pk: int | None = None) -> str:
    ensure_setup_editable(conference)
    name = clean(name)
    if not name:
        raise ActionRefused(_("Hãy nhập tên nhóm vấn đề."))
    others = conference.issue_groups.exclude(pk=exclude_pk).values_list("name", flat=True)
    if any(fold(other) == fold(name) for other in others):
        raise ActionRefused(_("Đã có nhóm vấn đề “%(name)s”.") % {"name": name})
    return name


@transaction.atomic
def issue_group_add(*, conference: Conference, name: str, actor) -> IssueGroup:
    name = _check_group_name(conference, name)
    position = (conference.issue_groups.aggregate(m=Max("position"))["m"] or 0) + 1
    group = IssueGroup.objects.create(conference=conference, name=name, position=position)
    record(
        actor=actor,
        action="issue_group.add",
        target=group,
        conference=conference,
        message=_("Thêm nhóm vấn đề “%(name)s”") % {"name": name},
    )
    return group


@transaction.atomic
def issue_group_rename(*, group: IssueGroup, name: str, actor) -> IssueGroup:
    name = _check_group_name(group.conference, name, exclude_pk=group.pk)
    old = group.name
    if old != name:
        group.name = name
        group.save(update_fields=["name"])
        record(
            actor=actor,
            action="issue_group.rename",
            target=group,
            conference=group.conference,
            message=_("Đổi tên nhóm vấn đề “%(old)s” thành “%(new)s”") % {"old": old, "new": name},
        )
    return group


@transaction.atomic
def issue_group_delete(*, group: IssueGroup, actor) -> None:
    ensure_setup_editable(group.conference)
    if group.petitions.exists():
        raise ActionRefused(
            _("Nhóm “%(name)s” đã có kiến nghị nên không xóa được; hãy chuyển các kiến nghị sang nhóm khác trước.")
            % {"name": group.name}
        )
    record(
        actor=actor,
        action="issue_group.delete",
        target=group,
        conference=group.conference,
        message=_("Xóa nhóm vấn đề “%(name)s”") % {"name": group.name},
    )
    group.delete()


@transaction.atomic
def issue_group_move(*, group: IssueGroup, offset: int, actor) -> None:
    """Move a group up (-1) or down (+1) in the list order; positions are renumbered 1..n."""
    ensure_setup_editable(group.conference)
    groups = list(group.conference.issue_groups.select_for_update().order_by("position", "name"))
    index = next(i for i, g in enumerate(groups) if g.pk == group.pk)
    new_index = max(0, min(len(groups) - 1, index + offset))
    if new_index == index:
        return
    groups.insert(new_index, groups.pop(index))
    for position, item in enumerate(groups, start=1):
        item.position = position
    IssueGroup.objects.bulk_update(groups, ["position"])
    record(
        actor=actor,
        action="issue_group.move",
        target=group,
        conference=group.conference,
        message=_("Đổi thứ tự nhóm vấn đề “%(name)s”") % {"name": group.name},
    )
