from django import forms
from django.utils.translation import gettext_lazy as _

from aftercare.models import AREAS, FollowUp, Job, Steadiness
from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm


class CheckInForm(BoundedForm, forms.ModelForm):
    text_limits = {"concerns": bounds.NOTE, "needs": bounds.NOTE}

    worried = forms.BooleanField(
        label=_("I am worried about this family"),
        required=False,
        help_text=_("Keeps the family at the top of your page until a later check-in."),
    )

    class Meta:
        model = FollowUp
        fields = [*AREAS, "job", "concerns", "needs"]
        widgets = {
            **{area: forms.RadioSelect for area in AREAS},
            "job": forms.RadioSelect,
            "concerns": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in AREAS:
            self.fields[area].choices = Steadiness.choices
            self.fields[area].required = True
        self.fields["job"].choices = Job.choices
        self.fields["job"].label = _("Did the job hold?")


class DueDateForm(BoundedForm, OnceForm):
    date_ranges = {"due_on": bounds.DUE}

    due_on = forms.DateField(label=_("Due on"), widget=DateInput())


class ReentryForm(BoundedForm, OnceForm):
    date_ranges = {"occurred_on": bounds.RECENT}

    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
