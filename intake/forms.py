from django import forms
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm
from core.phone import PhoneNumberField
from core.visitor_forms import SpamCheckedForm
from intake.models import AttemptMethod, CaseStage, HeardFrom, Holiday, Kind, Outcome, Submission
from partnerships.forms import CoachChoiceField, coaches

PUBLIC_FIELDS = [
    "kind",
    "first_name",
    "last_name",
    "phone",
    "email",
    "best_time",
    "voicemail_ok",
    "texts_ok",
    "language",
    "county",
    "children_ages",
    "case_stage",
    "heard_from",
    "message",
]


class InterestForm(SpamCheckedForm, forms.ModelForm):
    phone = PhoneNumberField(label=_("Phone"), required=False)
    consent = forms.BooleanField(
        label=_("Yes, the program may contact me about this form."),
        error_messages={"required": _("We can only reach out if you say yes.")},
    )

    class Meta:
        model = Submission
        fields = PUBLIC_FIELDS
        labels = {
            "kind": _("I am a…"),
            "best_time": _("Best time to reach you"),
            "voicemail_ok": _("It is safe to leave a voicemail"),
            "texts_ok": _("It is safe to send a text"),
            "language": _("Language you prefer"),
            "county": _("County"),
            "children_ages": _("Children's ages"),
            "case_stage": _("Where the case stands"),
            "heard_from": _("How did you hear about us?"),
            "message": _("Anything else you want us to know"),
        }
        help_texts = {
            "children_ages": _("For parents. For example: 4 and 9."),
            "case_stage": _("For parents. Choose the closest."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    field_order = ["kind", "first_name", "last_name", "phone", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in Kind.choices if c[0] != Kind.OTHER]
        for name, choices in (("case_stage", CaseStage.choices), ("heard_from", HeardFrom.choices)):
            self.fields[name].choices = [("", _("Choose one"))] + choices
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def submission_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PUBLIC_FIELDS}


class ContactForm(SpamCheckedForm, forms.ModelForm):
    phone = PhoneNumberField(label=_("Phone"), required=False)
    consent = forms.BooleanField(
        label=_("Yes, the program may contact me about this message."),
        error_messages={"required": _("We can only reply if you say yes.")},
    )

    class Meta:
        model = Submission
        fields = ["first_name", "last_name", "phone", "email", "language", "message"]
        labels = {"language": _("Language you prefer"), "message": _("Your message")}
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].required = True

    def submission_data(self) -> dict:
        fields = ["first_name", "last_name", "phone", "email", "language", "message"]
        return {"kind": Kind.OTHER, **{name: self.cleaned_data[name] for name in fields}}


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who they are"), choices=[("", _("Everyone"))] + Kind.choices, required=False
    )
    county = forms.CharField(label=_("County"), required=False, max_length=60)


class AssignForm(forms.Form):
    coach = CoachChoiceField(label=_("Assign to"), queryset=coaches())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()


class AttemptForm(OnceForm):
    method = forms.ChoiceField(label=_("What happened"), choices=AttemptMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class CloseForm(forms.Form):
    # Closing is final: the outcome starts empty so it is always a choice, never a default.
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", _("Choose…"))] + Outcome.choices)


class ConvertForm(OnceForm):
    name = forms.CharField(
        label=_("Family or home name"),
        max_length=120,
        help_text=_("For example, “Nguyen family” or “Nguyen home”."),
    )
    coach = CoachChoiceField(label=_("Coach"), queryset=coaches())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()


class HolidayForm(BoundedForm, forms.ModelForm):
    date_ranges = {"day": bounds.HOLIDAY}

    class Meta:
        model = Holiday
        fields = ["day", "name"]
        widgets = {"day": DateInput()}
