from django import forms
from django.utils.translation import gettext_lazy as _

from core.once import OnceForm


class MessageForm(OnceForm):
    text = forms.CharField(
        label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
