from django import forms
from django.utils.translation import gettext_lazy as _

from core.once import OnceForm
from journal.models import ReactionKind
from voice.forms import audio_field


class PostForm(OnceForm):
    text = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    children = forms.ModelMultipleChoiceField(
        label=_("About"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP photo under 15 MB. Its location and camera details are removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    description = forms.CharField(
        label=_("Describe the photo"),
        required=False,
        max_length=200,
        help_text=_("For people who cannot see it. For example: two children making cards."),
    )
    voice = audio_field(required=False)

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children
        self.fields["children"].label_from_instance = lambda child: child.called


class ReplyForm(OnceForm):
    text = forms.CharField(
        label=_("Your reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back"),
        max_length=500,
        help_text=_("The author reads this. Say what to change, kindly."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewSettingForm(forms.Form):
    posts_wait = forms.BooleanField(
        label=_("Posts wait for the coach before the other home sees them"), required=False
    )
