"""How long a sign-in lasts, and the list of one's signed-in browsers (decision 0021).

Village is opened on private phones, but also on a library's or a relative's computer, where
the next person could find a child's records on the screen. So a session ends:

- after so many minutes without activity (15 for staff, who see every family; 30 for others;
  10 on a shared computer), checked on every request here, and warned a minute before in
  the page (accounts/static/accounts/session.js);
- after an absolute limit (12 hours; 8 on a shared computer), whatever the activity;
- when the person signs it out from another browser, changes or resets their password, or
  their account is switched off.

Each sign-in, whatever the way in, records a `SignedInSession` (connected to
`user_logged_in` in accounts/apps.py); the row is the session's life: a session whose row
is gone is signed out at its next request, even if its Django session somehow survived.
"""

import contextvars
import time
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import SignedInSession
from core.devices import device_of
from core.security import SecurityEvent, security_event_announce

# What the session keeps about itself, in seconds since the epoch.
ROW = "village_session_row"  # the SignedInSession's id
BEGAN = "village_session_began"
SEEN = "village_session_seen"  # the person's last request (not a background one)
TOUCHED = "village_session_touched"  # when the row's last_seen was last written
KEY = "village_session_key"  # the session key the row knows: Django changes it at times
SHARED = "village_session_shared"

#: A request the page makes by itself (the warning asking how long is left) says so with
#: this header, and does not count as the person's activity.
BACKGROUND_HEADER = "X-Village-Background"
#: Activity is written to the session at most this often, and the row's last_seen at most
#: once a minute: a page opened twice in a second costs no write.
ACTIVITY_GRAIN = 10
ROW_GRAIN = 60

#: The session of the request being served, so a password changed in it keeps it while
#: ending the others (`sessions_follow_account`).
_current_row: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "village_session_row", default=None
)


def limits(user, *, shared: bool) -> tuple[int, int]:
    """(idle, absolute) limits in seconds for this person's session."""
    idle = settings.SESSION_IDLE_SECONDS
    if user.is_program_staff:
        idle = min(idle, settings.SESSION_IDLE_STAFF_SECONDS)
    absolute = settings.SESSION_LIMIT_SECONDS
    if shared:
        idle = min(idle, settings.SESSION_IDLE_SHARED_SECONDS)
        absolute = min(absolute, settings.SESSION_LIMIT_SHARED_SECONDS)
    return idle, absolute


def on_shared_computer(request) -> bool:
    return bool(getattr(request, "session", None) and request.session.get(SHARED))


# --- Beginning and ending ---------------------------------------------------------------


def session_recorded(sender, request, user, **kwargs):
    """Connected to user_logged_in, so every way in (the password, a passkey, an accepted
    invitation) starts the clocks and appears in the person's list of sessions."""
    if request is None or not hasattr(request, "session"):
        return
    session = request.session
    if session.session_key is None:
        session.save()  # login() flushed another person's session: this one needs its key
    # Signing in again in the same browser (a passkey after a password) is one session.
    SignedInSession.objects.filter(pk=session.get(ROW)).delete()
    _forget_the_dead(user)
    now = timezone.now()
    browser, system = device_of(request.headers.get("User-Agent", ""))
    row = SignedInSession.objects.create(
        user=user,
        session_key=session.session_key,
        began=now,
        last_seen=now,
        browser=browser,
        system=system,
    )
    stamp = int(time.time())
    session.update({ROW: row.pk, BEGAN: stamp, SEEN: stamp, TOUCHED: stamp})
    session[KEY] = session.session_key
    session.pop(SHARED, None)


def session_begin(request, *, shared: bool) -> None:
    """After signing in: on a shared computer the cookie goes when the browser closes, and
    the idle and absolute limits are shorter."""
    session = request.session
    session[SHARED] = shared
    if shared:
        session.set_expiry(0)
        SignedInSession.objects.filter(pk=session.get(ROW)).update(shared=True)


def session_mark_shared(request) -> None:
    """Later, from the settings: the same as ticking "shared" at sign-in."""
    session_begin(request, shared=True)


def session_forgotten(sender, request, user, **kwargs):
    """Connected to user_logged_out: a signed-out session leaves the list."""
    if request is not None and hasattr(request, "session"):
        SignedInSession.objects.filter(pk=request.session.get(ROW)).delete()


def _forget_the_dead(user) -> None:
    """Take off the list the sessions that can no longer be alive: a browser closed or left
    without signing out ends by its limits, with nobody to remove its row."""
    now = timezone.now()
    idle = max(settings.SESSION_IDLE_SECONDS, settings.SESSION_IDLE_STAFF_SECONDS) + ROW_GRAIN
    SignedInSession.objects.filter(user=user).filter(
        models.Q(last_seen__lt=now - timedelta(seconds=idle))
        | models.Q(began__lt=now - timedelta(seconds=settings.SESSION_LIMIT_SECONDS))
    ).delete()


def _end(user, rows, *, detail: str) -> int:
    """End these sessions of the person's: their Django sessions deleted, so their cookies
    are worth nothing, and their rows removed."""
    rows = rows.filter(user=user)
    keys = list(rows.values_list("session_key", flat=True))
    if not keys:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for key in keys:
        store.delete(key)
    rows.delete()
    security_event_announce(event=SecurityEvent.SESSIONS_ENDED, user=user, detail=detail)
    return len(keys)


