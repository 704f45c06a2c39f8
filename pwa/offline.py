"""Which pages a parent's phone may keep for reading offline, and whose they are.

The service worker (pwa/static/pwa/sw.js) keeps nothing on its own judgement. Every
response from the app tells it whose pages this browser may hold (`Village-Cache-Owner`):
an opaque key made from the person's id with the server's secret, or `none` (signed out,
staff, a device marked shared, a second factor still owed). The worker keeps one cache,
named by that key, and deletes every other the moment a different owner (or `none`)
appears. An allow-listed page also says `Village-Cache: keep`; nothing else is stored
(docs/decisions/0039-installable-and-offline.md).
"""

from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts import factors, sessions
from core.roles import Role

OWNER, KEEP = "Village-Cache-Owner", "Village-Cache"
NOBODY = "none"

#: The pages a parent needs at the door of a visit, by URL name, each with the query
#: parameters it may carry and still be kept: any other parameter (a search, a filter, a
#: page of results) and the page is not kept. The cache is keyed by the whole address, so
#: each date of a repeating visit (`occurrence`) is its own entry.
KEPT = {
    "home:home": frozenset(),  # the next family time, the coach's phone number
    "schedule:agenda": frozenset(),
    "schedule:event": frozenset({"occurrence"}),
    "aboutme:profile": frozenset(),  # the children's All About Me pages
    "voice:audio": frozenset(),  # the songs and voice notes those pages play
    "conversations:inbox": frozenset(),
    "conversations:thread": frozenset(),
}
KEPT_TYPES = ("text/html", "audio/")


def owner_key(request) -> str:
    """The cache owner this browser may hold pages for: a key, or `none`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return NOBODY
    # Only parents read offline; staff devices hold whole caseloads and keep nothing.
    if not user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT) or user.is_program_staff:
        return NOBODY
    if sessions.on_shared_computer(request):
        return NOBODY
    # Just signed in, within this request, the second factor is not known yet: nobody's,
    # which also empties whatever an earlier person left in this browser.
    if not hasattr(user, "is_verified") or factors.second_factor_owed(request):
        return NOBODY
    # The id itself never leaves the server: a stranger's key says nothing of whose it is.
    return salted_hmac("pwa.offline.owner", str(user.pk), algorithm="sha256").hexdigest()[:32]


def may_keep(request) -> bool:
    """Whether this request's page may be kept, before the view runs (the page then
    carries the date it was saved, for the worker to show when offline)."""
    match = request.resolver_match
    return (
        request.method == "GET"
        and match is not None
        and match.view_name in KEPT
        and set(request.GET) <= KEPT[match.view_name]
        # A piece of a page fetched by htmx is not a page to read on its own.
        and not request.headers.get("HX-Request")
        and owner_key(request) != NOBODY
    )


class OfflineCacheMiddleware:
    """Tells the service worker whose pages these are and which ones to keep."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Read after the view: signing out or in changes the answer within the request.
        response[OWNER] = owner_key(request)
        if (
            getattr(request, "offline_saved_at", None)
            and response.status_code in (200, 206)
            and response.get("Content-Type", "").startswith(KEPT_TYPES)
        ):
            response[KEEP] = "keep"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if may_keep(request):
            request.offline_saved_at = timezone.now()
