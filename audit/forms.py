from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.selectors import ANY_SECURITY_EVENT
from core.forms import DateInput

RECORD_TYPES = [
    ("", _("Any record")),
    ("families.child", _("Child")),
    ("families.birthfamily", _("Birth family")),
    ("families.partnerhome", _("Partner home")),
    ("families.person", _("Person")),
    ("partnerships.partnership", _("Partnership")),
    ("intake.submission", _("Interest or contact form")),
    ("agreements.agreementversion", _("Partnership agreement")),
    ("agreements.consent", _("Consent")),
    ("agreements.courtrestriction", _("Court order")),
]

# A day at the very edge of the calendar cannot be turned into a time in every zone.
LAST_SEARCHABLE_DAY = date(9998, 12, 31)


class AuditSearchForm(forms.Form):
    actor_email = forms.CharField(label=_("Who (e-mail)"), required=False)
    record_type = forms.ChoiceField(label=_("Kind of record"), choices=RECORD_TYPES, required=False)
    record_id = forms.CharField(label=_("Record number"), required=False, max_length=40)
    action = forms.ChoiceField(
        label=_("What"),
        choices=[("", _("Anything")), (ANY_SECURITY_EVENT, _("Any security event"))]
        + Action.choices,
        required=False,
    )
    ip = forms.GenericIPAddressField(label=_("From where (address)"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def _searchable(self, name):
        day = self.cleaned_data[name]
        if day and not date(1, 1, 2) <= day <= LAST_SEARCHABLE_DAY:
            raise forms.ValidationError(_("Enter a date between the years 1 and 9998."))
        return day

    def clean_since(self):
        return self._searchable("since")

    def clean_until(self):
        return self._searchable("until")
