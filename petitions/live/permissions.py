"""Who may do what on the dialogue day. Views and the feed go through these; templates read `can.*` and `access`.

- The console (moderator): the organiser's Home Affairs, the Youth Union of the organising unit (or above it) and
  admins.
- A bridge point operator: a Youth Union user posts and follows the questions of the sites inside their unit (a
  commune's union its own site, a district's union its district and communes); the console's users may post for
  any site. A site sees only its own questions.
- The projector: anyone holding the conference's current token (no login), or a signed-in console user/operator.
- The minutes: the console's users, and Home Affairs and leaders who can see the conference.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from conferences.models import BridgePoint, Conference, Role
from conferences.permissions import (
    can_manage_conference,
    can_view_conference,
    conference_for,
    membership_of,
    role_of,
)

from ..permissions import intake_sites_for
from .models import LiveChannel, LiveEntry, LiveSession


def can_run_live_console(user, conference: Conference) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    if role == Role.HOME_AFFAIRS:
        return can_manage_conference(user, conference)
    if role == Role.YOUTH_UNION:
        unit = membership_of(user).agency.unit
        return conference.organising_unit.path.startswith(unit.path) and can_view_conference(user, conference)
    return False


def operator_sites_for(user, conference: Conference) -> QuerySet[BridgePoint]:
    """The sites whose live questions a user logs and follows: the intake unit rule (petitions.permissions)."""
    if can_run_live_console(user, conference):
        return conference.bridge_points.select_related("unit").order_by("position", "name")
    if role_of(user) != Role.YOUTH_UNION:
        return conference.bridge_points.none()
    return intake_sites_for(user, conference)


def can_operate_a_site(user, conference: Conference) -> bool:
    return operator_sites_for(user, conference).exists()


def can_view_minutes(user, conference: Conference) -> bool:
    if can_run_live_console(user, conference):
        return True
    return role_of(user) in (Role.HOME_AFFAIRS, Role.LEADER) and can_view_conference(user, conference)


def can_view_live_screen(user, conference: Conference) -> bool:
    return can_run_live_console(user, conference) or can_operate_a_site(user, conference)


# --- getters ------------------------------------------------------------------------------------------------------


def console_conference_for(user, slug: str) -> Conference:
    return conference_for(user, slug, may=can_run_live_console)


def operator_conference_for(user, slug: str) -> Conference:
    return conference_for(user, slug, may=can_operate_a_site)


def entry_for(user, conference: Conference, pk: int) -> LiveEntry:
    """An entry of the conference's sessions, for a console user (the caller fetched the conference with
    `console_conference_for`)."""
    entry = (
        LiveEntry.objects.filter(session__conference=conference, pk=pk)
        .select_related("session__conference", "petition", "bridge_point", "issue_group", "responder_agency")
        .first()
    )
    if entry is None:
        raise Http404
    if not can_run_live_console(user, conference):
        raise PermissionDenied
    return entry


def channel_for_token(slug: str, token: str) -> LiveChannel:
    """The channel a projector link opens: 404 for an unknown, revoked or other conference's token."""
    if not token or len(token) > 64:
        raise Http404
    channel = (
        LiveChannel.objects.filter(projector_token=token, conference__slug=slug).select_related("conference").first()
    )
    if channel is None:
        raise Http404
    return channel


def open_session_of(conference: Conference) -> LiveSession | None:
    return LiveSession.objects.open().filter(conference=conference).first()
