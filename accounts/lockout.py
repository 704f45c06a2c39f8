"""Sign-in lockout, with django-axes (decision 0020).

Failed sign-ins are counted per account and per address. An account is paused after
AXES_FAILURE_LIMIT failures within AXES_COOLOFF_TIME, an address after
LOCKOUT_ADDRESS_FAILURE_LIMIT: higher, because a family centre's or a library's computers
share one address, and one person's forgotten password must not pause everyone there.
The way out is told in the person's language: wait, reset the password by e-mail (which
unlocks the account), or ask the director, who can unlock it (accounts.services).
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone

from core.security import SecurityEvent, security_event_announce
from core.throttle import client_address


def username_of(request, credentials: dict | None) -> str:
    """The address a sign-in was tried with, as accounts keep it: `Ana@X.org ` and
    `ana@x.org` are one account, so they are one count."""
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    else:
        value = getattr(request, "POST", {}).get("username")
    return (value or "").strip().lower()[:254]


def address_of(request) -> str | None:
    """The client's address, believing X-Forwarded-For only through trusted proxies, as
    the throttles and the audit trail do."""
    return client_address(request)


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, which refuses a locked account before its password is checked.

    Axes refuses to run without a request. Code that checks a password without one (the
    test client's `login`, a future re-authentication) is still refused for a locked
    account: the check runs on an empty request, which names the account alone."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request if request is not None else HttpRequest(),
            username=username,
            password=password,
            **kwargs,
        )


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for an address.

    Axes compares the larger of the account's and the address's counts with one limit;
    the address's count is scaled so that it reaches that limit at
    LOCKOUT_ADDRESS_FAILURE_LIMIT instead."""

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        limit = settings.AXES_FAILURE_LIMIT
        address_limit = max(settings.LOCKOUT_ADDRESS_FAILURE_LIMIT, 1)
        scaled = []
        for parameter, count in zip(
            get_lockout_parameters(request, credentials), counts, strict=True
        ):
            if parameter == "ip_address":
                count = count * limit // address_limit
            scaled.append(count)
        return max(scaled, default=0)


def lockout_response(request, original_response=None, credentials=None):
    """The page a paused sign-in gets instead of the form, in the person's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=429,
    )


def locked_usernames() -> set[str]:
    """The accounts paused now: AXES_FAILURE_LIMIT failures within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    totals = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(username__isnull=True)
        .exclude(username="")
        .values("username")
        .annotate(total=Sum("failures_since_start"))
        .filter(total__gte=settings.AXES_FAILURE_LIMIT)
    )
    return {row["username"] for row in totals}


def attempts_clear(user) -> int:
    """Forget the account's failed sign-ins, from every address. How many were cleared."""
    deleted, _ = AccessAttempt.objects.filter(username=user.email.lower()).delete()
    return deleted


def announce_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """Axes' `user_locked_out`, told to the audit trail. The account is named when the
    address tried matches one; the typed address itself is not kept."""
    user = get_user_model().objects.filter(email__iexact=username or "").first()
    security_event_announce(event=SecurityEvent.LOCKED_OUT, user=user, detail="sign_in")
