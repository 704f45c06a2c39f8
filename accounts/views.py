from collections.abc import Sequence

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import (
    InviteNewForm,
    InvitePersonForm,
    LanguageForm,
    PasswordResetRequestForm,
    SignInForm,
)
from audit.models import Action
from audit.services import audit_entry_create
from core.forms import add_errors
from core.urls_safety import safe_next
from families.selectors import person_invitable_for


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
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
        messages.success(request, _("Language changed."))
    return response


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


def invite_person(request, person_id):
    person = person_invitable_for(request.user, person_id)
    # A parent's role follows from their family or home; nobody picks another for them.
    role = services.role_for_person(person)
    grantable = services.roles_grantable_by(request.user) & {role}
    initial = {"email": person.email, "role": role}
    form = InvitePersonForm(request.POST or None, initial=initial, grantable=grantable)
    back = safe_next(request, fallback="home:home")
    if request.method == "POST" and form.is_valid():
        try:
            services.user_invite(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(back)
    # The page shows the person's name and e-mail: reading it is reading their record.
    audit_entry_create(actor=request.user, action=Action.VIEWED, record=person, fields=["email"])
    return render(
        request, "accounts/invite_person.html", {"form": form, "person": person, "next": back}
    )


def invite_new(request):
    grantable = services.roles_grantable_by(request.user)
    form = InviteNewForm(request.POST or None, grantable=grantable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        role = data.pop("role")
        try:
            services.person_invite_new(actor=request.user, person_data=data, role=role)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
            return redirect("accounts:invite_new")
    return render(request, "accounts/invite_new.html", {"form": form})
