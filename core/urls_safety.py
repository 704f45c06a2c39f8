import re

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

#: What secrets.token_urlsafe makes: the secret in a calendar feed's or a reply's address.
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,64}")


def looks_like_secret(value) -> bool:
    """Whether an address's secret has the shape of one we make: anything else is refused
    before the database is asked (PostgreSQL fails on a NUL byte in text)."""
    return bool(_SECRET.fullmatch(str(value)))


def safe_next(request, *, fallback: str) -> str:
    """The `next` address from the request, only if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site, not a bare word: redirect() would try "abc" as a view's name
    # and fail with a 500 (NoReverseMatch).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback)
