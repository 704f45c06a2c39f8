from collections.abc import Sequence

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import factors, selectors, services, sessions
from accounts.forms import (
    AccountEmailForm,
    LanguageForm,
    PasswordResetRequestForm,
    SignInForm,
)
from core.access import RULES
from core.security import SecurityEvent, security_event_announce
from core.throttle import client_address
from core.urls_safety import safe_next
from core.zones import zone_of


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    #: The demo program's logins, shown when DEMO_MODE is on. The demo belongs to the top
    #: app, which fills these in when it starts (home/apps.py): accounts does not import it.
    demo_logins: Sequence[tuple[str, str]] = ()
    demo_password = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_logins"] = self.demo_logins
            context["demo_password"] = self.demo_password
            context["demo_secret"] = factors.DEMO_SECRET
        return context

    def get_success_url(self):
        """Straight on to the second step when one is due (accounts/factors.py)."""
        url = super().get_success_url()
        if self.request.session.get(factors.FACTOR_DUE_SESSION_KEY):
            return f"{reverse('accounts:second_factor')}?{urlencode({'next': url})}"
        return url

    def form_valid(self, form):
        response = super().form_valid(form)
        sessions.session_begin(self.request, shared=form.cleaned_data["shared_computer"])
        return response


sign_in = SignInView.as_view()


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # What this browser kept for reading offline goes too: the service worker's caches
        # and any stored response (docs/decisions/0039-installable-and-offline.md).
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


sign_out = SignOutView.as_view()


@require_POST
def set_language(request):
    form = LanguageForm(request.POST)
    response = redirect(safe_next(request, fallback="home:home"))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_language_set(user=request.user, language=language)
        translation.activate(language)
        response.set_cookie(
            "django_language",
            language,
            # A shared computer keeps it only until the browser closes.
            max_age=None if sessions.on_shared_computer(request) else 365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
        messages.success(request, _("Language changed."))
    return response


def settings_page(request):
    """The person's own settings. The time zone is set beside the calendar it is for, so
    this page links there, for those who have one."""
    return render(
        request,
        "accounts/settings.html",
        {
            "zone": zone_of(request.user),
            "zone_on_calendar": RULES["schedule:agenda"].allows(request.user),
            "shared": sessions.on_shared_computer(request),
        },
    )


def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_send(
            email=form.cleaned_data["email"], address=client_address(request)
        )
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_done(request):
    return render(request, "accounts/password_reset_done.html")


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """A new password through a single-use link. The trail records the reset, or the
    invitation's first password (decision 0022); and it lifts a sign-in lockout: the
    person proved they hold the account's e-mail (decision 0020)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_unlock(actor=form.user, user=form.user)
        security_event_announce(
            event=SecurityEvent.PASSWORD_RESET, user=form.user, detail=self.extra_context["purpose"]
        )
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_announce(event=SecurityEvent.PASSWORD_CHANGED, user=form.user)
        return response


password_reset_confirm = PasswordSetView.as_view(
    template_name="accounts/password_set.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
    extra_context={"purpose": "reset"},
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
# Accepting an invitation is setting a first password through the same single-use link,
# then arriving signed in.
invitation_accept = PasswordSetView.as_view(
    template_name="accounts/password_set.html",
    success_url=reverse_lazy("home:home"),
    post_reset_login=True,
    # The lockout's backend only refuses; this one is the one that signs people in.
    post_reset_login_backend="accounts.backends.UserBackend",
    extra_context={"purpose": "invitation"},
)
password_change = PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


def locked_list(request):
    """The director's list of accounts a sign-in lockout pauses, each with its unlock."""
    return render(
        request, "accounts/locked_list.html", {"accounts": selectors.locked_accounts(request.user)}
    )


@require_POST
def factors_reset(request):
    """A person lost their phone and their backup codes: the director, knowing who asks,
    removes their factors (accounts/factors.py)."""
    form = AccountEmailForm(request.POST)
    account = form.is_valid() and selectors.account_by_email(
        request.user, form.cleaned_data["email"]
    )
    if not account:
        messages.error(request, _("No account has that e-mail address."))
    else:
        factors.factors_reset(actor=request.user, user=account)
        messages.success(
            request,
            _("%(email)s's second factors were removed: they set one up at their next sign-in.")
            % {"email": account.email},
        )
    return redirect("accounts:locked_list")


@require_POST
def unlock(request, account):
    services.account_unlock(actor=request.user, user=account)
    messages.success(request, _("%(email)s can sign in again.") % {"email": account.email})
    return redirect("accounts:locked_list")
