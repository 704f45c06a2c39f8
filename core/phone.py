"""Phone numbers are checked with phonenumbers and stored in E.164 (+15125550123)."""

from collections.abc import Callable

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = getattr(settings, "PHONE_DEFAULT_REGION", "US")


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """Return the number in E.164, or raise ValidationError in the person's language."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Enter a phone number we can call, like 512-555-0123."), code="invalid_phone"
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a phone number we can call, like 512-555-0123."), code="invalid_phone"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_e164(value: str) -> None:
    if value and to_e164(value) != value:
        raise ValidationError(_("Phone numbers are stored in international form."))


def display(value: str) -> str:
    """A stored E.164 number written the way people in the program's region read it."""
    if not value:
        return ""
    number = phonenumbers.parse(value, None)
    if phonenumbers.region_code_for_number(number) == DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneNumberField(forms.CharField):
    """A form field that accepts how people type numbers and cleans them to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")

    def prepare_value(self, value):
        if value and isinstance(value, str) and value.startswith("+"):
            try:
                return display(value)
            except phonenumbers.NumberParseException:
                return value
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        return to_e164(value)


#: Checks a number must pass to be texted at all, whatever sends it: texts adds the
#: numbers that answered STOP (texts/apps.py). Here, below both notices (which sends) and
#: texts (which hears STOP), because neither may import the other (pyproject's layers).
_do_not_text: list[Callable[[str], bool]] = []


def do_not_text_register(refuses: Callable[[str], bool]) -> None:
    """`refuses(number)` True: nothing is texted to that number."""
    if refuses not in _do_not_text:
        _do_not_text.append(refuses)


def may_text(number: str) -> bool:
    return not any(refuses(number) for refuses in _do_not_text)
