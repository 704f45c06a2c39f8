"""`{% kind_label kind %}`: a kind of date as it shows everywhere, its icon and its name,
in its colour when the element around it carries `kind-<kind>` (schedule/kinds.py)."""

from django import template
from django.utils.html import format_html

from core.templatetags.village import icon
from schedule import kinds

register = template.Library()


@register.simple_tag
def kind_label(kind: str):
    """`<span class="kind-label">` with the kind's icon and its name; nothing for a kind
    the calendar does not know."""
    name = kinds.name_of(kind)
    if not name:
        return ""
    return format_html(
        '<span class="kind-label">{}<span>{}</span></span>', icon(kinds.icon_of(kind)), name
    )
