"""The fields a sent form got wrong, for the error summary at the top of the page (templates/_error_summary.html)."""

from django import template

register = template.Library()


@register.filter
def fields_with_errors(form) -> list:
    """The visible fields of `form` that have errors, in the form's order ([] for anything that is not a form)."""
    visible = getattr(form, "visible_fields", None)
    if not callable(visible) or not getattr(form, "is_bound", False):
        return []
    return [field for field in visible() if field.errors]


@register.filter
def error_anchor(field) -> str:
    """The id a link to the field should point at: its input, or the first of its radio buttons or boxes."""
    return field.id_for_label or f"{field.auto_id}_0"
