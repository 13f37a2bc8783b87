"""The live keys of `can` (dialogue_portal.context_processors, merged through petitions.permissions.capabilities).

Kept apart from petitions/live/permissions.py, which builds on petitions.permissions: this module must not import
it, so petitions.permissions can import this one at its top."""

from conferences.models import Role
from conferences.permissions import has_role


def capabilities(user) -> dict[str, bool]:
    """Menus and buttons; no query beyond the membership. Per-conference rights are in petitions.live.permissions."""
    return {
        "run_live_console": has_role(user, Role.ADMIN, Role.HOME_AFFAIRS, Role.YOUTH_UNION),
        "operate_live_site": has_role(user, Role.ADMIN, Role.HOME_AFFAIRS, Role.YOUTH_UNION),
        "view_live_minutes": has_role(user, Role.ADMIN, Role.HOME_AFFAIRS, Role.YOUTH_UNION, Role.LEADER),
    }
