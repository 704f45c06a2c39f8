from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Role
from families.models import Person


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
    error_messages = {
        "invalid_login": _("That e-mail and password do not match an account. Try again."),
        "inactive": _("This account is switched off. Ask your coach for help."),
    }


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


def _role_choices(grantable: set[str]) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role if role in grantable]


class InvitePersonForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, grantable: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(grantable)


class InviteNewForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"))

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "language"]

    def __init__(self, *args, grantable: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["last_name"].required = False
        self.fields["role"].choices = _role_choices(
            grantable - {Role.BIRTH_PARENT, Role.PARTNER_PARENT}
        )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
    next = forms.CharField(required=False)
