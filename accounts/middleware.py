from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

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
    `no-store`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response
