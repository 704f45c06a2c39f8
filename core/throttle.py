"""Throttles: how many times one address or one account may do something in an hour.

One counter for every throttle (decision 0020): reset e-mails per account and per address
(accounts), invitations per sender (families), and every form a visitor posts without
signing in, per address and per page (`PublicPostThrottleMiddleware`). The interest,
contact and reply forms also count what they stored (core/visitor_forms.py), with a lower
limit of their own. Sign-in failures are counted by the lockout (accounts/lockout.py).

The counts are kept in the shared cache (Redis in production, decision 0041), so every
worker process and machine sees the same ones, and counting a visitor's form costs the
database no write.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

HOUR = timedelta(hours=1)


def client_address(request) -> str | None:
    """The client's address; X-Forwarded-For is believed only through trusted proxies.
    The throttles, the lockout, the audit trail and the public forms all read it here."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def _digest(scope: str, key: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}:{key}".encode(), hashlib.sha256
    ).hexdigest()


def throttle_hit(
    *, scope: str, key: str | None, limit: int, window: timedelta = HOUR, cache=cache
) -> bool:
    """Count one use of `scope` by `key`. True when `limit` uses were already counted
    within `window`: the use is refused, and not counted, so waiting always helps.

    The uses are the times of the last `limit` counted, under a keyed hash of who (an
    address, an account): it can be compared, not read back, and it leaves the cache
    when the window has passed. Two requests at the same instant may both pass the last
    free use; a throttle slows a flood down, it does not need to be exact. `cache` is the
    shared one, unless a test stands in two processes' connections."""
    now = timezone.now().timestamp()
    since = now - window.total_seconds()
    name = f"throttle:{_digest(scope, key or 'unknown')}"
    recent = [at for at in cache.get(name, ()) if at > since]
    if len(recent) >= limit:
        return True
    recent.append(now)
    cache.set(name, recent[-limit:], timeout=int(window.total_seconds()) + 1)
    return False


class PublicPostThrottleMiddleware:
    """Every form a visitor posts without signing in is limited per address and per page,
    PUBLIC_POSTS_PER_HOUR an hour: the sign-in, reset and invitation pages, the language
    switch, the interest and contact forms, a gathering's reply, and any added later.
    Not a provider's signed webhook. Signed-in people are not counted here: their own
    pages limit what needs limiting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if getattr(view_func, "signed_by_provider", False):
            # A provider's webhook (texts/views.py): every text and delivery report comes
            # from the same few addresses, and each request proves itself by its
            # signature; the view limits the unsigned ones itself.
            return None
        match = request.resolver_match
        scope = f"post:{match.view_name if match else request.path}"[:40]
        if throttle_hit(
            scope=scope,
            key=client_address(request),
            limit=settings.PUBLIC_POSTS_PER_HOUR,
        ):
            return throttled_response(request)
        return None


def throttled_response(request):
    response = render(request, "core/throttled.html", status=429)
    response["Retry-After"] = str(int(HOUR.total_seconds()))
    return response
