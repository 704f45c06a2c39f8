from django import template
from django.utils import timezone

from pwa.offline import NOBODY, owner_key
from pwa.views import THEME_COLOR

register = template.Library()


@register.inclusion_tag("pwa/_head.html", takes_context=True)
def pwa_head(context):
    """The manifest, the colours and icons, the script, and on a page the worker keeps,
    the sentence it shows when the page is read offline, with when it was made."""
    request = context.get("request")
    saved_at = getattr(request, "offline_saved_at", None)
    return {
        "theme_color": THEME_COLOR,
        "saved_at": saved_at and timezone.localtime(saved_at),
    }


@register.inclusion_tag("pwa/_install_hint.html", takes_context=True)
def pwa_install_hint(context):
    """ "Add to home screen", for a parent whose pages this device may keep (not on a
    shared phone), until she adds it or says no (a cookie, which sign-out keeps)."""
    request = context.get("request")
    offered = (
        request is not None
        and request.COOKIES.get("village_install_hint") != "no"
        and owner_key(request) != NOBODY
    )
    return {"offered": offered}
