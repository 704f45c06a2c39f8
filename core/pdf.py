"""Pages drawn as PDF files by WeasyPrint, from the same templates the browser prints.

WeasyPrint needs the Pango library of the machine it runs on. A machine without it (a
newcomer's laptop with only Python) still has the printable page, and the browser's
"Save as PDF": `pdf_bytes` then answers None and the caller shows the page with a word
that says so instead of failing (decision 0026). WeasyPrint fetches nothing over the
network: the stylesheet, fonts and icons come from the app's own static files.
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


def pdf_bytes(request, template: str, context: dict) -> bytes | None:
    """`template` rendered with `context` as PDF bytes, or None when this machine cannot
    draw PDFs."""
    try:
        from weasyprint import HTML  # noqa: PLC0415 — needs Pango; imported when asked
        from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415
    except OSError:
        logger.warning("WeasyPrint cannot load Pango on this machine; no PDF.")
        return None

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            name, body = _static_file(url)
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    html = render_to_string(template, context, request)
    base = request.build_absolute_uri("/")
    return HTML(string=html, base_url=base, url_fetcher=StaticOnly()).write_pdf()
