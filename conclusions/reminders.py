"""What the follow-up of conclusions reminds, for the reminder pass (conferences.notifications.reminders;
registered in apps.py).

Conclusion tasks (directives of issued notices): due in <= 5 working days, due today, overdue like answers with the
same escalation to Home Affairs; "at next year's conference" tasks once the next conference of the same unit exists.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from conferences.deadlines import DeadlineRule
from conferences.models import Conference
from conferences.notifications.reminders import (
    Clock,
    Group,
    People,
    Reminder,
    escalation_stage,
    fmt_day,
    url_pattern,
)

from .models import Directive, DirectiveStatus, NoticeState

DIRECTIVE_LEAD_DAYS = 5


def _next_conferences(unit_ids: set[int]) -> dict[tuple[int, int], tuple[int, date | None, str]]:
    """(unit, year) -> the first later conference of that unit (pk, dialogue date, title)."""
    rows = list(
        Conference.objects.filter(organising_unit_id__in=unit_ids)
        .order_by("organising_unit_id", "year")
        .values_list("pk", "organising_unit_id", "year", "held_on", "planned_date", "title")
    )
    found: dict[tuple[int, int], tuple[int, date | None, str]] = {}
    for unit_id, year in {(r[1], r[2]) for r in rows}:
        later = [r for r in rows if r[1] == unit_id and r[2] > year]
        if later:
            first = later[0]
            found[(unit_id, year)] = (first[0], first[3] or first[4], first[5])
    return found


def _open_tasks() -> list[tuple]:
    return list(
        Directive.objects.filter(
            notice__state=NoticeState.ISSUED,
            status__in=(DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS),
            agency__isnull=False,
        ).values_list(
            "pk",
            "text",
            "due_date",
            "deadline_kind",
            "agency_id",
            "agency__short_name",
            "agency__name",
            "notice__conference__organising_unit_id",
            "notice__conference__organising_unit__path",
            "notice__conference__year",
        )
    )


def _next_conference_text(summary: str, next_title: str, next_day: date | None) -> str:
    return _("Nhiệm vụ “%(t)s” cần báo cáo kết quả tại %(c)s%(on)s") % {
        "t": summary,
        "c": next_title,
        "on": (" " + _("ngày %(d)s") % {"d": fmt_day(next_day)}) if next_day else "",
    }


def _due_text(stage_name: str, overdue: int) -> tuple[str, str]:
    if stage_name == "due_today":
        return Group.TASK_DUE_TODAY, _("Nhiệm vụ “%(t)s” đến hạn hôm nay %(due)s")
    if overdue:
        return Group.TASK_OVERDUE, _("Nhiệm vụ “%(t)s” quá hạn %(d)s ngày làm việc (hạn %(due)s)")
    return Group.TASK_DUE_SOON, _("Nhiệm vụ “%(t)s” sắp đến hạn: %(due)s")


def directive_reminders(clock: Clock, people: People) -> list[Reminder]:
    url = url_pattern("conclusions:directive_detail")
    rows = _open_tasks()
    next_map = _next_conferences({r[7] for r in rows if r[3] == DeadlineRule.NEXT_CONFERENCE})
    out: list[Reminder] = []
    for pk, task, due, kind, agency_id, short, name, unit_id, unit_path, year in rows:
        agency = short or name
        item = f"directive:{pk}"
        link = url.format(pk=pk)
        task = task.lstrip("-–• ").strip()
        summary = task if len(task) <= 160 else task[:157] + "…"
        staff = people.staff.get(agency_id, ())
        if kind == DeadlineRule.NEXT_CONFERENCE:
            nxt = next_map.get((unit_id, year))
            if nxt is None:
                continue
            next_pk, due, next_title = nxt
            text = _next_conference_text(summary, next_title, due)
            for user_id in staff:
                out.append(Reminder(user_id, item, f"next:{next_pk}", Group.NEXT_CONFERENCE, text, link, due))
        if due is None:
            continue
        stage = clock.due_stage(due, DIRECTIVE_LEAD_DAYS)
        if stage is None:
            continue
        stage_name, overdue = stage
        group, text = _due_text(stage_name, overdue)
        text = text % {"t": summary, "d": overdue, "due": fmt_day(due)}
        for user_id in staff:
            out.append(Reminder(user_id, item, stage_name, group, text, link, due, overdue, agency))
        escalated = escalation_stage(overdue)
        if escalated:
            for user_id in people.home_affairs_for(unit_path):
                out.append(
                    Reminder(user_id, item, escalated, Group.ESCALATED, text, link, due, overdue, agency, agency_id)
                )
    return out
