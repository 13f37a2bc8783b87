"""Issue groups (nhóm vấn đề): the defaults seen in the seeds, added, renamed, reordered and deleted by hand."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..audit import record
from ..errors import Refused
from ..models import Conference, IssueGroup
from ..text import clean, fold
from .lifecycle import ensure_setup_editable

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


def _check_group_name(conference: Conference, name: str, exclude_pk: int | None = None) -> str:
    ensure_setup_editable(conference)
    name = clean(name)
    if not name:
        raise Refused(_("Hãy nhập tên nhóm vấn đề."))
    others = conference.issue_groups.exclude(pk=exclude_pk).values_list("name", flat=True)
    if any(fold(other) == fold(name) for other in others):
        raise Refused(_("Đã có nhóm vấn đề “%(name)s”.") % {"name": name})
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
        raise Refused(
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
def issue_group_move(*, group: IssueGroup, offset: int, actor) -> int:
    """Move a group up (-1) or down (+1) in the list order; positions are renumbered 1..n. Returns the group's new
    position (1-based); a move past either end is refused with the reason."""
    ensure_setup_editable(group.conference)
    groups = list(group.conference.issue_groups.select_for_update().order_by("position", "name"))
    index = next(i for i, g in enumerate(groups) if g.pk == group.pk)
    new_index = index + offset
    if new_index < 0:
        raise Refused(_("Nhóm “%(name)s” đã ở đầu danh sách.") % {"name": group.name})
    if new_index >= len(groups):
        raise Refused(_("Nhóm “%(name)s” đã ở cuối danh sách.") % {"name": group.name})
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
        position=new_index + 1,
    )
    return new_index + 1
