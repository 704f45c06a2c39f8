from django import forms

from aboutme.topics import Topic


class AboutMeForm(forms.Form):
    """One home's words on every topic of the child's version of the profile."""

    def __init__(self, *args, topics: list[Topic], **kwargs):
        super().__init__(*args, **kwargs)
        for topic in topics:
            self.fields[topic.code] = forms.CharField(
                label=topic.label,
                help_text=topic.help,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
