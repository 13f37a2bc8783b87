"""Template helpers of the statistics pages."""

from django import template

from ..permissions import can_read_conference_statistics

register = template.Library()


@register.filter
def statistics_readable_by(conference, user) -> bool:
    """{% if conference|statistics_readable_by:request.user %}: the one rule of conclusions.permissions (no query
    beyond the user's membership and the conference's unit, both already read by the page's getter)."""
    return can_read_conference_statistics(user, conference)
