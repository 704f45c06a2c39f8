import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.phone import PhoneNumberField
from intake.models import AttemptMethod, CaseStage, HeardFrom, Holiday, Kind, Outcome, Submission
from partnerships.forms import CoachChoiceField, coaches

_SIGNER = signing.TimestampSigner(salt="intake.form-started")
STARTED_MAX_AGE = 24 * 3600


def new_started() -> str:
    return _SIGNER.sign(secrets.token_hex(16))


class SpamCheckedForm(forms.Form):
    """Keeps robots out without a third-party captcha.

    `website` is a field people never see (hidden by CSS and from screen readers), so a
    filled one is a robot. `started` is a signed time the form was shown; a form sent back
    faster than a person could type is a robot too, and an altered one is refused. The
    stamp carries a random nonce, so one rendering of the form stores one submission."""

    website = forms.CharField(required=False, label=_("Leave this empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1", "class": "honeypot-input"}
        )
        if not self.is_bound:
            self.initial["started"] = new_started()
            # The language they are reading the form in is the one they most likely prefer.
            self.initial.setdefault("language", get_language())

    def nonce(self) -> str:
        return _SIGNER.unsign(self.cleaned_data["started"])

    def refresh_started_if_unusable(self) -> None:
        """Before showing a sent form again: an expired or altered stamp is replaced, so
        the person can send it once they have checked it, without retyping anything."""
        try:
            _SIGNER.unsign(self.data.get("started", ""), max_age=STARTED_MAX_AGE)
        except signing.BadSignature:
            self.data = self.data.copy()
            self.data["started"] = new_started()

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_started(self):
        try:
            _SIGNER.unsign(self.cleaned_data["started"], max_age=STARTED_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("This form was open for a long time. Please check it and send it again.")
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(_("Please send the form again.")) from None
        return self.cleaned_data["started"]

    def too_fast(self) -> bool:
        """Sent back sooner than INTAKE_MINIMUM_SECONDS after it was shown."""
        if settings.INTAKE_MINIMUM_SECONDS <= 0:
            return False
        try:
            _SIGNER.unsign(self.data.get("started", ""), max_age=settings.INTAKE_MINIMUM_SECONDS)
        except signing.BadSignature:  # expired (slow enough) or altered (refused in clean)
            return False
        return True

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(
                _("Give us a phone number or an e-mail so we can reach you.")
            )
        return cleaned


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


class AttemptForm(forms.Form):
    method = forms.ChoiceField(label=_("What happened"), choices=AttemptMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)


class ConvertForm(forms.Form):
    name = forms.CharField(
        label=_("Family or home name"),
        max_length=120,
        help_text=_("For example, “Nguyen family” or “Nguyen home”."),
    )
    coach = CoachChoiceField(label=_("Coach"), queryset=coaches())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["day", "name"]
        widgets = {"day": DateInput()}
