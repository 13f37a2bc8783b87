"""Template helpers of the follow-up journey: the unread count in the navigation bar, carried-over tasks."""

from django import template

from ..models import Notification
from ..permissions import directives_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """One query per request, however many times the bar is drawn."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notification_count"):
        request._unread_notification_count = Notification.objects.filter(user=user).unread().count()
    return request._unread_notification_count


@register.simple_tag(takes_context=True)
def carried_over_count(context, conference) -> int:
    user = context["request"].user
    return directives_visible_to(user).carried_over_to(conference).count()


@register.filter
def overdue_days(due, today) -> int:
    return (today - due).days if due and today and due < today else 0
