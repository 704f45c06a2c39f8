from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core import bounds
from core.bounds import BoundedForm
from core.once import OnceForm
from training.models import Module, Page


class FinishForm(forms.Form):
    reflection = forms.CharField(
        label=_("A few words on what you take from this module"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Only you and the program's team read it."),
    )


class ModuleForm(BoundedForm, OnceForm, forms.ModelForm):
    most = {"order": 1000}

    roles = forms.ModelMultipleChoiceField(
        label=_("For everyone with these roles"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Module
        fields = ["title", "summary", "order", "required_before_active", "asks_reflection"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(Role.choices)
        self.fields["roles"].queryset = Group.objects.filter(name__in=names).order_by("name")
        self.fields["roles"].label_from_instance = lambda group: names[group.name]


class PageForm(BoundedForm, OnceForm, forms.ModelForm):
    text_limits = {"body": bounds.DOCUMENT}
    most = {"order": 1000}

    class Meta:
        model = Page
        fields = ["order", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class AssignForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Assign to"), coerce=int)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.full_name) for p in people]
        self.people = {p.pk: p for p in people}
