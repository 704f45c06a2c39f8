from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError

#: The stylesheet every page links: if it does not resolve, no page can be drawn.
STATIC_PROBE = "village/village.css"


def database_answers(connection) -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def static_files_resolve() -> bool:
    """Whether pages can link their static files. In production they are collected with a
    manifest (`collectstatic`): without it every page fails with a 500 while the database
    answers. In development they are found in the apps' folders."""
    if settings.WHITENOISE_USE_FINDERS:
        return finders.find(STATIC_PROBE) is not None
    stored_name = getattr(staticfiles_storage, "stored_name", lambda name: name)
    try:
        stored = stored_name(STATIC_PROBE)
    except (ValueError, OSError):
        return False
    return staticfiles_storage.exists(stored)


def cache_answers() -> bool:
    """Whether the shared cache (Redis) answers: without it, no session can be read."""
    from django.core.cache import cache

    probe = "healthz-probe"
    try:
        cache.set(probe, 1, timeout=5)
        return cache.get(probe) == 1
    except Exception:  # noqa: BLE001 - whatever the client raises, the cache is not there
        return False
