"""`{% kind_label kind %}`: a kind of date as it shows everywhere, its icon and its name,
in its colour when the element around it carries `kind-<kind>` (schedule/kinds.py)."""

import functools

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from core.templatetags.village import icon, sprite_url
from schedule import kinds

register = template.Library()


@register.simple_tag
def kind_label(kind: str):
    """`<span class="kind-label">` with the kind's icon and its name; nothing for a kind
    the calendar does not know."""
    return _kind_label(kind, get_language(), sprite_url())


@functools.lru_cache(maxsize=256)
def _kind_label(kind: str, language: str | None, sprite: str):
    """The label in one language, made once: a calendar shows a few kinds hundreds of
    times a page. `sprite` keys it on the icons' address too, which tests may change."""
    name = kinds.name_of(kind)
    if not name:
        return ""
    return format_html(
        '<span class="kind-label">{}<span>{}</span></span>', icon(kinds.icon_of(kind)), name
    )
