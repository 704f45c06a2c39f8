"""Which language a person is spoken to in before they have said.

Their own choice always wins. Until they make one, each sign-in takes the language their
browser asks for, among the program's, and keeps it on their account: e-mails and text
messages are written long after the page is gone, and speak the account's language.
"""

from django.conf import settings
from django.contrib import messages
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from accounts import services
from accounts.models import Language


def picked_on_the_page(request) -> str | None:
    """The language switch's cookie: someone pressed the switch in this browser."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else None


def asked_by_the_browser(request) -> str | None:
    """The first of the browser's languages (Accept-Language) that the program speaks."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def language_on_sign_in(sender, request, user, **kwargs):
    """Connected to user_logged_in (accounts/apps.py), so it follows every way in: the
    sign-in form and an accepted invitation alike."""
    if request is None or user.language_chosen:
        return
    picked = picked_on_the_page(request)
    if picked:
        services.user_language_set(user=user, language=picked)
        return
    language = asked_by_the_browser(request)
    if language and services.user_language_from_browser(user=user, language=language):
        with translation.override(language):
            told = _(
                "Village speaks to you in %(language)s, as your browser asks. You can "
                "change it in Your settings, at the foot of each page."
            ) % {"language": Language(language).label}
        messages.info(request, told, fail_silently=True)
