from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import bounds
from core.bounds import BoundedForm
from core.once import OnceForm
from directory.hsds.reading import MAX_BYTES
from directory.hsds.values import PLACEHOLDER
from directory.models import Organization, Status
from directory.needs import NEED_CHOICES
from directory.search import Criteria, place_of

#: The languages a family here most often asks for; a directory may hold others.
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("vi", _("Vietnamese")),
    ("zh", _("Chinese")),
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("ko", _("Korean")),
    ("asl", _("American Sign Language")),
]
DAYS = [
    ("MO", pgettext_lazy("a day on its own, in a list", "Monday")),
    ("TU", pgettext_lazy("a day on its own, in a list", "Tuesday")),
    ("WE", pgettext_lazy("a day on its own, in a list", "Wednesday")),
    ("TH", pgettext_lazy("a day on its own, in a list", "Thursday")),
    ("FR", pgettext_lazy("a day on its own, in a list", "Friday")),
    ("SA", pgettext_lazy("a day on its own, in a list", "Saturday")),
    ("SU", pgettext_lazy("a day on its own, in a list", "Sunday")),
]
MILES = [(2, _("2 miles")), (5, _("5 miles")), (10, _("10 miles")), (25, _("25 miles"))]


class _Select(forms.Select):
    """Django's list of choices, each choice written in the list's own template rather
    than in a template included for each: the same HTML (a test holds the two equal) in
    a third less time, for the search form's four lists drawn on every search."""

    template_name = "directory/widgets/select.html"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=100)
    need = forms.ChoiceField(
        label=_("Need"),
        required=False,
        choices=[("", _("Any need")), *NEED_CHOICES],
        widget=_Select,
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGES],
        widget=_Select,
    )
    open = forms.ChoiceField(
        label=_("Open"),
        required=False,
        choices=[("", _("Any time")), ("now", _("Open now")), *DAYS],
        widget=_Select,
    )
    near = forms.CharField(
        label=_("Near (ZIP code or City, ST)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
    )
    miles = forms.TypedChoiceField(
        label=_("Within"),
        required=False,
        coerce=int,
        choices=MILES,
        empty_value=10,
        initial=10,
        widget=_Select,
    )
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("miles"):
            # The distance shown is the distance searched: ten miles unless chosen.
            data = data.copy()
            data["miles"] = "10"
        super().__init__(data, **kwargs)

    def clean_near(self):
        near = self.cleaned_data["near"].strip()
        if near and place_of(near) is None:
            raise forms.ValidationError(
                _(
                    "We do not know this place. Try a five-digit ZIP code, or a city and state "
                    "like “Austin, TX”."
                )
            )
        return near

    def criteria(self) -> Criteria:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Criteria(
            words=data.get("q", ""),
            need=data.get("need", ""),
            language=data.get("language", ""),
            open=data.get("open", ""),
            place=place_of(data["near"]) if data.get("near") else None,
            miles=data.get("miles") or 10,
            free=data.get("free", False),
        )


#: HSDS requires every organization's description; other programs show it beside the
#: organization's name.
DESCRIPTION_NEEDED = _(
    "Say in a sentence or two what the organization does: other programs reading the "
    "directory need it."
)


class OrganizationForm(BoundedForm, OnceForm, forms.ModelForm):
    text_limits = {"description": bounds.DESCRIPTION}

    class Meta:
        model = Organization
        fields = ["name", "alternate_name", "description", "email", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields["description"]
        description.required = True
        description.error_messages["required"] = DESCRIPTION_NEEDED

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description or description == PLACEHOLDER:
            raise forms.ValidationError(DESCRIPTION_NEEDED)
        return description


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_("A zip data package of CSV files, one table's CSV file, or HSDS JSON."),
    )

    def clean_file(self):
        """Its size, before it is read (a file past the limit arrives without its bytes)."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Choose a file under %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class ServiceForm(OnceForm):
    """One service as staff describe it: the service, its organization, its needs and
    languages, and its main place, phone and weekly hours. Listings imported with more
    places or phones keep them; this form edits the first of each."""

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("Or type a new one below."),
    )
    new_organization = forms.CharField(label=_("New organization"), required=False, max_length=255)
    new_organization_description = forms.CharField(
        label=_("What the new organization does"),
        required=False,
        max_length=bounds.DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    name = forms.CharField(label=_("Name of the service"), max_length=255)
    description = forms.CharField(
        label=_("What it offers"),
        max_length=bounds.DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, initial=Status.ACTIVE)
    needs = forms.MultipleChoiceField(
        label=_("Needs it meets"), choices=NEED_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligibility_description = forms.CharField(
        label=_("Who it is for"),
        required=False,
        max_length=bounds.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    application_process = forms.CharField(
        label=_("How to apply"),
        required=False,
        max_length=bounds.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    fees_description = forms.CharField(
        label=_("Cost"),
        required=False,
        max_length=bounds.NOTE,
        help_text=_("Leave empty when it is free."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    url = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=bounds.URL
    )
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=bounds.EMAIL)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    address_1 = forms.CharField(label=_("Street"), required=False, max_length=255)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    state_province = forms.CharField(label=_("State"), required=False, max_length=100)
    postal_code = forms.CharField(label=_("ZIP code"), required=False, max_length=20)
    days = forms.MultipleChoiceField(
        label=_("Open on"), choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.TimeField(
        label=_("Opens"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("Closes"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("new_organization"):
            self.add_error("organization", _("Choose the organization, or type a new one."))
        elif not data.get("organization") and not data.get("new_organization_description"):
            self.add_error("new_organization_description", DESCRIPTION_NEEDED)
        if any(data.get(f) for f in ("address_1", "city", "postal_code")) and not all(
            data.get(f) for f in ("address_1", "city", "state_province", "postal_code")
        ):
            self.add_error("address_1", _("Give the whole address: street, city, state and ZIP."))
        if data.get("days") and not (data.get("opens_at") and data.get("closes_at")):
            self.add_error("opens_at", _("Say when it opens and closes on those days."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("It closes after it opens."))
        return data
