from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.models import AssistanceRequest, DocumentKind, Fund, Method, Need, Rules
from core import bounds
from core.bounds import BoundedForm
from core.forms import DateInput
from core.once import OnceForm, new_key


class MoneyInput(forms.NumberInput):
    """A number in dollars, with the "$" shown before the box so nobody types it in."""

    template_name = "assistance/money_input.html"

    def __init__(self, attrs=None):
        super().__init__({"step": "0.01", "min": "0.01", "inputmode": "decimal", **(attrs or {})})


class AssistanceRequestForm(BoundedForm, forms.ModelForm):
    date_ranges = {"due_on": bounds.NEEDED_BY}

    class Meta:
        model = AssistanceRequest
        fields = ["home", "need", "for_work", "amount", "payee_kind", "payee", "due_on", "purpose"]
        widgets = {
            "due_on": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "amount": MoneyInput(),
        }
        labels = {"payee": _("Who is paid")}
        help_texts = {
            "payee": _("The landlord, garage, daycare or utility, as their bill names them."),
            "purpose": _("How it keeps the family safe, housed or at work."),
            "for_work": _(
                "A car repair to get to the shift, work boots, a license, childcare "
                "during work hours: the program counts this help as job security."
            ),
        }

    def for_the_team(self) -> None:
        """The team asks on a parent's behalf: the tick speaks of the parent."""
        self.fields["for_work"].label = _("This helps the parent keep a job")


class NewRequestForm(OnceForm, AssistanceRequestForm):
    """A request asked for: its one-time key makes a double tap one request (core.once)."""

    class Meta(AssistanceRequestForm.Meta):
        pass


class FundForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"starts_on": bounds.FUND, "ends_on": bounds.FUND}

    needs = forms.MultipleChoiceField(
        label=_("Needs it may pay for"),
        choices=Need.choices,
        required=False,
        help_text=_("None ticked: any need."),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Fund
        fields = ["name", "source", "budget", "needs", "starts_on", "ends_on"]
        widgets = {
            "budget": MoneyInput({"min": "0"}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A fund ends after it starts."))
        return data


class RulesForm(forms.ModelForm):
    class Meta:
        model = Rules
        fields = ["coach_limit", "two_approvers_above", "family_cap"]
        widgets = {name: MoneyInput({"min": "0"}) for name in fields}

    def clean(self):
        data = super().clean()
        limit, two = data.get("coach_limit"), data.get("two_approvers_above")
        if limit is not None and two is not None and limit > two:
            self.add_error(
                "coach_limit",
                _("A coach's limit is at most the amount above which two approvers are needed."),
            )
        return data


class DocumentForm(OnceForm):
    kind = forms.ChoiceField(label=_("What it is"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("A PDF, or a photo of the paper. Up to 10 MB.")
    )


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    fund = forms.ModelChoiceField(label=_("Paid from"), queryset=Fund.objects.all(), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("The family reads it when a request is declined: say where else to turn."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PayForm(BoundedForm, forms.Form):
    date_ranges = {"paid_on": bounds.PAID}

    method = forms.ChoiceField(label=_("Paid by"), choices=Method.choices)
    number = forms.CharField(label=_("Check or reference number"), required=False, max_length=60)
    paid_on = forms.DateField(label=_("Date paid"), widget=DateInput())
    #: One key per form shown (core.once.new_key): sending it twice records one payment.
    #: The ledger keeps it on the entry itself (docs/decisions/0012), so it is never left out.
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", new_key())
            self.initial.setdefault("paid_on", timezone.localdate())
