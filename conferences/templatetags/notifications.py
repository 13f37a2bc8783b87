"""The unread count of the user's in-app notices, for the bell in the navigation bar."""

from django import template

from ..models import Notification

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
