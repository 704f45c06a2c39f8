"""django-otp-webauthn's passkey ceremonies, under its own URL names (its script asks for
them by name). Adding a passkey is changing how one signs in: it needs the password typed
within the last minutes, like every other factor change (accounts/factors.py)."""

from functools import wraps

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views

from accounts import factors

app_name = "otp_webauthn"


def _recently_confirmed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not factors.identity_recently_confirmed(request):
            message = _("Type your password again, then add the passkey.")
            return JsonResponse({"detail": message, "code": "confirm_identity"}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path(
        "registration/begin/",
        _recently_confirmed(views.BeginCredentialRegistrationView.as_view()),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        _recently_confirmed(views.CompleteCredentialRegistrationView.as_view()),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        views.CompleteCredentialAuthenticationView.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
