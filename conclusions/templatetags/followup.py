"""Template helpers of the follow-up journey: carried-over tasks, days overdue."""

from django import template

from ..permissions import directives_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def carried_over_count(context, conference) -> int:
    user = context["request"].user
    return directives_visible_to(user).carried_over_to(conference).count()


@register.filter
def overdue_days(due, today) -> int:
    return (today - due).days if due and today and due < today else 0
