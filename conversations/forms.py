from django import forms
from django.utils.translation import gettext_lazy as _

from core.once import OnceForm
from voice.forms import audio_field


class MessageForm(OnceForm):
    text = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    #: For a parent who would rather speak than write, in any language.
    voice = audio_field(required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("voice") and not self.errors:
            self.add_error("text", _("Write your message, or record a voice note."))
        return data
