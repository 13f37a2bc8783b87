"""Template helpers of questions sent online: the Youth Union's dashboard card."""

from django import template
from django.utils import timezone
from django.utils.translation import ngettext

from ..questions import dashboard
from .intake import intake_home_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def question_home_card(context) -> dict | None:
    """Counts by state and the oldest waiting question over the conferences of the intake cards (no query of its
    own: the figures come with the intake cards' conferences, read once per request)."""
    return dashboard.totals(card["conference"] for card in intake_home_cards(context))


@register.filter
def waited(since, now=None) -> str:
    """How long since a moment, in Vietnamese words a moderator reads at a glance: '3 ngày', '5 giờ', '12 phút'."""
    if not since:
        return ""
    seconds = max(0, int(((now or timezone.now()) - since).total_seconds()))
    days, hours, minutes = seconds // 86400, seconds // 3600, seconds // 60
    if days:
        return ngettext("%(n)s ngày", "%(n)s ngày", days) % {"n": days}
    if hours:
        return ngettext("%(n)s giờ", "%(n)s giờ", hours) % {"n": hours}
    return ngettext("%(n)s phút", "%(n)s phút", minutes) % {"n": minutes}
