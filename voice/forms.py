from django import forms
from django.utils.translation import gettext_lazy as _

from core.once import OnceForm
from voice.models import Recording

AUDIO_HELP = _(
    "Record here, or choose a recording from your phone: up to 5 minutes. "
    "Where and on what it was recorded is removed."
)


def audio_field(*, required: bool) -> forms.FileField:
    """The file the recorder fills (voice/static/voice/recorder.js), or one the person
    chooses: the same field in every form that takes a recording."""
    return forms.FileField(
        label=_("Recording"),
        required=required,
        help_text=AUDIO_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*", "data-recorder-file": ""}),
    )


class RecordingForm(OnceForm):
    audio = audio_field(required=True)
    transcript = forms.CharField(
        label=_("The words"),
        required=False,
        max_length=Recording._meta.get_field("transcript").max_length,
        help_text=_("For anyone who cannot hear it, and for learning the words."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TranscriptForm(forms.Form):
    transcript = forms.CharField(
        label=_("The words"),
        required=False,
        max_length=Recording._meta.get_field("transcript").max_length,
        help_text=_("For anyone who cannot hear it, and for learning the words."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back"),
        max_length=500,
        help_text=_("The author reads this. Say what to change, kindly."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
