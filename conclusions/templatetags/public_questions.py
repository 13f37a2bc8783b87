"""The public question form's commune list, built in Python (every value escaped by format_html): 200 options
rendered one template node at a time cost more than the rest of the page."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def site_select(form) -> str:
    field = form["bridge_point"]
    chosen = str(field.value() or "")

    def option(value, label):
        selected = " selected" if str(value) == chosen else ""
        return format_html('<option value="{}"{}>{}</option>', value, selected, label)

    groups = format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        (
            (heading, format_html_join("", "{}", ((option(value, label),) for value, label in options)))
            for heading, options in form.shown_site_groups
        ),
    )
    return format_html(
        '<select name="bridge_point" id="{}" class="form-select{}"{}><option value="">{}</option>{}</select>',
        field.id_for_label,
        " is-invalid" if field.errors else "",
        format_html(' aria-invalid="true" aria-describedby="{}_error"', field.auto_id) if field.errors else "",
        _("— Chọn xã, phường —"),
        groups,
    )
