"""Forms anyone may send without signing in (intake's interest and contact forms, a
guest's reply to a gathering): robot checks without a third-party captcha, and a limit on
how many one address may send in an hour. The page shows them with
core/_public_form_head.html."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The salt is intake's, where these checks began: a form shown before the move still sends.
_SIGNER = signing.TimestampSigner(salt="intake.form-started")
STARTED_MAX_AGE = 24 * 3600


def new_started() -> str:
    return _SIGNER.sign(secrets.token_hex(16))


class SpamCheckedForm(forms.Form):
    """Keeps robots out without a third-party captcha.

    `website` is a field people never see (hidden by CSS and from screen readers), so a
    filled one is a robot. `started` is a signed time the form was shown; a form sent back
    faster than a person could type is a robot too, and an altered one is refused. The
    stamp carries a random nonce, so one rendering of the form stores one submission.
    A visitor is not signed in, so the form must also say how to reach them."""

    website = forms.CharField(required=False, label=_("Leave this empty"), max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, max_length=200)
    #: One of these is needed, so neither is labelled optional (core/field.html reads
    #: `one_of_needed`), and the phone's hint says so.
    REACH_FIELDS = ("phone", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.REACH_FIELDS:
            self.fields[name].one_of_needed = True
        self.fields["phone"].help_text = _("A phone or an e-mail, so we can reach you.")
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
        if not any(cleaned.get(name) or self.has_error(name) for name in self.REACH_FIELDS):
            # Beside the first of the two the person meets, so the summary can link to it.
            first = next(name for name in self.fields if name in self.REACH_FIELDS)
            self.add_error(first, _("Give us a phone number or an e-mail so we can reach you."))
        return cleaned


def sender_key(ip: str | None) -> str:
    """A keyed hash of the address: it can be compared, not read back."""
    return hmac.new(
        settings.SECRET_KEY.encode(), (ip or "unknown").encode(), hashlib.sha256
    ).hexdigest()


def sent_too_often(sent: QuerySet, *, sent_at: str) -> bool:
    """Whether one sender's forms (`sent`, already narrowed to that sender) reached
    INTAKE_SUBMISSIONS_PER_HOUR in the last hour, `sent_at` naming when each was sent."""
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = sent.filter(**{f"{sent_at}__gte": hour_ago}).count()
    return recent >= settings.INTAKE_SUBMISSIONS_PER_HOUR
