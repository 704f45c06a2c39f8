from django import forms
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm
from transition.models import Area, Item, Plan, Reason, Side, Step


class OpenForm(BoundedForm, forms.ModelForm):
    date_ranges = {"ordered_on": bounds.CASE_HISTORY}

    class Meta:
        model = Plan
        fields = ["reason", "ordered_on"]
        widgets = {"reason": forms.RadioSelect, "ordered_on": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("reason") == Reason.COURT and not data.get("ordered_on"):
            self.add_error("ordered_on", _("Give the date of the court's order."))
        if data.get("reason") == Reason.COACH:
            data["ordered_on"] = None
        return data


class StepForm(BoundedForm, forms.ModelForm):
    date_ranges = {"on": bounds.EVENT}

    class Meta:
        model = Step
        fields = ["kind", "on", "who", "contact", "note"]
        widgets = {"on": DateInput()}


class NewStepForm(OnceForm, StepForm):
    pass


class ItemForm(BoundedForm, OnceForm, forms.Form):
    child = forms.ModelChoiceField(label=_("For"), queryset=None, empty_label=None)
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    side = forms.ChoiceField(label=_("Who does it"), choices=Side.choices)
    text = forms.CharField(label=_("What to do"), max_length=200)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = partnership.children.all()


class TickForm(BoundedForm, forms.ModelForm):
    done = forms.BooleanField(label=_("Done"), required=False)

    class Meta:
        model = Item
        fields = ["note"]


class KeepInTouchForm(forms.Form):
    wish = forms.TypedChoiceField(
        label=_("After the move, do you want to stay in touch with the other home?"),
        choices=[("yes", _("Yes, we would like that")), ("no", _("Not now"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
