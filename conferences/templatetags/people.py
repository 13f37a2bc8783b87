"""`{{ user|display_name }}`: the one way people are named on pages (conferences.people, family name first)."""

from django import template

from ..people import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user) -> str:
    return _display_name(user)
