from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import CourtRestriction, HomeTerms, Purpose
from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class HomeTermsForm(forms.ModelForm):
    class Meta:
        model = HomeTerms
        fields = [
            "share_phone",
            "share_email",
            "share_address",
            "share_photos",
            "share_school",
            "share_health",
            "share_activities",
            "quiet_from",
            "quiet_until",
        ]
        labels = {
            "share_phone": _("Phone number"),
            "share_email": _("E-mail"),
            "share_address": _("Home address"),
            "share_photos": _("Photos of the children"),
            "share_school": _("School"),
            "share_health": _("Health"),
            "share_activities": _("Activities"),
        }
        widgets = {"quiet_from": TimeInput(), "quiet_until": TimeInput()}

    def __init__(self, *args, side: str, **kwargs):
        super().__init__(*args, prefix=side, **kwargs)
        if side != "partner":
            del self.fields["share_address"]
        else:
            self.fields["share_address"].help_text = _(
                "Never shared unless you tick this with the partner home."
            )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("quiet_from")) != bool(cleaned.get("quiet_until")):
            raise forms.ValidationError(_("Give both ends of the quiet hours, or neither."))
        return cleaned


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=Purpose.choices)
    given = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes"
    )


class RestrictionForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"starts_on": bounds.PERIOD, "ends_on": bounds.PERIOD}

    class Meta:
        model = CourtRestriction
        fields = ["kind", "person", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].empty_label = _("The whole partnership")


class RestrictionEndForm(BoundedForm, forms.Form):
    date_ranges = {"ends_on": bounds.PERIOD}

    restriction = forms.ModelChoiceField(queryset=CourtRestriction.objects.none())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restriction"].queryset = partnership.restrictions.all()
