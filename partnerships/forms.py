from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Role
from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm
from core.phone import PhoneNumberField
from families.models import Child
from partnerships.models import Partnership, Stage


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        person = getattr(user, "person", None)
        return person.full_name if person else user.email


def coaches():
    return (
        get_user_model()
        .objects.filter(groups__name=Role.COACH, is_active=True)
        .select_related("person")
        .order_by("person__first_name", "pk")
    )


class ReferralForm(BoundedForm, OnceForm):
    date_ranges = {"referred_on": bounds.RECENT}

    family_name = forms.CharField(
        label=_("Family name"), max_length=120, help_text=_("For example, “Delgado family”.")
    )
    first_name = forms.CharField(label=_("Parent's first name"), max_length=80)
    last_name = forms.CharField(label=_("Parent's last name"), max_length=80, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    coach = CoachChoiceField(label=_("Coach"), queryset=coaches())
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()
        self.fields["referred_on"].initial = timezone.localdate()


class PartnershipForm(forms.ModelForm):
    coach = CoachChoiceField(label=_("Coach"), queryset=coaches())

    class Meta:
        model = Partnership
        fields = ["partner_home", "children", "coach"]
        widgets = {"children": forms.CheckboxSelectMultiple}

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_home"].queryset = homes
        self.fields["partner_home"].empty_label = _("Not matched yet")
        self.fields["children"].queryset = Child.objects.filter(
            birth_family=self.instance.birth_family_id
        )
        self.fields["coach"].queryset = coaches()


class StageChangeForm(BoundedForm, forms.Form):
    date_ranges = {"changed_on": bounds.CASE_HISTORY}

    # A new stage is never a default: it starts empty, so no stage is changed by accident.
    stage = forms.ChoiceField(label=_("New stage"), choices=[("", _("Choose…"))] + Stage.choices)
    changed_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changed_on"].initial = timezone.localdate()


class CoverageForm(BoundedForm, OnceForm):
    date_ranges = {"starts_on": bounds.DUE, "ends_on": bounds.DUE}

    coach = CoachChoiceField(label=_("Coach who is away"), queryset=coaches())
    covering_coach = CoachChoiceField(label=_("Covering coach"), queryset=coaches())
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()
        self.fields["covering_coach"].queryset = coaches()
