"""Where reminders come from: each app registers a source at start-up; a source reads its own tables.

    # petitions/apps.py, in ready():
    register_source("answer", answer_reminders)

A source is `collect(clock, people) -> list[Reminder]`: everything of its kind that could be reminded on
`clock.day`, whether or not it was reminded already (the delivery step drops what was). Sources run in the order
they were registered (INSTALLED_APPS order), inside `translation.override("vi")`: stored texts are Vietnamese.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from ...models import Membership, Role
from ...workdays import WorkCalendar, current_calendar
from ..tell import AGENCY_STAFF_ROLES
from .kinds import ESCALATE_AFTER, OVERDUE_EVERY, Reminder


class Clock:
    """Working-day arithmetic for one pass: one calendar snapshot, each distinct due date computed once.

    Stages are buckets, not exact days: a pass missed on day 4 still sends the 'overdue:4' reminder on day 5."""

    def __init__(self, day: date, calendar: WorkCalendar):
        self.day = day
        self.calendar = calendar
        self._between: dict[date, int] = {}

    def between(self, due: date) -> int:
        """Working days from today to due (> 0 ahead, < 0 overdue)."""
        if due not in self._between:
            self._between[due] = self.calendar.working_days_between(self.day, due)
        return self._between[due]

    def horizon(self, lead: int) -> date:
        return self.calendar.add_working_days(self.day, lead).due

    def due_stage(self, due: date, lead: int) -> tuple[str, int] | None:
        """('due_soon'|'due_today'|'overdue:<bucket>', working days overdue) or None if not yet in the window."""
        if due == self.day:
            return "due_today", 0
        n = self.between(due)
        if due > self.day:
            return ("due_soon", 0) if n <= lead else None
        overdue = max(1, -n)  # past the due date is late even if no working day has passed (a forced weekend pass)
        return f"overdue:{1 + OVERDUE_EVERY * ((overdue - 1) // OVERDUE_EVERY)}", overdue


def escalation_stage(days_overdue: int) -> str | None:
    """From ESCALATE_AFTER working days overdue, Home Affairs hears too (stages escalated:5, escalated:8, ...)."""
    if days_overdue < ESCALATE_AFTER:
        return None
    return f"escalated:{ESCALATE_AFTER + OVERDUE_EVERY * ((days_overdue - ESCALATE_AFTER) // OVERDUE_EVERY)}"


def url_pattern(name: str) -> str:
    """The URL with {pk} in place of the id (reverse() once per pass, not once per row); '' if not routed."""
    try:
        return reverse(name, kwargs={"pk": 987654321}).replace("987654321", "{pk}")
    except NoReverseMatch:
        return ""


def linker(name: str, fallback: str):
    """link(pk, fallback_pk): the item's own page, or the fallback page (e.g. the petition) if not routed."""
    own, other = url_pattern(name), url_pattern(fallback)
    if own:
        return lambda pk, fallback_pk: own.format(pk=pk)
    return lambda pk, fallback_pk: other.format(pk=fallback_pk) if other else ""


def fmt_day(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class People:
    """Agency staff and Home Affairs by unit, read once per pass."""

    def __init__(self):
        self.staff: dict[int, list[int]] = defaultdict(list)
        self.home_affairs_by_unit: dict[int, list[int]] = defaultdict(list)
        rows = Membership.objects.filter(user__is_active=True).values_list(
            "user_id", "agency_id", "role", "agency__unit_id"
        )
        for user_id, agency_id, role, unit_id in rows:
            if role in AGENCY_STAFF_ROLES:
                self.staff[agency_id].append(user_id)
            elif role == Role.HOME_AFFAIRS:
                self.home_affairs_by_unit[unit_id].append(user_id)
        self._ha_cache: dict[str, list[int]] = {}

    def home_affairs_for(self, unit_path: str) -> list[int]:
        """Home Affairs of the organising unit, or of the nearest unit above it that has any."""
        if unit_path not in self._ha_cache:
            found: list[int] = []
            for unit_id in reversed([int(p) for p in unit_path.strip("/").split("/") if p]):
                found = self.home_affairs_by_unit.get(unit_id, [])
                if found:
                    break
            self._ha_cache[unit_path] = found
        return self._ha_cache[unit_path]


Source = Callable[[Clock, People], list[Reminder]]
_sources: dict[str, Source] = {}


def register_source(kind: str, collect: Source) -> None:
    """`collect(clock, people) -> [Reminder]` lists one kind of reminder (registered once per kind)."""
    _sources[kind] = collect


def registered_sources() -> list[str]:
    return list(_sources)


def collect(day: date) -> list[Reminder]:
    """Everything that could be reminded today, before checking what was already sent. Reads only."""
    clock = Clock(day, current_calendar())
    people = People()
    with translation.override("vi"):
        return [reminder for source in _sources.values() for reminder in source(clock, people)]
