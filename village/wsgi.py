"""The app as a WSGI server runs it, loaded whole at import: gunicorn imports this once, in
its master, and forks the workers from it (village/gunicorn.conf.py), so what is loaded
here is loaded once for all of them rather than at each worker's first page."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "village.settings")
application = get_wsgi_application()

# These need the apps loaded, which the line above did.
from django.conf import settings  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import translation  # noqa: E402

from notices.badges import release  # noqa: E402


def _load_what_first_pages_would() -> None:
    """The views and the URL patterns' reverse lookups, every language's catalogue, the
    release's digest that kept parts carry, and the shared cache's client library, which
    Django imports at the cache's first use: together some 0.3 s of a worker's first page.
    It reads no database and connects to no cache."""
    get_resolver().reverse_dict  # noqa: B018 - filling it is the point
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pass
    release()
    if settings.REDIS_URL:
        import redis  # noqa: F401


_load_what_first_pages_would()
