from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from accounts import factors
from core.zones import zone_of


class LanguageMiddleware:
    """Speak the language the person chose.

    A signed-in person's choice is kept on their account, so it follows them to any phone
    or computer; a visitor's comes from the language cookie, then from the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            language = request.user.language
        else:
            language = translation.get_language_from_request(request)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


class TimeZoneMiddleware:
    """Show times in the zone the signed-in person reads them in (core/zones.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(zone_of(request.user))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The thread serves someone else next; and code after the request (tasks run
            # in-process, tests) reads the program's clock.
            timezone.deactivate()


class NoStoreWhenSignedInMiddleware:
    """Nothing a signed-in person is shown stays in the browser's cache: on a shared or
    library computer, the next person could open a child's photo or a court date from it
    after sign-out. Every response to a signed-in request, private files included, says
    `no-store`. A response the same for everyone says so (`same_for_everyone`: the
    service worker and the app manifest) and keeps its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not getattr(response, "same_for_everyone", False)
        ):
            response["Cache-Control"] = "private, no-store"
        return response


#: Pages a person may open between their password and their second factor: the step
#: itself, setting a factor up, the passkey ceremonies, signing out, the language, and
#: the idle warning's question.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:second_factor",
        "accounts:factor_setup",
        "accounts:sign_out",
        "accounts:set_language",
        # The idle warning's question, "how long is left?", asked from the code page too:
        # answered with a redirect, the page's script would reload it under the person's
        # fingers as they come back from their authenticator app.
        "accounts:session_stay",
    }
)


class SecondFactorMiddleware:
    """No page past the second step of a sign-in until the second factor is shown.

    Staff always need one (accounts/factors.py); a parent who set up an authenticator app
    is asked for it too. The person is sent to the code page, or, when they have no factor
    yet (a new staff member), to set one up, with where they were going kept in `next`.
    Public pages too: signed in, they show a signed-in person's home and menus."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not factors.second_factor_owed(request):
            return None
        match = request.resolver_match
        if match.view_name in OPEN_BEFORE_SECOND_FACTOR or match.namespace == "otp_webauthn":
            return None
        held = factors.factors_of(request.user)
        step = "accounts:second_factor" if held.any else "accounts:factor_setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(step)}?{query}")
