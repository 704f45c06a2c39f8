"""The second step of a sign-in, and the page where a person manages their factors."""

import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.oath import TOTP

from accounts import factors
from accounts.forms import AppCodeForm, CodeForm, ConfirmIdentityForm
from core.urls_safety import safe_next


def _with_next(name: str, next_url: str) -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def second_factor(request):
    """Finish a sign-in with a code or a passkey. Reached after the password, when the
    person's role or their own choice asks for a second factor."""
    next_url = safe_next(request, fallback="home:home")
    if request.user.is_verified():
        return redirect(next_url)
    held = factors.factors_of(request.user)
    if not held.any and held.backup_codes_left == 0:
        return redirect(_with_next("accounts:factor_setup", request.GET.get("next", "")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = factors.code_check(request=request, code=form.cleaned_data["code"])
        if device is not None:
            factors.sign_in_finish(request=request, device=device)
            return redirect(next_url)
        form.add_error(
            "code",
            _(
                "That code did not work. Codes change every 30 seconds: "
                "try the one the app shows now."
            ),
        )
    return render(
        request,
        "accounts/second_factor.html",
        {
            "form": form,
            "held": held,
            "next": request.GET.get("next", ""),
            "demo_code": _demo_code(request.user),
        },
    )


def _demo_code(user) -> str:
    """In demo mode only, the code the demo secret gives now, so that anyone trying the
    demo can sign in as its staff without an authenticator app."""
    if not settings.DEMO_MODE:
        return ""
    held = factors.factors_of(user).app
    if held is None or held.key != factors.demo_secret_hex():
        return ""
    return f"{TOTP(held.bin_key).token():06d}"


def factor_setup(request):
    """Set up an authenticator app: scan the picture or type the secret, then prove it
    with the first code. Staff arrive here at their first sign-in.

    Between a password and its second factor, only someone with no factor yet may set
    one up: otherwise a stolen password would replace the app that guards it."""
    if factors.second_factor_owed(request) and factors.factors_of(request.user).any:
        return redirect(_with_next("accounts:second_factor", request.GET.get("next", "")))
    secret = factors.pending_secret(request)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if factors.app_enrol(request=request, code=form.cleaned_data["code"]):
            codes = factors.backup_codes_renew(user=request.user)
            messages.success(request, _("Your authenticator app is set up."))
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": safe_next(request, fallback="accounts:security")},
            )
        form.add_error(
            "code",
            _(
                "That code does not match. Check the app shows Village, "
                "then type the code it shows now."
            ),
        )
    link = factors.app_link(user=request.user, secret_hex=secret)
    return render(
        request,
        "accounts/factor_setup.html",
        {
            "form": form,
            "qr": segno.make(link, error="m").svg_data_uri(scale=5, border=2),
            "secret": factors.secret_for_typing(secret),
            "required": factors.factor_required(request.user),
            "verified": request.user.is_verified(),
            "next": request.GET.get("next", ""),
        },
    )


def security(request):
    """A person's ways of signing in: password, authenticator app, backup codes, passkeys."""
    return render(
        request,
        "accounts/security.html",
        {
            "held": factors.factors_of(request.user),
            "required": factors.factor_required(request.user),
            "confirmed": factors.identity_recently_confirmed(request),
        },
    )


def confirm_identity(request):
    """Type the password again before changing a factor: someone who finds a computer
    still signed in cannot take the account over."""
    form = ConfirmIdentityForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        factors.identity_confirm(request)
        return redirect(safe_next(request, fallback="accounts:security"))
    return render(
        request,
        "accounts/confirm_identity.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def _needs_confirmation(request):
    if factors.identity_recently_confirmed(request):
        return None
    return redirect(_with_next("accounts:confirm_identity", reverse("accounts:security")))


@require_POST
def backup_codes(request):
    if refused := _needs_confirmation(request):
        return refused
    codes = factors.backup_codes_renew(user=request.user)
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "next": reverse("accounts:security")},
    )


@require_POST
def app_remove(request):
    if refused := _needs_confirmation(request):
        return refused
    try:
        factors.app_remove(user=request.user)
    except factors.LastFactor:
        messages.error(
            request, _("Staff need a second factor: add a passkey before removing the app.")
        )
    else:
        messages.success(request, _("The authenticator app was removed."))
    return redirect("accounts:security")


@require_POST
def passkey_remove(request, passkey):
    if refused := _needs_confirmation(request):
        return refused
    try:
        factors.passkey_remove(user=request.user, passkey=passkey)
    except factors.LastFactor:
        messages.error(
            request,
            _(
                "Staff need a second factor: set up the authenticator app "
                "before removing your last passkey."
            ),
        )
    else:
        messages.success(request, _("The passkey was removed."))
    return redirect("accounts:security")
