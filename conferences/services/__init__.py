"""Writes on conferences, one module per subject. Keyword-only, atomic, audited; refusals are
`conferences.errors.Refused` (a concurrent edit `Conflict`).

- setup.py: create a conference, edit its plan fields;
- lifecycle.py: its status moves and what each unlocks; archived conferences are read-only;
- dates.py: the legal date checks of the plan;
- sites.py: bridge points; groups.py: issue groups;
- reform.py: after the 2025 reform, old units' accounts moved to their successors.
"""

from .dates import (
    CONCLUSION_DAYS,
    CONCLUSION_DAYS_COMPLEX,
    PLAN_NOTICE_DAYS,
    YOUTH_MONTH,
    DateWarning,
    conclusion_due,
    conclusion_late,
    conference_date_warnings,
    warnings_for,
)
from .groups import (
    DEFAULT_ISSUE_GROUPS,
    issue_group_add,
    issue_group_delete,
    issue_group_move,
    issue_group_rename,
    issue_groups_create_defaults,
)
from .lifecycle import STATUS_ACTIONS, StatusAction, conference_set_status, ensure_setup_editable, status_actions_for
from .reform import AccountMove, Moved, account_moves_proposed, memberships_move
from .setup import (
    CONFERENCE_FIELDS,
    LEVEL_BY_TIER,
    conference_create,
    conference_slug,
    conference_update,
    organising_unit_problem,
)
from .sites import (
    bridge_point_add,
    bridge_point_delete,
    bridge_point_update,
    bridge_points_generate,
    map_era_label,
    sites_map_day,
)

__all__ = [
    "CONCLUSION_DAYS",
    "CONCLUSION_DAYS_COMPLEX",
    "AccountMove",
    "Moved",
    "account_moves_proposed",
    "memberships_move",
    "CONFERENCE_FIELDS",
    "DEFAULT_ISSUE_GROUPS",
    "LEVEL_BY_TIER",
    "PLAN_NOTICE_DAYS",
    "STATUS_ACTIONS",
    "YOUTH_MONTH",
    "DateWarning",
    "StatusAction",
    "bridge_point_add",
    "bridge_point_delete",
    "bridge_point_update",
    "bridge_points_generate",
    "conclusion_due",
    "conclusion_late",
    "conference_create",
    "conference_date_warnings",
    "conference_set_status",
    "conference_slug",
    "conference_update",
    "ensure_setup_editable",
    "issue_group_add",
    "issue_group_delete",
    "issue_group_move",
    "issue_group_rename",
    "issue_groups_create_defaults",
    "map_era_label",
    "organising_unit_problem",
    "sites_map_day",
    "status_actions_for",
    "warnings_for",
]
