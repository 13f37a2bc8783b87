"""The unread count of the user's in-app notices (the bell in the navigation bar) and the outbox's failed count (the
administrators' home page)."""

from django import template

from ..models import Notification, OutgoingEmail
from ..permissions import can_manage_outbox

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
def failed_message_count(context) -> int | None:
    """Messages the outbox gave up on, for the administrators' home page (None for everybody else); one query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_manage_outbox(user):
        return None
    return OutgoingEmail.objects.failed().count()
