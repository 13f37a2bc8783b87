"""Deadlines on the Vietnamese office calendar.

Working days are Monday to Friday minus public holidays, as the PyPI package `holidays` (country "VN") knows them:
Tết and Hùng Kings day from the lunar calendar, observed (compensation) days and the swaps the government announces
each year (2025: Friday 02/05 off, Saturday 26/04 worked). On top of it sits the admin-editable CalendarOverride
table: extra days off and extra working days; an override always wins over the package.

Four rules, each returning a Deadline that says how it was computed:
- add_working_days(start, n): the n-th working day after start (start not counted); n < 0 counts backwards.
- add_calendar_days(start, n): Civil Code Arts. 147-148, the first day is not counted and a last day that is a
  weekend or a holiday moves to the next working day.
- fixed_date(day), end_of_year(start).

Caching: the package's holidays of a year are computed once per process (they never change for a given package
version); the override table is small and cached whole in Django's cache, dropped by invalidate() whenever it
changes (conferences admin -> conferences.deadlines.recompute_open_deadlines) and expiring after
OVERRIDES_TTL seconds as a safety net for edits made outside the portal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from .models import CalendarOverride

logger = logging.getLogger(__name__)

OVERRIDES_CACHE_KEY = "workdays:overrides:v1"
OVERRIDES_TTL = 600
WEEKEND = (5, 6)  # Saturday, Sunday

RULE_WORKING_DAYS = "working_days"
RULE_CALENDAR_DAYS = "calendar_days"
RULE_FIXED_DATE = "fixed_date"
RULE_END_OF_YEAR = "end_of_year"

_WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Deadline:
    """A computed due date with the rule that produced it and a Vietnamese sentence explaining the arithmetic."""

    due: date
    rule: str
    explanation: str
    base: date | None = None
    count: int | None = None


@dataclass(frozen=True)
class _Override:
    kind: str  # CalendarOverrideKind value: "day_off" | "working_day"
    reason: str


@lru_cache(maxsize=128)
def _package_year(year: int) -> tuple[Mapping[date, str], frozenset[date]]:
    """Holidays (date -> Vietnamese name) and worked weekend days of one year, from the `holidays` package."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    days_off = {day: name for day, name in calendar.items() if day.year == year}
    worked = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, worked


def _load_overrides() -> dict[date, _Override]:
    # The cache is only a shortcut: with Redis unreachable, deadlines are still computed, from the database.
    try:
        cached = cache.get(OVERRIDES_CACHE_KEY)
    except Exception:  # noqa: BLE001 - redis-py raises several connection error types
        logger.warning("Cache unreachable; reading calendar overrides from the database", exc_info=True)
        cached = None
        reachable = False
    else:
        reachable = True
    if cached is None:
        cached = [
            (day.isoformat(), kind, reason)
            for day, kind, reason in CalendarOverride.objects.values_list("date", "kind", "reason")
        ]
        if reachable:
            try:
                cache.set(OVERRIDES_CACHE_KEY, cached, OVERRIDES_TTL)
            except Exception:  # noqa: BLE001
                logger.warning("Cache unreachable; calendar overrides not cached", exc_info=True)
    return {date.fromisoformat(day): _Override(kind, reason) for day, kind, reason in cached}


def invalidate() -> None:
    """Forget the cached override table; the next computation reads it again from the database."""
    try:
        cache.delete(OVERRIDES_CACHE_KEY)
    except Exception:  # noqa: BLE001
        # A stale copy can only outlive this by OVERRIDES_TTL seconds.
        logger.warning("Cache unreachable; calendar overrides stay cached until they expire", exc_info=True)


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _short(day: date) -> str:
    return day.strftime("%d/%m")