def session_end(*, user, session_id: int) -> int:
    """Sign the person out of one of their other browsers."""
    return _end(user, SignedInSession.objects.filter(pk=session_id), detail="one")


def sessions_end_others(*, user, keep: int | None, detail: str = "others") -> int:
    """Sign the person out everywhere but the session `keep` (this browser's)."""
    return _end(user, SignedInSession.objects.exclude(pk=keep or 0), detail=detail)


def sessions_end_all(*, user, detail: str = "all") -> int:
    return _end(user, SignedInSession.objects.all(), detail=detail)


def sessions_follow_account(sender, instance, created, **kwargs):
    """Connected to the User's post_save: an account switched off is signed out
    everywhere, and a new password ends every session but the one it was changed in.

    A signal, not a service call: accounts are switched off in the shell or by code that
    saves the user, and passwords set by Django's own views. Django's session hash already
    refuses a session after a password change, but it would serve an old session again if
    the account were switched back on; ending them here leaves nothing to come back."""
    if created:
        return
    if not instance.is_active:
        sessions_end_all(user=instance, detail="account switched off")
    elif getattr(instance, "_password", None) is not None:
        # set_password() keeps the new password there until save() has run.
        sessions_end_others(user=instance, keep=_current_row.get(), detail="new password")


# --- Every request ----------------------------------------------------------------------


class SessionLimitsMiddleware:
    """Sign out a session past its idle or absolute limit, or ended from elsewhere; count
    the person's activity; tell the page how long is left (`request.session_seconds_left`
    for accounts/_session_warning.html)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            return self.get_response(request)
        ended = self.check(request)
        if ended is not None:
            return ended
        token = _current_row.set(request.session.get(ROW))
        try:
            return self.get_response(request)
        finally:
            _current_row.reset(token)

    def check(self, request):
        session, user, now = request.session, request.user, int(time.time())
        if BEGAN not in session:
            # Signed in before these limits existed: they start now.
            session_recorded(None, request, user)
        idle, absolute = limits(user, shared=session.get(SHARED, False))
        seen, began = session[SEEN], session[BEGAN]
        if now - seen >= idle:
            minutes = idle // 60
            return signed_out(
                request,
                ngettext(
                    "You were signed out after %(minutes)s minute without activity.",
                    "You were signed out after %(minutes)s minutes without activity.",
                    minutes,
                )
                % {"minutes": minutes},
                detail="idle",
            )
        if now - began >= absolute:
            hours = absolute // 3600
            return signed_out(
                request,
                ngettext(
                    "You were signed out: a sign-in lasts %(hours)s hour at most.",
                    "You were signed out: a sign-in lasts %(hours)s hours at most.",
                    hours,
                )
                % {"hours": hours},
                detail="time limit",
            )
        # A form sent (among them "Stay signed in") always counts; a page read, once in
        # a while.
        grain = getattr(settings, "SESSION_ACTIVITY_GRAIN_SECONDS", ACTIVITY_GRAIN)
        if not is_background(request) and (now - seen >= grain or request.method == "POST"):
            session[SEEN] = seen = now
        last_touch = session.get(TOUCHED, 0)
        row_grain = getattr(settings, "SESSION_ROW_GRAIN_SECONDS", ROW_GRAIN)
        if session.get(KEY) != session.session_key or now - last_touch >= row_grain:
            touched = SignedInSession.objects.filter(pk=session.get(ROW), user=user).update(
                last_seen=timezone.now(), session_key=session.session_key
            )
            if not touched:
                return signed_out(
                    request, _("You were signed out of this browser from another."), detail=""
                )
            session[KEY], session[TOUCHED] = session.session_key, now
        request.session_seconds_left = max(0, min(idle - (now - seen), absolute - (now - began)))
        request.session_warning_seconds = settings.SESSION_WARNING_SECONDS
        return None


def is_background(request) -> bool:
    return request.headers.get(BACKGROUND_HEADER) == "1"


def signed_out(request, message: str, *, detail: str):
    """Sign the session out and send the person to sign in again, with where they were as
    `next` so nothing they were reading is lost."""
    if detail:
        security_event_announce(
            event=SecurityEvent.SESSIONS_ENDED, user=request.user, detail=detail
        )
    logout(request)
    messages.info(request, message)
    if is_background(request) or request.headers.get("Accept") == "application/json":
        return JsonResponse({"seconds": 0}, status=401)
    if request.method == "GET":
        target = request.get_full_path()
    else:  # a form sent back: after signing in, the page it was on
        target = urlsplit(request.headers.get("Referer", ""))
        same_site = target.netloc == request.get_host()
        target = (target.path + (f"?{target.query}" if target.query else "")) if same_site else ""
    if urlsplit(target).path == resolve_url(settings.LOGIN_URL):
        target = ""  # back to the sign-in page once signed in would go round in a loop
    response = redirect_to_login(target) if target else redirect(settings.LOGIN_URL)
    if request.headers.get("HX-Request"):
        # htmx would swap the sign-in page into a piece of this one: send the whole page.
        swapped = HttpResponse(status=204)
        swapped["HX-Redirect"] = response["Location"]
        return swapped
    return response


# --- Reading ----------------------------------------------------------------------------


def sessions_of(user) -> list[SignedInSession]:
    """The person's signed-in browsers, most recently used first (the dead ones taken
    off the list first)."""
    _forget_the_dead(user)
    return list(SignedInSession.objects.filter(user=user))


def current_session_id(request) -> int | None:
    return request.session.get(ROW)
