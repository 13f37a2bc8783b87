"""What a reminder is: its group in the digest, the person, the item and the stage it is recorded under."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy

OVERDUE_EVERY = 3
ESCALATE_AFTER = 5
FOLD_WINDOW_DAYS = 14  # immediate events older than this are not folded into a digest any more
# A digest lists at most this many items per section (per agency for escalations) and links to the full list:
# an email of thousands of lines helps nobody. Every item still gets its ReminderRecord and its in-app entry.
DIGEST_SECTION_LIMIT = 30
DIGEST_AGENCY_LIMIT = 10


class Group:
    ESCALATED = "escalated"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    RETURNED = "returned"
    NEW = "new"
    TASK_OVERDUE = "task_overdue"
    TASK_DUE_TODAY = "task_due_today"
    TASK_DUE_SOON = "task_due_soon"
    NEXT_CONFERENCE = "next_conference"
    INTAKE = "intake"


GROUP_TITLES = {
    Group.ESCALATED: gettext_lazy("Cơ quan chậm trả lời, chậm thực hiện từ 5 ngày làm việc trở lên"),
    Group.OVERDUE: gettext_lazy("Kiến nghị quá hạn trả lời"),
    Group.DUE_TODAY: gettext_lazy("Kiến nghị đến hạn trả lời hôm nay"),
    Group.DUE_SOON: gettext_lazy("Kiến nghị sắp đến hạn trả lời"),
    Group.RETURNED: gettext_lazy("Trả lời bị trả lại để sửa"),
    Group.NEW: gettext_lazy("Việc mới được giao, bị trả lại"),
    Group.TASK_OVERDUE: gettext_lazy("Nhiệm vụ sau kết luận quá hạn"),
    Group.TASK_DUE_TODAY: gettext_lazy("Nhiệm vụ sau kết luận đến hạn hôm nay"),
    Group.TASK_DUE_SOON: gettext_lazy("Nhiệm vụ sau kết luận sắp đến hạn"),
    Group.NEXT_CONFERENCE: gettext_lazy("Nhiệm vụ cần báo cáo tại hội nghị đối thoại năm nay"),
    Group.INTAKE: gettext_lazy("Tiếp nhận, tổng hợp kiến nghị của thanh niên"),
}
GROUP_ORDER = list(GROUP_TITLES)


@dataclass(frozen=True)
class Reminder:
    user_id: int
    item_key: str
    stage: str
    group: str
    text: str
    url: str = ""
    due: date | None = None
    days_overdue: int = 0
    agency: str = ""
    agency_id: int | None = None


@dataclass
class UserOutcome:
    user_id: int
    name: str
    email: str
    reminders: list[Reminder]
    email_id: int | None = None


@dataclass
class PassResult:
    day: date
    skipped_reason: str = ""
    dry_run: bool = False
    candidates: int = 0
    outcomes: list[UserOutcome] = field(default_factory=list)

    @property
    def emails(self) -> int:
        return sum(1 for o in self.outcomes if o.email_id or (self.dry_run and o.email))

    @property
    def reminders(self) -> int:
        return sum(len(o.reminders) for o in self.outcomes)

    def by_group(self) -> Counter:
        return Counter(r.group for o in self.outcomes for r in o.reminders)

    def summary(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "skipped": self.skipped_reason,
            "candidates": self.candidates,
            "people": len(self.outcomes),
            "reminders": self.reminders,
            "emails": self.emails,
            "groups": dict(self.by_group()),
        }
