"""Template filters of the public pages."""

from django import template

register = template.Library()


@register.filter
def answering_agencies(answers) -> list[str]:
    """The agencies that answered, each once, in the order of the answers (one per sub-question may differ)."""
    return list(dict.fromkeys(answer.agency.name for answer in answers if answer.agency_id))
