from collections.abc import Sequence

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services, sessions
from accounts.forms import (
    LanguageForm,
    PasswordResetRequestForm,
    SignInForm,
)
from core.access import RULES
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
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        sessions.session_begin(self.request, shared=form.cleaned_data["shared_computer"])
        return response


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


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
        },
    )


def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_send(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_done(request):
    return render(request, "accounts/password_reset_done.html")


password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_set.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
    extra_context={"purpose": "reset"},
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
# Accepting an invitation is setting a first password through the same single-use link,
# then arriving signed in.
invitation_accept = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_set.html",
    success_url=reverse_lazy("home:home"),
    post_reset_login=True,
    extra_context={"purpose": "invitation"},
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)