@dataclass(frozen=True)
class WorkCalendar:
    """A snapshot of the calendar: the package's holidays plus the overrides read once.

    Loops over many rows (dashboards, recomputation) take one snapshot with current_calendar() and reuse it, so the
    override table is read once instead of once per row.
    """

    overrides: Mapping[date, _Override] = field(default_factory=dict)

    # 1. Classifying one day -------------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override.kind == "working_day"
        days_off, worked = _package_year(day.year)
        if day in worked:
            return True
        return day.weekday() not in WEEKEND and day not in days_off

    def day_off_name(self, day: date) -> str:
        """Why a day is off: the override's reason, the holiday's name, or '' for an ordinary weekend/working day."""
        override = self.overrides.get(day)
        if override is not None:
            return (override.reason or _("ngày nghỉ bổ sung")) if override.kind == "day_off" else ""
        days_off, worked = _package_year(day.year)
        if day in worked:
            return ""
        return days_off.get(day, "")

    def worked_weekend_reason(self, day: date) -> str:
        override = self.overrides.get(day)
        if override is not None and override.kind == "working_day":
            return override.reason or _("làm việc bù")
        if override is None and day in _package_year(day.year)[1]:
            return _("làm việc bù")
        return ""

    # 2. The rules -----------------------------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> Deadline:
        step = 1 if n >= 0 else -1
        day, remaining = start, abs(n)
        while remaining:
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        low, high = (start, day) if step > 0 else (day, start)
        notes = self._notes(low, high, include_high=step > 0, include_low=step < 0)
        if step > 0:
            head = _("%(n)s ngày làm việc từ %(start)s") % {"n": n, "start": _fmt(start)}
        else:
            head = _("%(n)s ngày làm việc trước %(start)s") % {"n": -n, "start": _fmt(start)}
        explanation = f"{head}: {notes}; " if notes else f"{head}; "
        explanation += _("hạn %(due)s") % {"due": _fmt(day)}
        return Deadline(due=day, rule=RULE_WORKING_DAYS, explanation=explanation, base=start, count=n)

    def add_calendar_days(self, start: date, n: int) -> Deadline:
        last = start + timedelta(days=n)
        due = last
        while not self.is_working_day(due):
            due += timedelta(days=1)
        head = _("%(n)s ngày theo lịch từ %(start)s (không tính ngày đầu)") % {"n": n, "start": _fmt(start)}
        if due == last:
            explanation = f"{head}; " + _("hạn %(due)s") % {"due": _fmt(due)}
        else:
            why = self.day_off_name(last) or _WEEKDAY_NAMES[last.weekday()]
            explanation = f"{head}: " + _(
                "ngày cuối %(last)s là ngày nghỉ (%(why)s), chuyển sang ngày làm việc tiếp theo; hạn %(due)s (%(dow)s)"
            ) % {"last": _fmt(last), "why": why, "due": _fmt(due), "dow": _WEEKDAY_NAMES[due.weekday()]}
        return Deadline(due=due, rule=RULE_CALENDAR_DAYS, explanation=explanation, base=start, count=n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: add_working_days(start, n).due gives back n. Negative if end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    # 3. Explaining ----------------------------------------------------------------------------------------------

    def _notes(self, low: date, high: date, *, include_low: bool, include_high: bool) -> str:
        """'bỏ qua 18/04 (Giỗ Tổ), 29/04-01/05 (...); tính cả 04/05 (làm việc bù)' for the days between."""
        first = low if include_low else low + timedelta(days=1)
        last = high if include_high else high - timedelta(days=1)
        skipped: list[list[date]] = []
        worked: list[date] = []
        day = first
        while day <= last:
            weekend = day.weekday() in WEEKEND
            if weekend and self.is_working_day(day):
                worked.append(day)
            elif not weekend and not self.is_working_day(day):
                # Weekday off. Joins the previous run if only days off lie between them (Tết over a weekend).
                if skipped and all(
                    not self.is_working_day(skipped[-1][-1] + timedelta(days=k))
                    for k in range(1, (day - skipped[-1][-1]).days)
                ):
                    skipped[-1].append(day)
                else:
                    skipped.append([day])
            day += timedelta(days=1)
        parts = []
        if skipped:
            parts.append(_("bỏ qua %(days)s") % {"days": ", ".join(self._describe_run(run) for run in skipped)})
        if worked:
            parts.append(
                _("tính cả %(days)s")
                % {
                    "days": ", ".join(
                        f"{_WEEKDAY_NAMES[d.weekday()]} {_short(d)} ({self.worked_weekend_reason(d)})" for d in worked
                    )
                }
            )
        return "; ".join(parts)

    def _describe_run(self, run: list[date]) -> str:
        start, end = run[0], run[-1]
        span = _short(start) if start == end else f"{_short(start)}-{_short(end)}"
        names: list[str] = []
        day = start
        while day <= end:
            name = _canonical_name(self.day_off_name(day))
            if name and name not in names:
                names.append(name)
            day += timedelta(days=1)
        return f"{span} ({'; '.join(names)})" if names else span


def _canonical_name(name: str) -> str:
    """The package names each day of Tết separately ('29 Tết', 'Mùng hai Tết Nguyên Đán'): one name for the run."""
    if "Tết Nguyên Đán" in name or name == "29 Tết":
        return "Tết Nguyên đán"
    return name


def current_calendar() -> WorkCalendar:
    return WorkCalendar(overrides=_load_overrides())


def _in_vietnamese(compute):
    """Explanations are stored on the rows they explain, so they are always written in Vietnamese."""

    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return compute(*args, **kwargs)

    wrapper.__name__ = compute.__name__
    wrapper.__doc__ = compute.__doc__
    return wrapper


def is_working_day(day: date) -> bool:
    return current_calendar().is_working_day(day)


@_in_vietnamese
def add_working_days(start: date, n: int) -> Deadline:
    """The n-th working day after start (the start day is not counted); n < 0 counts backwards from start."""
    return current_calendar().add_working_days(start, n)


@_in_vietnamese
def add_calendar_days(start: date, n: int) -> Deadline:
    """Civil Code 147-148: first day not counted, a last day on a weekend/holiday rolls to the next working day."""
    return current_calendar().add_calendar_days(start, n)


@_in_vietnamese
def fixed_date(day: date) -> Deadline:
    return Deadline(
        due=day, rule=RULE_FIXED_DATE, explanation=_("Ngày ấn định: hạn %(due)s") % {"due": _fmt(day)}, base=day
    )


@_in_vietnamese
def end_of_year(start: date) -> Deadline:
    due = date(start.year, 12, 31)
    return Deadline(
        due=due,
        rule=RULE_END_OF_YEAR,
        explanation=_("Trong năm %(year)s: hạn %(due)s") % {"year": start.year, "due": _fmt(due)},
        base=start,
    )


def working_days_between(start: date, end: date) -> int:
    return current_calendar().working_days_between(start, end)


def compute(rule: str, *, base: date, count: int | None = None) -> Deadline:
    """Recompute a stored deadline from its rule, base date and count (what Assignment rows keep)."""
    if rule == RULE_WORKING_DAYS:
        return add_working_days(base, count or 0)
    if rule == RULE_CALENDAR_DAYS:
        return add_calendar_days(base, count or 0)
    if rule == RULE_FIXED_DATE:
        return fixed_date(base)
    if rule == RULE_END_OF_YEAR:
        return end_of_year(base)
    raise ValueError(f"unknown deadline rule {rule!r}")


def days_off_between(start: date, end: date, calendar: WorkCalendar | None = None) -> Iterable[tuple[date, str]]:
    """Weekdays off in [start, end] with their names, for the admin and the deadline command."""
    calendar = calendar or current_calendar()
    day = start
    while day <= end:
        if day.weekday() not in WEEKEND and not calendar.is_working_day(day):
            yield day, calendar.day_off_name(day)
        day += timedelta(days=1)
