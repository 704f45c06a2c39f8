from django import forms
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput, DateTimeInput
from core.once import OnceForm
from core.zones import zone_choices
from schedule.models import By, Event, Kind, Outcome


class EventForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"starts_at": bounds.EVENT, "repeat_until": bounds.EVENT}
    most = {"minutes": bounds.LONGEST_MINUTES}

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "title_es",
            "starts_at",
            "minutes",
            "repeat",
            "repeat_until",
            "attendees",
            "place",
            "place_detail",
            "supervised",
            "supervisor",
            "brings_children",
            "to_bring",
            "court_room",
            "hearing_type",
            "court_ordered",
        ]
        widgets = {"starts_at": DateTimeInput(), "repeat_until": DateInput()}
        help_texts = {
            "title": _("Shown to the homes and in calendar feeds: no child's name."),
            "attendees": _("A home sees only the events for it, or for both homes."),
        }

    despite_conflicts = forms.BooleanField(
        label=_("Schedule it anyway"), required=False, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        # A hearing is the court's own date: only an appointment is "ordered by the court".
        if data.get("kind") != Kind.APPOINTMENT:
            data["court_ordered"] = False
        return data

    def ask_about_conflicts(self) -> None:
        """Show the "anyway" box, unticked, for the person to decide."""
        field = self.fields["despite_conflicts"]
        field.widget = forms.CheckboxInput()
        field.help_text = _("Tick this if the overlap is intended, then save again.")


class OccurrenceForm(BoundedForm, forms.Form):
    date_ranges = {"occurrence": bounds.EVENT, "moved_to": bounds.EVENT}

    occurrence = forms.DateTimeField(label=_("The date it was on"), widget=DateTimeInput())
    moved_to = forms.DateTimeField(
        label=_("Move it to"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty to cancel this one date."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class AttendanceForm(BoundedForm, forms.Form):
    date_ranges = {"occurrence": bounds.EVENT}

    occurrence = forms.DateTimeField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("What happened"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    by = forms.ChoiceField(
        label=_("Who cancelled or did not come"),
        choices=[("", _("Nobody: it happened")), *By.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the team only. For example: the bus was late, rescheduled for Friday."),
    )


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("Show times in"), choices=zone_choices, required=False)
