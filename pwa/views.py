"""The web app manifest and the service worker, both served from the site's root: a
worker controls only the pages under the folder it is served from."""

import functools
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

#: The design system's colours (design/_settings.scss): the brand mark's plum
#: (primary-dark, violet-70v) for the browser's bar, and the pages' white behind the
#: splash screen.
THEME_COLOR, BACKGROUND_COLOR = "#54278f", "#ffffff"
WORKER = Path(__file__).parent / "static" / "pwa" / "sw.js"


def manifest(request):
    icons = [
        {"src": static(f"village/app/{kind}-{size}.png"), "sizes": f"{size}x{size}",
         "type": "image/png", "purpose": purpose}
        for kind, purpose in (("icon", "any"), ("maskable", "maskable"))
        for size in (192, 512)
    ]  # fmt: skip
    response = JsonResponse(
        {
            "id": "/",
            "name": f"{settings.PROGRAM_NAME} · Village",
            "short_name": "Village",
            "description": _("Your children's week, your visits and your messages, in one place."),
            "lang": get_language(),
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOR,
            "background_color": BACKGROUND_COLOR,
            "icons": icons,
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response.same_for_everyone = True
    return response


@functools.cache
def _worker_source() -> str:
    # The file is plain JS; only the addresses it must know are filled in, once.
    return (
        WORKER.read_text()
        .replace("__ICON__", static("village/app/icon-192.png"))
        .replace("__SIGN_IN__", reverse("accounts:sign_in"))
    )


def service_worker(request):
    response = HttpResponse(_worker_source(), content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker at least daily; no-cache makes every check real.
    response["Cache-Control"] = "no-cache"
    response.same_for_everyone = True
    return response
