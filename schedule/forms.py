from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from schedule.models import Event


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "starts_at",
            "minutes",
            "repeat",
            "repeat_until",
            "place",
            "place_detail",
            "supervised",
            "supervisor",
            "brings_children",
            "court_room",
            "hearing_type",
        ]
        widgets = {"starts_at": DateTimeInput(), "repeat_until": DateInput()}
        help_texts = {"title": _("Shown to both homes and in calendar feeds: no child's name.")}


class OccurrenceForm(forms.Form):
    occurrence = forms.DateTimeField(label=_("The date it was on"), widget=DateTimeInput())
    moved_to = forms.DateTimeField(
        label=_("Move it to"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty to cancel this one date."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
