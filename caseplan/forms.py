from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseplan.models import Contact, CourtSummary, Goal, Milestone, Step
from core import bounds
from core.bounds import BoundedForm
from core.dates import within_reach
from core.forms import DateInput
from core.once import OnceForm


class ContactForm(BoundedForm, OnceForm, forms.ModelForm):
    """Quick to fill on a phone: today, 30 minutes and everyone in the partnership are
    filled in; the coach changes what differs."""

    date_ranges = {"happened_on": bounds.RECENT, "follow_up_on": bounds.DUE}
    text_limits = {"notes": bounds.NOTE}
    most = {"minutes": bounds.LONGEST_MINUTES}

    class Meta:
        model = Contact
        fields = ["kind", "medium", "happened_on", "minutes", "people", "notes", "follow_up_on"]
        widgets = {
            "happened_on": DateInput(),
            "follow_up_on": DateInput(),
            "people": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "notes": _("For the team only: parents never see these notes."),
            "follow_up_on": _("It appears on your home page until you mark it done."),
        }

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda person: person.full_name
        if not self.is_bound:
            self.initial.setdefault("happened_on", timezone.localdate())
            self.initial.setdefault("minutes", 30)
            self.initial.setdefault("people", [p.pk for p in people])


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def clean_month(self):
        month = self.cleaned_data["month"]
        if not within_reach(month):
            raise forms.ValidationError(_("Choose a month within ten years of today."))
        return month


class GoalForm(OnceForm, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["area", "title", "source"]


class StepForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"due_on": bounds.DUE}

    goal = forms.ModelChoiceField(label=_("For the goal"), queryset=Goal.objects.none())

    class Meta:
        model = Step
        fields = ["goal", "text", "owner", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class StepUpdateForm(forms.Form):
    done = forms.BooleanField(label=_("Done"), required=False)
    note = forms.CharField(label=_("How it is going"), required=False, max_length=300)


class MilestoneForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"reached_on": bounds.CASE_HISTORY}

    class Meta:
        model = Milestone
        fields = ["kind", "reached_on"]
        widgets = {"reached_on": DateInput()}


class SummaryForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"hearing_on": bounds.EVENT}
    text_limits = {"text": bounds.DOCUMENT}

    class Meta:
        model = CourtSummary
        fields = ["hearing_on", "text"]
        widgets = {"hearing_on": DateInput(), "text": forms.Textarea(attrs={"rows": 24})}
        help_texts = {
            "text": _(
                "Drafted from the record. Check every line, add your own words, then save; "
                "the parent can print what you save."
            )
        }
