from django import forms
from django.utils.translation import gettext_lazy as _

from core.access import LARGEST_KEY
from lifebook.models import PartnerCopy


class PickForm(forms.Form):
    post = forms.IntegerField(min_value=1, max_value=LARGEST_KEY, widget=forms.HiddenInput)


class PartnerCopyForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("May the partner home keep a copy of the life book?"),
        choices=[(PartnerCopy.YES, PartnerCopy.YES.label), (PartnerCopy.NO, PartnerCopy.NO.label)],
        widget=forms.RadioSelect,
    )
