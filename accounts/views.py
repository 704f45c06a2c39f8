from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from accounts import services
from accounts.forms import PasswordResetRequestForm, SignInForm
from core.demo import DEMO_LOGINS, DEMO_PASSWORD


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_logins"] = DEMO_LOGINS
            context["demo_password"] = DEMO_PASSWORD
        return context


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


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
    success_url=reverse_lazy("core:home"),
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
