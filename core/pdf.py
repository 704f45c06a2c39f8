"""Pages drawn as PDF files by WeasyPrint, from the same templates the browser prints.

WeasyPrint needs the Pango library of the machine it runs on. A machine without it (a
newcomer's laptop with only Python) still has the printable page, and the browser's
"Save as PDF": `pdf_bytes` then answers None and the caller shows the page with a word
that says so instead of failing (decision 0026). WeasyPrint fetches nothing over the
network: the stylesheet, fonts and icons come from the app's own static files, and a
private file the page shows (a life book's photos) is handed over by the caller as bytes,
named `attached:NAME` in the page, so it never needs a public address.
"""

import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
# WeasyPrint warns of every CSS rule it does not draw (the screen's media queries, the
# browser-only properties): true of any page made for browsers, and nothing to act on.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _static_file(url: str) -> tuple[str, bytes]:
    """WeasyPrint fetches the stylesheet, fonts and icons from the app's own files, never
    over the network: anything else the page names is refused."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"not one of the app's static files: {url}")
    name = path.removeprefix(settings.STATIC_URL)
    found = finders.find(name)
    if found is None:
        raise ValueError(f"no such static file: {name}")
    with open(found, "rb") as file:
        return name, file.read()


#: How a page names a file its caller handed over: `<img src="attached:photo-12">`.
ATTACHED = "attached:"


def pdf_bytes(
    request, template: str, context: dict, *, files: dict[str, tuple[bytes, str]] | None = None
) -> bytes | None:
    """`template` rendered with `context` as PDF bytes, or None when this machine cannot
    draw PDFs. `files` maps a name to the bytes and type of a file the page shows as
    `attached:NAME`, read by the caller from storage after its own access checks."""
    files = files or {}
    try:
        from weasyprint import HTML  # noqa: PLC0415 — needs Pango; imported when asked
        from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415
    except OSError:
        logger.warning("WeasyPrint cannot load Pango on this machine; no PDF.")
        return None

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(ATTACHED):
                body, kind = files[url.removeprefix(ATTACHED)]
                return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})
            name, body = _static_file(url)
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    html = render_to_string(template, context, request)
    base = request.build_absolute_uri("/")
    return HTML(string=html, base_url=base, url_fetcher=StaticOnly()).write_pdf()
