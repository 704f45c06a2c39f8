from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm
from core.phone import PhoneNumberField
from families.models import BirthFamily, Child, PartnerHome, PermanencyEvent, Person, Placement


class PersonForm(OnceForm, forms.ModelForm):
    phone = PhoneNumberField(label=_("Phone"), required=False)

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "language",
            "email",
            "phone",
            "texts_ok",
            "preferred_contact",
        ]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}


class BirthFamilyForm(OnceForm, forms.ModelForm):
    class Meta:
        model = BirthFamily
        fields = ["name"]


class PartnerHomeForm(BoundedForm, OnceForm, forms.ModelForm):
    text_limits = {"address": bounds.ADDRESS}

    class Meta:
        model = PartnerHome
        fields = ["name", "kind", "address"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class ChildForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"birth_date": bounds.BIRTH}

    class Meta:
        model = Child
        fields = ["first_name", "last_name", "preferred_name", "birth_date"]
        widgets = {"birth_date": DateInput()}


class PlacementForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"started_on": bounds.PERIOD}

    class Meta:
        model = Placement
        fields = ["partner_home", "started_on"]
        widgets = {"started_on": DateInput()}
        labels = {"started_on": _("Moved in on")}

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_home"].queryset = homes
        self.fields["partner_home"].empty_label = _("A home outside the program")


class PermanencyEventForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"occurred_on": bounds.CASE_HISTORY}

    class Meta:
        model = PermanencyEvent
        fields = ["kind", "occurred_on", "note"]
        widgets = {"occurred_on": DateInput()}


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


class RecordsCloseForm(forms.Form):
    """Closing a family's records cannot be undone: the director types the family's name
    and says why, so a slip of the finger closes nothing."""

    family_name = forms.CharField(label=_("Type the family's name to confirm"), max_length=120)
    reason = forms.CharField(
        label=_("Why now"),
        max_length=300,
        help_text=_("For example: seven years since the partnership closed."),
    )
    understood = forms.BooleanField(
        label=_("I understand that the names, words, photos and documents cannot be brought back.")
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.family = family

    def clean_family_name(self):
        typed = self.cleaned_data["family_name"].strip()
        if typed.casefold() != self.family.name.strip().casefold():
            raise forms.ValidationError(_("Type the family's name exactly as it is shown."))
        return typed
