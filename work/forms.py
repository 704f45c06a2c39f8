from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm
from core.templatetags.village import weekday_date
from schedule.models import Repeat
from work.models import LONGEST_SHIFT_MINUTES
from work.services import shift_minutes

LABEL_HELP = _("For example: bakery. Only you see it: not your coach, not the other home.")
TOO_LONG = _("A shift lasts at most 16 hours. Check the start and end times.")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _check_times(form, starts_name: str, ends_name: str) -> None:
    starts, ends = form.cleaned_data.get(starts_name), form.cleaned_data.get(ends_name)
    if starts and ends and shift_minutes(starts, ends) > LONGEST_SHIFT_MINUTES:
        form.add_error(ends_name, TOO_LONG)


class ShiftForm(BoundedForm, OnceForm, forms.Form):
    date_ranges = {"day": bounds.EVENT, "repeat_until": bounds.EVENT}

    day = forms.DateField(label=_("Day (the first, if it repeats)"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput())
    ends = forms.TimeField(
        label=_("Ends"),
        widget=TimeInput(),
        help_text=_("An end before the start is the next morning, for a night shift."),
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=Repeat.choices, required=False)
    repeat_until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave it empty if you do not know."),
    )
    label = forms.CharField(label=_("Label"), max_length=60, required=False, help_text=LABEL_HELP)

    def clean(self):
        cleaned = super().clean()
        _check_times(self, "starts", "ends")
        day, until = cleaned.get("day"), cleaned.get("repeat_until")
        if day and until and until < day:
            self.add_error("repeat_until", _("The last day is before the first."))
        return cleaned


class ShiftDateForm(BoundedForm, forms.Form):
    """One coming date of a shift off, or at another time."""

    date_ranges = {"day": bounds.EVENT}
    OFF, MOVED = "off", "moved"

    occurrence = forms.ChoiceField(label=_("Which day"))
    what = forms.ChoiceField(
        label=_("What changed"),
        choices=[(OFF, _("I am off that day")), (MOVED, _("The shift is at another time"))],
        widget=forms.RadioSelect,
        initial=OFF,
    )
    day = forms.DateField(
        label=_("New day"),
        required=False,
        widget=DateInput(),
        help_text=_("Only when the shift is at another time."),
    )
    starts = forms.TimeField(label=_("New start"), required=False, widget=TimeInput())
    ends = forms.TimeField(label=_("New end"), required=False, widget=TimeInput())

    def __init__(self, *args, times=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Needed when the shift moved, so not marked "optional" (core/field.html).
        for name in ("day", "starts", "ends"):
            self.fields[name].one_of_needed = True
        self.fields["occurrence"].choices = [
            (t.original.isoformat(), _day_and_time(t.original, t.zone)) for t in times
        ]

    def clean_occurrence(self):
        return datetime.fromisoformat(self.cleaned_data["occurrence"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("what") == self.MOVED:
            for name in ("day", "starts", "ends"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Give the new day and times."))
            _check_times(self, "starts", "ends")
        return cleaned


def _day_and_time(moment: datetime, zone) -> str:
    local = timezone.localtime(moment, zone)
    return f"{weekday_date(local.date())}, {time_format(local, 'TIME_FORMAT')}"


class EndForm(BoundedForm, forms.Form):
    date_ranges = {"last_day": bounds.EVENT}

    last_day = forms.DateField(
        label=_("Last day you work it"),
        widget=DateInput(),
        help_text=_("Its dates after this day come off your calendar."),
    )


class WeekForm(BoundedForm, OnceForm, forms.Form):
    """The week's schedule as the boss posted it: a start and an end for each day worked."""

    label = forms.CharField(label=_("Label"), max_length=60, required=False, help_text=LABEL_HELP)

    def __init__(self, *args, monday: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.monday = monday
        # Each day's pair sits in a fieldset that names the day (work/week.html).
        for n in range(7):
            self.fields[f"starts_{n}"] = forms.TimeField(
                label=_("Starts"), required=False, widget=TimeInput()
            )
            self.fields[f"ends_{n}"] = forms.TimeField(
                label=_("Ends"), required=False, widget=TimeInput()
            )

    def rows(self):
        """Each day's heading and its two fields, for the page's seven rows."""
        return [
            (self.monday + timedelta(days=n), self[f"starts_{n}"], self[f"ends_{n}"])
            for n in range(7)
        ]

    def clean(self):
        cleaned = super().clean()
        for n in range(7):
            starts, ends = cleaned.get(f"starts_{n}"), cleaned.get(f"ends_{n}")
            if bool(starts) != bool(ends) and not self.errors.get(f"ends_{n}"):
                missing = f"ends_{n}" if starts else f"starts_{n}"
                self.add_error(missing, _("Give both the start and the end, or neither."))
            _check_times(self, f"starts_{n}", f"ends_{n}")
        return cleaned

    def days(self):
        """Each day's (start, end), or None for a day off."""
        data = self.cleaned_data
        return [
            (data[f"starts_{n}"], data[f"ends_{n}"])
            if data.get(f"starts_{n}") and data.get(f"ends_{n}")
            else None
            for n in range(7)
        ]
