"""The one deadline engine: how a deadline is asked for (a rule), computed (on the office calendar, workdays.py) and
kept up to date when the calendar changes. Assignments (petitions) and conclusion tasks (conclusions) both store a
`DeadlineRule` with its count and base date, and compute through `DeadlineSpec`.

Recomputing after a calendar change: each app that stores deadlines registers one function at start-up
(`register_recompute` in its AppConfig.ready); `recompute_open_deadlines` calls them all and reports what moved.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import workdays
from .errors import Refused
from .workdays import Deadline


class DeadlineRule(models.TextChoices):
    NONE = "none", gettext_lazy("Không ấn định thời hạn")
    WORKING_DAYS = "working_days", gettext_lazy("Số ngày làm việc")
    CALENDAR_DAYS = "calendar_days", gettext_lazy("Số ngày theo lịch")
    FIXED_DATE = "fixed_date", gettext_lazy("Ngày cố định")
    END_OF_YEAR = "end_of_year", gettext_lazy("Trong năm")
    NEXT_CONFERENCE = "next_conference", gettext_lazy("Tại hội nghị đối thoại năm sau")


# Rules whose due date moves when days off are added or removed.
CALENDAR_DEPENDENT_RULES = (DeadlineRule.WORKING_DAYS, DeadlineRule.CALENDAR_DAYS)


@dataclass(frozen=True)
class DeadlineSpec:
    """A deadline as asked for: the rule, its count of days and the date it counts from (or the fixed date).

    `backwards`: working days counted back from the base (answers due N working days before the dialogue)."""

    rule: str
    count: int | None = None
    base: date | None = None
    backwards: bool = False

    def problem(self) -> str | None:
        """What is missing to compute it, in Vietnamese; None when it can be computed (or has no date)."""
        if self.rule in (DeadlineRule.NONE, DeadlineRule.NEXT_CONFERENCE):
            return None
        if self.rule not in DeadlineRule.values:
            return _("Cách tính hạn không hợp lệ.")
        if self.base is None:
            return (
                _("Chọn ngày hết hạn.")
                if self.rule == DeadlineRule.FIXED_DATE
                else _("Chưa có ngày làm mốc để tính hạn.")
            )
        if self.rule == DeadlineRule.WORKING_DAYS and not self.count:
            return _("Nhập số ngày làm việc.")
        if self.rule == DeadlineRule.CALENDAR_DAYS and not self.count:
            return _("Nhập số ngày.")
        return None

    def compute(self) -> Deadline | None:
        """The due date and its explanation (always Vietnamese: it is stored); None for rules without a date.
        Raises `Refused` with `problem()`'s message when the spec is incomplete."""
        if self.rule in (DeadlineRule.NONE, DeadlineRule.NEXT_CONFERENCE):
            return None
        problem = self.problem()
        if problem:
            raise Refused(problem)
        with translation.override("vi"):
            if self.rule == DeadlineRule.WORKING_DAYS:
                return workdays.add_working_days(self.base, -self.count if self.backwards else self.count)
            if self.rule == DeadlineRule.CALENDAR_DAYS:
                return workdays.add_calendar_days(self.base, self.count)
            if self.rule == DeadlineRule.FIXED_DATE:
                return workdays.fixed_date(self.base)
            return workdays.end_of_year(self.base)


@dataclass(frozen=True)
class MovedDeadline:
    kind: str  # what moved, e.g. "assignment", "directive"
    pk: int
    old: date | None
    new: date | None


Recompute = Callable[..., list[MovedDeadline]]
_recomputers: dict[str, Recompute] = {}


def register_recompute(kind: str, recompute: Recompute) -> None:
    """`recompute(*, actor, reason) -> [MovedDeadline]` recomputes one kind of stored deadline (audited by it)."""
    _recomputers[kind] = recompute


def recompute_open_deadlines(*, actor, reason: str) -> list[MovedDeadline]:
    """After the calendar changed: every registered kind recomputes its open deadlines. Returns what moved."""
    workdays.invalidate()
    moved: list[MovedDeadline] = []
    for recompute in _recomputers.values():
        moved.extend(recompute(actor=actor, reason=reason))
    return moved
