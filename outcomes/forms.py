"""The dashboard's filters: a period, a county, a coach; and the grant report's fund."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.forms import DateInput
from outcomes.dashboard import Filters
from partnerships import figures
from partnerships.forms import CoachChoiceField, coaches

#: The longest period one page computes: a decade of a program's history.
LONGEST = timedelta(days=366 * 10)


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months, today included: what a director asks first. On 29 February
    the year before has no such day: the twelve months begin on 1 March."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:
        year_ago = date(today.year - 1, 2, 28)
    return year_ago + timedelta(days=1), today


class FiltersForm(bounds.BoundedForm, forms.Form):
    """Read from the query string; a field left empty takes its default, so a bare
    /outcomes/ is the last twelve months of everything the asker may count."""

    date_ranges = {"start": bounds.CASE_HISTORY, "end": bounds.CASE_HISTORY}

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    county = forms.ChoiceField(label=_("County"), required=False)
    coach = CoachChoiceField(
        label=_("Coach"), queryset=coaches(), required=False, empty_label=_("Every coach")
    )

    def __init__(self, data, *, counties: list[str], program_wide: bool):
        # The boxes show the period the figures are for, the default one included.
        data = data.copy()
        first, last = default_period(timezone.localdate())
        data.setdefault("from", first.isoformat())
        data.setdefault("to", last.isoformat())
        super().__init__(data)
        self.fields["county"].choices = [("", _("Every county"))] + [(c, c) for c in counties]
        if not program_wide:
            # A coach's figures are their own caseload: there is no other coach to choose.
            del self.fields["coach"]
        else:
            # The capabilities' narrowings (a fund): the program's figures, for a funder.
            for narrowing in figures.narrowings():
                self.fields[narrowing.name] = forms.ChoiceField(
                    label=narrowing.label,
                    required=False,
                    choices=[("", _("Everything"))] + list(narrowing.choices()),
                )

    def add_prefix(self, field_name):
        # The query string says from= and to=, as people read them; a field cannot be
        # named `from` in Python.
        return {"start": "from", "end": "to"}.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        first, last = default_period(timezone.localdate())
        start = cleaned.get("start") or first
        end = cleaned.get("end") or last
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start > end:
            self.add_error("end", _("Choose a day on or after the first day."))
        elif end - start > LONGEST:
            self.add_error("start", _("Choose a period of ten years or less."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def filters(self) -> Filters:
        """The filters asked for, or the defaults when the form has errors (the page
        still shows figures, and the errors beside the fields)."""
        if self.is_valid():
            data = self.cleaned_data
            return Filters(
                start=data["start"],
                end=data["end"],
                county=data.get("county") or "",
                coach=data.get("coach"),
                narrowed=tuple(
                    (narrowing.name, data[narrowing.name])
                    for narrowing in figures.narrowings()
                    if data.get(narrowing.name)
                ),
            )
        start, end = default_period(timezone.localdate())
        return Filters(start=start, end=end)
