"""Bounds on everything a person sends: the ids of the records they choose, the dates and
the text they type, the words and numbers in a page's address (docs/decisions/0023).

A form field here is never left open-ended: a date has a range that fits what it is (a
birth date is not in the future nor before 1900, an appointment is within a few years of
today), and text has a length that fits its use. An id is checked to be a whole number the
database can hold before the database is asked about it. Every refusal is said in words, in
the person's language, beside the field; nothing a person can type is a server error.
"""

import copy
from datetime import date, datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import connections, models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# ---------------------------------------------------------------------------------------
# Text: how long each kind of text may be. CharFields take their model's max_length; the
# TextFields below take one of these in their form (`BoundedForm.text_limits`).

#: A postal address.
ADDRESS = 500
#: A note beside a record, a short description.
NOTE = 2000
#: A description people read in full: a gathering, a listing in the directory.
DESCRIPTION = 4000
#: A document drafted at length: a court summary, a training page.
DOCUMENT = 20000
#: A search box's words: more than this is not a search.
SEARCH = 100
#: A web address (a model's URLField holds 200 characters).
URL = 200
#: An e-mail address (RFC 5321; a model's EmailField holds 254).
EMAIL = 254


def limit_text(field: forms.Field, length: int) -> None:
    """Give a form's text field a most length: refused in words past it, and the browser's
    box stops there too."""
    if field.max_length is None or field.max_length > length:
        field.max_length = length
        field.validators.append(MaxLengthValidator(length))
        field.widget.attrs["maxlength"] = str(length)


# ---------------------------------------------------------------------------------------
# Dates: the range each kind of date may take, counted from today on the program's clock.


@deconstructible
class DateRange:
    """A date (or a date and time) from `back` before today to `ahead` after it; None
    leaves that side open, or at `earliest` (1900 for a birth date). `before` and `after`
    say what is wrong in words; they may use %(first)s, %(last)s and %(years)s.

    `keeping`: the value the record already has, which is not refused because time has
    passed since (a fund that began eleven years ago can still be renamed)."""

    def __init__(
        self,
        *,
        back: int | None = None,
        ahead: int | None = None,
        earliest: date | None = None,
        before=None,
        after=None,
        keeping=None,
    ):
        self.back, self.ahead, self.earliest = back, ahead, earliest
        self.before = before or _("Choose a date on or after %(first)s.")
        self.after = after or _("Choose a date on or before %(last)s.")
        self.keeping = keeping

    def keep(self, value) -> "DateRange":
        kept = copy.copy(self)
        kept.keeping = value
        return kept

    def bounds(self) -> tuple[date, date]:
        today = timezone.localdate()
        first = date.min if self.back is None else today - _years(self.back)
        if self.earliest is not None:
            first = max(first, self.earliest)
        last = date.max if self.ahead is None else today + _years(self.ahead) + GRACE
        return first, last

    def __call__(self, value):
        if value is None or (self.keeping is not None and value == self.keeping):
            return
        day = value.date() if isinstance(value, datetime) else value
        first, last = self.bounds()
        if first <= day <= last:
            return
        params = {
            "first": date_format(first, "SHORT_DATE_FORMAT"),
            "last": date_format(last, "SHORT_DATE_FORMAT"),
            "years": self.back,
        }
        if day < first:
            raise ValidationError(self.before, code="date_too_early", params=params)
        raise ValidationError(self.after, code="date_too_late", params=params)

    def __eq__(self, other):
        return isinstance(other, DateRange) and vars(self) == vars(other)

    __hash__ = object.__hash__


#: A day a person tells of is "today" where they are; the program's clock may still be on
#: yesterday (a family in the east, the program in Chicago): one day of grace ahead.
GRACE = timedelta(days=1)


def _years(n: int) -> timedelta:
    return timedelta(days=round(365.25 * n))


def birth_date() -> DateRange:
    """A birth date: not in the future, not before 1900."""
    return DateRange(
        earliest=date(1900, 1, 1),
        ahead=0,
        before=_("Check the year: a birth date is in 1900 or later."),
        after=_("A birth date cannot be in the future."),
    )


def happened(years: int) -> DateRange:
    """The day something happened: today or earlier, within `years` back."""
    return DateRange(
        back=years,
        ahead=0,
        before=ngettext_lazy(
            "Choose a date within the last year.",
            "Choose a date within the last %(years)s years.",
            years,
        ),
        after=_("This has happened already: choose today or an earlier date."),
    )


def around(years_back: int, years_ahead: int) -> DateRange:
    """A day that may be past or coming (an appointment, a due date, a court order):
    from `years_back` before today to `years_ahead` after."""
    return DateRange(back=years_back, ahead=years_ahead)


