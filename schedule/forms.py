from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import within_reach
from core.forms import DateInput, DateTimeInput
from core.zones import zone_choices
from schedule.models import By, Event, Outcome


class EventForm(forms.ModelForm):
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
            "court_room",
            "hearing_type",
        ]
        widgets = {"starts_at": DateTimeInput(), "repeat_until": DateInput()}
        help_texts = {
            "title": _("Shown to the homes and in calendar feeds: no child's name."),
            "attendees": _("A home sees only the events for it, or for both homes."),
        }

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "repeat_until"):
            if data.get(name) and not within_reach(data[name]):
                self.add_error(name, _("Choose a date within ten years of today."))
        return data

    despite_conflicts = forms.BooleanField(
        label=_("Schedule it anyway"), required=False, widget=forms.HiddenInput
    )

    def ask_about_conflicts(self) -> None:
        """Show the "anyway" box, unticked, for the person to decide."""
        field = self.fields["despite_conflicts"]
        field.widget = forms.CheckboxInput()
        field.help_text = _("Tick this if the overlap is intended, then save again.")


class OccurrenceForm(forms.Form):
    occurrence = forms.DateTimeField(label=_("The date it was on"), widget=DateTimeInput())
    moved_to = forms.DateTimeField(
        label=_("Move it to"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty to cancel this one date."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        for name in ("occurrence", "moved_to"):
            if data.get(name) and not within_reach(data[name]):
                self.add_error(name, _("Choose a date within ten years of today."))
        return data


class AttendanceForm(forms.Form):
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

    def clean_occurrence(self):
        occurrence = self.cleaned_data["occurrence"]
        if not within_reach(occurrence):
            raise forms.ValidationError(_("Choose a date within ten years of today."))
        return occurrence


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("Show times in"), choices=zone_choices, required=False)
