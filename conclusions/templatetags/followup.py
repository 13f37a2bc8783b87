"""Template helpers of the follow-up journey: carried-over tasks, days overdue, status badges, people's names."""

from django import template

from conferences.people import display_name

from ..models import DirectiveStatus
from ..permissions import directives_visible_to

register = template.Library()

STATUS_BADGES = {
    DirectiveStatus.DONE: "text-bg-success",
    DirectiveStatus.REPORTED_DONE: "text-bg-primary",
    DirectiveStatus.CANCELLED: "text-bg-secondary",
    DirectiveStatus.IN_PROGRESS: "text-bg-info",
}


@register.filter
def status_badge(directive) -> str:
    """The badge colour of a task's status."""
    return STATUS_BADGES.get(directive.status, "text-bg-light border")


@register.simple_tag(takes_context=True)
def carried_over_count(context, conference) -> int:
    user = context["request"].user
    return directives_visible_to(user).carried_over_to(conference).count()


@register.filter
def overdue_days(due, today) -> int:
    return (today - due).days if due and today and due < today else 0


@register.filter
def person_name(user) -> str:
    """'Nguyễn Thu Hà': the portal's one way of naming people (conferences.people.display_name)."""
    return display_name(user)
