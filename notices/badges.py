"""What is kept of a person's summaries of what is new and due to them: the tab bar's
counts (home/unread.py) and the team's Today (home/today.py), in the shared cache for a
minute at most (decision 0045).

Counting them cost most of a page: the counts about 7 ms of building queries on every
page a signed-in person opens; a coach's Today half of their home page. Each person's
kept summaries hang on a version of theirs, and forgetting them is one delete of it: the
next page counts afresh. They are forgotten when the person has something new
(notices.delivery.notify, which every message, post and update for them goes through),
when they change something themselves (any form they send, ForgetOnWriteMiddleware), when
they read (the journal's and the conversations' read marks) and when what they may read
changes (agreements and court orders, agreements/services.py). What none of those
announce shows within settings.BADGE_SECONDS."""

import functools
import hashlib
import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.once import keys_put_in, keys_stood_in

#: A version outlives the summaries hung on it by far; one that expires starts anew.
VERSION_SECONDS = 24 * 3600


def kept_seconds() -> int:
    return settings.BADGE_SECONDS


#: The apps whose pages' kept parts a change elsewhere in the same three leaves alone (an
#: "area", by the app's URL namespace): a journal post makes the journal, the tab bar's
#: counts and the home page stale, not the calendar or All About Me. A change of any
#: other app's records (an agreement, a court order, a family, a gathering, a recording)
#: makes all of the person's parts stale, these three included.
AREAS = frozenset({"journal", "schedule", "aboutme"})
#: The version of the parts outside the AREAS: the home page's and the tab bar's counts.
_ANYWHERE = "any"
#: Parts no area's change makes stale, only a change of any other app's records: they
#: show nothing an area's forms change often (the journal's form to share a moment;
#: journal.services.review_setting_set forgets all its readers' parts), so a post does
#: not write them afresh.
STEADY = "steady"


def _version_key(user_id: int, area: str = "") -> str:
    return f"village:kept:{user_id}:{area}" if area else f"village:kept:{user_id}"


def _shared_key(name: str) -> str:
    return f"village:kept:shared:{name}"


def _version(key: str) -> str:
    return cache.get_or_set(key, lambda: secrets.token_hex(8), VERSION_SECONDS)


def kept_key(user_id: int, *parts: str, area: str = "") -> str:
    """The cache key of one of the person's kept summaries, under their current version
    and that of its area (one of AREAS, or the rest). Both versions in one round trip to
    the cache; one that has expired or was forgotten starts anew."""
    if area and area not in AREAS and area != STEADY:
        raise ValueError(f"Not an area of its own: {area!r}")
    keys = (_version_key(user_id), _version_key(user_id, area or _ANYWHERE))
    found = cache.get_many(keys)
    everything, this_area = (found.get(key) or _version(key) for key in keys)
    return ":".join(("village:kept", str(user_id), everything, this_area, area, *parts))


def badge_key(user_id: int, *, journal: bool) -> str:
    return kept_key(user_id, "badges", "journal" if journal else "messages")


def kept_part(
    request,
    *parts: str,
    template: str,
    context: Callable[[], dict],
    shared: str = "",
    everyone: bool = False,
    area: str = "",
) -> SafeString:
    """A part of the person's page as `template` wrote it within the last minute, unless
    something since has made it stale (decision 0048); `context` is asked only when it
    is written afresh. Kept for the language and clock it was written in. A part that
    shows records nobody's own (the team's intake queue) names them: `shared`, which
    kept_shared_forget makes stale for everyone. A part the same for `everyone` who asks
    (the directory's results) is kept once for all, under `shared` alone. A part of one
    of the AREAS names it, and is kept through changes of the others'; a STEADY part
    through changes of all of them.

    A form's CSRF token belongs to one browser, and a person may have two: the part is
    kept with a stand-in for the token, and each page gets its own browser's. A form's
    one-time key (core.once) belongs to one showing of it: each page gets new ones."""

    if everyone and not shared:
        raise ValueError("A part kept for everyone names what makes it stale (shared).")
    if not everyone and not request.user.is_authenticated:
        # Every visitor would share one person's keeping: what one was shown, all would be.
        raise ValueError("A part kept for one person needs a person signed in.")

    def write() -> str:
        with keys_stood_in(_stand_in("once")):
            found = context()
            return render_to_string(template, {**found, "csrf_token": _stand_in("csrf")}, request)

    zone = timezone.get_current_timezone_name()
    if shared:
        parts = (*parts, shared, kept_shared_version(shared))
    parts = ("part", release(), *parts, get_language() or "", zone)
    if everyone:
        key = ":".join(("village:kept:everyone", *parts))
    else:
        key = kept_key(request.user.pk, *parts, area=area)
    kept = cache.get_or_set(key, write, kept_seconds())
    # Written by our own templates, with stand-ins where {% csrf_token %} and each form's
    # one-time key (core.once) were.
    token = get_token(request)  # and the browser gets the cookie that goes with it
    kept = keys_put_in(kept.replace(_stand_in("csrf"), token), _stand_in("once"))
    return mark_safe(kept)  # noqa: S308  # nosec


