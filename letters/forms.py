from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm
from letters.models import LONGEST_DAYS, Letter

#: A letter is for dates coming up or just past (a boss asking about last week's absence).
LETTER_PERIOD = bounds.around(1, 1)


class LetterForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"starts_on": LETTER_PERIOD, "ends_on": LETTER_PERIOD}

    person = forms.ModelChoiceField(label=_("For"), queryset=None, empty_label=None)

    class Meta:
        model = Letter
        fields = ["starts_on", "ends_on", "language", "addressed_to", "name_children"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "language": forms.RadioSelect,
        }
        labels = {
            "starts_on": _("Dates from"),
            "ends_on": _("Dates until"),
            "language": _("Language of the letter"),
            "addressed_to": _("Addressed to"),
            "name_children": _("Name my children in the letter"),
        }
        help_texts = {
            "ends_on": _("At most six months. The letter lists every court date in between."),
            "language": _("The language your employer reads, whatever language you use here."),
            "addressed_to": _("For example: To the manager at Lakeside Diner."),
            "name_children": _(
                "Only their first names. Leave it unticked and the letter does not mention them."
            ),
        }

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("starts_on", today)
        self.initial.setdefault("ends_on", today + timedelta(days=30))
        self.fields["language"].choices = [c for c in self.fields["language"].choices if c[0]]
        self.fields["person"].queryset = parents
        if len(parents) == 1:
            # A parent asks for her own letter; a family with one parent has no choice.
            self.fields["person"].widget = forms.HiddenInput()
            self.initial["person"] = parents[0].pk
        self.order_fields(["person"])

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The period ends after it starts."))
        elif start and end and end - start > timedelta(days=LONGEST_DAYS):
            self.add_error("ends_on", _("A letter covers at most six months: make two letters."))
        return data
