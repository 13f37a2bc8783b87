"""{% form_once %}: the one-time token of a form whose view is decorated with conferences.once.acts_once."""

from django import template

from ..once import token_field

register = template.Library()


@register.simple_tag
def form_once() -> str:
    return token_field()