#: What writes a page: a part kept by the code before a deploy is not shown by the code after.
_WRITES_PAGES = (".py", ".html", ".mo")
_NOT_THE_APP = {".venv", "node_modules", "staticfiles", "bench", "docs", "design", "tests"}


@functools.cache
def release() -> str:
    """A digest of the code, templates and translations this process serves, read once
    (some 700 files, 20 ms): the same on every machine of one release."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in _NOT_THE_APP and not f.startswith("."))
        for name in sorted(files):
            if name.endswith(_WRITES_PAGES):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def _stand_in(what: str) -> str:
    """Nothing a person could type into a page by chance or on purpose: a text derived
    from the secret key, in the alphabet of a CSRF token and of a form's key."""
    return salted_hmac("village.kept_part", what, algorithm="sha256").hexdigest()[:32]


def kept_forget(*user_ids: int | None, area: str = "") -> None:
    """Count these people's summaries afresh on their next page: now, and again once the
    change that makes them stale is committed, since a page read in between would count
    what was there before it and keep that for the minute. A change within one of the
    AREAS makes that area's parts stale and those outside every area; any other, all."""
    people = [user_id for user_id in user_ids if user_id is not None]
    if area in AREAS:
        keys = [_version_key(u, a) for u in people for a in (area, _ANYWHERE)]
    else:
        keys = [_version_key(u) for u in people]
    _forget(keys)


def area_of(path: str) -> str:
    """The area (AREAS) an address of the site belongs to, or "" for the rest."""
    try:
        return _area_named(resolve(urlsplit(path).path).namespace)
    except Resolver404:
        return ""


def _area_named(namespace: str) -> str:
    return namespace if namespace in AREAS else ""


def kept_shared_version(name: str) -> str:
    """The current version of what `name` stands for: a key for what is kept of it."""
    return _version(_shared_key(name))


def kept_shared_forget(name: str) -> None:
    """Write afresh, for everyone, the kept parts that show the records `name` stands for."""
    _forget([_shared_key(name)])


def _forget(keys: list[str]) -> None:
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


#: Who reads a partnership's records, by its id (partnerships/apps.py registers it).
_readers_of: Callable[[Iterable[int]], Iterable[int]] | None = None


def partnership_readers_register(readers_of: Callable[[Iterable[int]], Iterable[int]]) -> None:
    global _readers_of
    _readers_of = readers_of


def _partnership_of(record) -> int | None:
    """The partnership a view's record belongs to, if it is one or belongs to one."""
    meta = getattr(record, "_meta", None)
    if meta is not None and meta.label == "partnerships.Partnership":
        return record.pk
    return getattr(record, "partnership_id", None)


class ForgetOnWriteMiddleware:
    """A person who sends a form (records a visit, approves a post, marks a step done)
    sees their summaries counted afresh on the next page, whatever the form changed; a
    form about a partnership's record (an event, a post, a plan) does the same for its
    other readers: a covering coach's change shows on the coach's calendar at once.
    Outside the request's transaction (settings.MIDDLEWARE), so it runs after the commit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.user.is_authenticated:
            match = request.resolver_match
            area = _area_named(match.namespace) if match is not None else ""
            kept_forget(request.user.pk, area=area)
            # The access rule swapped the URL's key for the record in these same arguments.
            records = getattr(request, "_kept_view_kwargs", {}).values()
            partnerships = {p for p in map(_partnership_of, records) if p is not None}
            if partnerships and _readers_of is not None:
                kept_forget(*_readers_of(partnerships), area=area)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._kept_view_kwargs = view_kwargs
