"""Template helpers of the dialogue day (petitions/live)."""

from django import template

from petitions.live.feed import current_session
from petitions.live.permissions import can_operate_a_site, can_run_live_console, can_view_minutes

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds as a stopwatch shows them: 3:05, 1:02:07."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def live_panel(user, conference) -> dict:
    """The conference page's "dialogue day" card: which links this user gets, and whether it is on now."""
    console = can_run_live_console(user, conference)
    operator = console or can_operate_a_site(user, conference)
    minutes = can_view_minutes(user, conference)
    session = current_session(conference.pk) if (console or operator or minutes) else None
    return {
        "show": console or operator or minutes,
        "console": console,
        "operator": operator,
        "minutes": minutes and session is not None,
        "live": bool(session and session.is_open),
        "rehearsal": bool(session and session.is_open and session.is_rehearsal),
    }
