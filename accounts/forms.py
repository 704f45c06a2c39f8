from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Language


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    shared_computer = forms.BooleanField(
        label=_("This is a shared computer or phone: keep nothing on it"),
        required=False,
        help_text=_(
            "At a library or a friend's: nothing is kept for reading offline, and you are "
            "signed out sooner, and when the browser is closed."
        ),
    )
    error_messages = {
        "invalid_login": _("That e-mail and password do not match an account. Try again."),
        "inactive": _("This account is switched off. Ask your coach for help."),
    }


class AccountEmailForm(forms.Form):
    email = forms.EmailField(label=_("Their e-mail address"), max_length=254)


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
    next = forms.CharField(required=False)


class CodeForm(forms.Form):
    """The second step of a sign-in: a code from the authenticator app, or a backup code.
    Labelled "Code", the word the app shows beside it."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6 digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=10,
        help_text=_("The 6 digits the app shows for Village after you add it."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ConfirmIdentityForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        """Checked like a sign-in, so wrong guesses count towards the lockout: someone at a
        computer left signed in cannot try passwords here without end."""
        password = self.cleaned_data["password"]
        user = self.request.user
        checked = authenticate(self.request, username=user.email, password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(_("That is not your password. Try again."))
        return password


class SessionEndForm(forms.Form):
    #: One of the person's own sessions: the view looks it up among theirs only.
    session = forms.IntegerField(min_value=1, max_value=2**63 - 1)
