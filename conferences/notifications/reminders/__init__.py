"""Reminders: what is due, to whom, once; one digest email per person per pass.

The engine lives here; what is reminded lives with its app, registered at start-up (`register_source` in each
AppConfig.ready): answers and petition intake (petitions/reminders.py), conclusion tasks (conclusions/reminders.py).

- kinds.py: the Reminder, its digest groups and the pass result;
- sources.py: the working-day clock, who works where, the source registry, collect();
- digest.py: what a digest and the in-app entries say;
- delivery.py: run_pass() and its beat task `notifications.run_reminder_pass`.
"""

from .delivery import run_pass, run_reminder_pass
from .kinds import (
    DIGEST_AGENCY_LIMIT,
    DIGEST_SECTION_LIMIT,
    ESCALATE_AFTER,
    FOLD_WINDOW_DAYS,
    GROUP_ORDER,
    GROUP_TITLES,
    OVERDUE_EVERY,
    Group,
    PassResult,
    Reminder,
    UserOutcome,
)
from .sources import Clock, People, collect, escalation_stage, fmt_day, linker, register_source, url_pattern

__all__ = [
    "DIGEST_AGENCY_LIMIT",
    "DIGEST_SECTION_LIMIT",
    "ESCALATE_AFTER",
    "FOLD_WINDOW_DAYS",
    "GROUP_ORDER",
    "GROUP_TITLES",
    "OVERDUE_EVERY",
    "Clock",
    "Group",
    "PassResult",
    "People",
    "Reminder",
    "UserOutcome",
    "collect",
    "escalation_stage",
    "fmt_day",
    "linker",
    "register_source",
    "run_pass",
    "run_reminder_pass",
    "url_pattern",
]
