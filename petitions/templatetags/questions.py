"""Template helpers of questions sent online: the Youth Union's dashboard card."""

from django import template

from ..questions import dashboard
from .intake import intake_home_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def question_home_card(context) -> dict | None:
    """Counts by state and the oldest waiting question over the conferences of the intake cards (no query of its
    own: the figures come with the intake cards' conferences, read once per request)."""
    return dashboard.totals(card["conference"] for card in intake_home_cards(context))