# The ranges the forms use, one per kind of date, so that every form says the same thing of
# the same kind of day.
#: A child's or a person's birth date.
BIRTH = birth_date()
#: Appointments, visits, hearings, gatherings and their repeats: a few years either way.
EVENT = around(2, 5)
#: When a task, a step or a follow-up is due; a coach's cover while away.
DUE = around(1, 5)
#: A court order's start and end; when a child moved into a home.
PERIOD = around(20, 20)
#: Something that happened in a family's case: a stage, a milestone, a permanency event.
CASE_HISTORY = happened(25)
#: A contact the coach logs, a referral received, a family's return to care.
RECENT = happened(5)
#: Money: a payment made; a fund's dates; when a request is needed by.
PAID = happened(2)
FUND = around(10, 10)
NEEDED_BY = around(1, 2)
#: A holiday the program closes on.
HOLIDAY = around(2, 10)
#: The most minutes an appointment, a visit or a gathering lasts: a long day.
LONGEST_MINUTES = 16 * 60


def _int_range(field: models.Field, using: str) -> tuple[int | None, int | None]:
    while field.is_relation:  # a primary key that is another table's key
        field = field.target_field
    try:
        return connections[using].ops.integer_field_range(field.get_internal_type())
    except KeyError:
        return (-(2**63), 2**63 - 1)


# ---------------------------------------------------------------------------------------
# Forms: one mixin that applies a form's date ranges and text limits.


class BoundedForm:
    """Put before forms.Form or forms.ModelForm. `date_ranges` maps a date field to its
    DateRange (a date the record already has is kept); `text_limits` maps a text field
    (a model's TextField, typically) to its most length; `most` maps a number field to
    its largest value."""

    date_ranges: dict[str, DateRange] = {}
    text_limits: dict[str, int] = {}
    most: dict[str, int] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, bound in self.date_ranges.items():
            if name in self.fields:
                self.fields[name].validators.append(bound.keep(self.initial.get(name)))
        for name, length in self.text_limits.items():
            if name in self.fields:
                limit_text(self.fields[name], length)
        for name, largest in self.most.items():
            field = self.fields.get(name)
            if field is not None and (field.max_value is None or field.max_value > largest):
                field.max_value = largest
                field.validators.append(MaxValueValidator(largest))
                field.widget.attrs["max"] = str(largest)


# ---------------------------------------------------------------------------------------
# Ids: every choice of records (ModelChoiceField, ModelMultipleChoiceField) checks that
# each id is a whole number the key's column can hold before the database is asked.
# SQLite refuses a Python int past 64 bits with OverflowError (a 500); Django checks the
# range for `=` but not for `IN`, which the multiple choice uses. Installed for every form
# of the project, those Django builds from a model included, by CoreConfig.ready().


def _key_field(field: forms.ModelChoiceField) -> models.Field:
    meta = field.queryset.model._meta
    return meta.get_field(field.to_field_name) if field.to_field_name else meta.pk


def check_id(field: forms.ModelChoiceField, value) -> None:
    """Raise the field's own "Select a valid choice" error when `value` cannot be a key of
    its records: not a whole number for an integer key, or past what the column holds."""
    if isinstance(value, models.Model):
        return
    key = _key_field(field)
    target = key
    while target.is_relation:
        target = target.target_field
    if not isinstance(target, models.IntegerField):
        return  # a UUID or text key: Django's own checks refuse bad ones in words
    text = str(value).strip()
    number = int(text) if len(text) <= 20 and _digits(text) else None
    low, high = _int_range(key, field.queryset.db)
    too_low = number is not None and low is not None and number < low
    too_high = number is not None and high is not None and number > high
    if number is None or too_low or too_high:
        raise ValidationError(
            field.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": text[:30]},
        )


def _digits(text: str) -> bool:
    body = text[1:] if text[:1] in "+-" else text
    return body.isdigit() and body.isascii()


def install_id_checks() -> None:
    """Check ids in every model choice field of the project; once per process."""
    single, multiple = forms.ModelChoiceField, forms.ModelMultipleChoiceField
    if getattr(single, "_ids_checked", False):
        return
    to_python, check_values = single.to_python, multiple._check_values

    def checked_to_python(self, value):
        if value not in self.empty_values:
            check_id(self, value)
        return to_python(self, value)

    def checked_values(self, value):
        if isinstance(value, (list, tuple, set, frozenset)):
            for each in value:
                check_id(self, each)
        return check_values(self, value)

    single.to_python = checked_to_python
    multiple._check_values = checked_values
    single._ids_checked = True


# ---------------------------------------------------------------------------------------
# A page's address: ids, numbers and words read from ?name=value.


def id_in(query, name: str) -> int | None:
    """The id ?name= carries, or None when it is missing or is not an id (a word, a
    negative number, more digits than any key has)."""
    text = query.get(name, "")
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text)


def words_in(query, name: str = "q", length: int = SEARCH) -> str:
    """The words ?name= carries, at most `length` characters, without surrounding space."""
    return query.get(name, "")[:length].strip()
