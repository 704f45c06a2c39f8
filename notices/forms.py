from django import forms
from django.utils.translation import gettext_lazy as _

from notices.models import Frequency


class PreferencesForm(forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    sms = forms.ChoiceField(
        label=_("Text message"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Sent to the phone number your coach has for you."),
    )
