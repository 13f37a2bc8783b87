"""Template tags of the notice journey."""

from django import template

from ..permissions import notices_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def current_notice_for(context, conference):
    """The newest notice of a conference the signed-in user may read (a draft only for its editors)."""
    request = context.get("request")
    if request is None or conference is None:
        return None
    return notices_visible_to(request.user).filter(conference=conference).order_by("-revision").first()
