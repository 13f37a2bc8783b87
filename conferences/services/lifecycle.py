"""A conference's lifecycle: planning, collecting, answering, held, concluded, archived; what each move unlocks."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..audit import record
from ..errors import Refused
from ..locking import bump, locked
from ..models import Conference, ConferenceStatus


def ensure_setup_editable(conference: Conference) -> None:
    """An archived conference is a record: nothing of its set-up changes any more."""
    if conference.is_archived:
        raise Refused(_("Hội nghị đã lưu trữ nên không sửa được. Mở lại từ lưu trữ nếu thật sự cần."))


@dataclass(frozen=True)
class StatusAction:
    target: str
    label: str
    unlocks: str
    style: str = "primary"

    @property
    def asks_held_on(self) -> bool:
        """The move to 'held' records the day it was held (the form asks for it)."""
        return self.target == ConferenceStatus.HELD


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


# The forward path of a conference, from set-up to its conclusion.
FORWARD = (
    ConferenceStatus.PLANNING,
    ConferenceStatus.COLLECTING,
    ConferenceStatus.ANSWERING,
    ConferenceStatus.HELD,
    ConferenceStatus.CONCLUDED,
)


def forward_steps(current: str, target: str) -> list[str]:
    """The moves from `current` forward to `target`, one status at a time ([] when already there or beyond)."""
    if current not in FORWARD or target not in FORWARD:
        return []
    return list(FORWARD[FORWARD.index(current) + 1 : FORWARD.index(target) + 1])


def status_actions_for(conference: Conference) -> list[StatusAction]:
    return [action for (source, _target), action in STATUS_ACTIONS.items() if source == conference.status]


def _check_move(current: Conference, target: str, held_on: date | None) -> None:
    """What a move needs besides the map: sites and groups before intake opens, a date once it is held."""
    if target == ConferenceStatus.COLLECTING and current.status == ConferenceStatus.PLANNING:
        if not current.bridge_points.exists():
            raise Refused(_("Chưa có điểm cầu nào: hãy tạo điểm cầu trước khi mở tiếp nhận kiến nghị."))
        if not current.issue_groups.exists():
            raise Refused(_("Chưa có nhóm vấn đề nào: hãy thêm nhóm vấn đề trước khi mở tiếp nhận kiến nghị."))
    if target == ConferenceStatus.HELD:
        current.held_on = held_on or current.held_on or current.planned_date
        if current.held_on is None:
            raise Refused(_("Hãy nhập ngày tổ chức hội nghị."))


def move_status(current: Conference, target: str, *, actor, held_on: date | None = None) -> None:
    """One checked, audited move of a conference the caller holds locked (or is creating); the caller saves."""
    _check_move(current, target, held_on)
    previous = current.set_status(target)
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


@transaction.atomic
def conference_set_status(*, conference: Conference, target: str, actor, held_on: date | None = None) -> Conference:
    """Move the conference through its lifecycle (IllegalTransition, a Refused, on a move the map does not allow)."""
    current = locked(Conference.objects.all(), pk=conference.pk, version=None)
    move_status(current, target, actor=actor, held_on=held_on)
    bump(current)
    current.save()
    return current
