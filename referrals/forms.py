from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.once import OnceForm
from core.roles import is_casework
from directory.models import Attribute
from directory.needs import NEED_CHOICES, TAXONOMY_ID
from referrals.models import MOVES, Status
from referrals.selectors import own_partnership, people_to_refer


class ReferForm(OnceForm):
    who = forms.ChoiceField(label=_("Who"))
    need = forms.ChoiceField(label=_("Need"), choices=NEED_CHOICES)
    note = forms.CharField(
        label=_("Note for the family"),
        required=False,
        max_length=1000,
        help_text=_("Who to ask for, what to bring. The family reads it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {f"{p.pk}-{person.pk}": (p, person) for p, person in pairs}
        self.fields["who"].choices = [
            (key, f"{person.full_name} · {p.birth_family.name}")
            for key, (p, person) in self.pairs.items()
        ]
        if len(self.pairs) == 1:
            self.fields["who"].widget = forms.HiddenInput()
            self.fields["who"].initial = next(iter(self.pairs))
            self.fields["note"].label = _("Note for yourself")
            self.fields["note"].help_text = ""

    def chosen(self):
        return self.pairs[self.cleaned_data["who"]]


def form_for(user, *, service, data=None) -> ReferForm | None:
    """The refer form for a person who may refer someone, or None. The team refers the
    parents of their open partnerships; a parent refers themself."""
    if is_casework(user):
        pairs = people_to_refer(user)
    elif user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT):
        partnership = own_partnership(user)
        person = getattr(user, "person", None)
        pairs = [(partnership, person)] if partnership and person else []
    else:
        return None
    if not pairs:
        return None
    needs = list(
        Attribute.objects.filter(
            link_entity="service", link_id=service.pk, taxonomy_term__taxonomy_id=TAXONOMY_ID
        ).values_list("taxonomy_term__code", flat=True)[:1]
    )
    return ReferForm(data, pairs=pairs, initial={"need": needs[0] if needs else None})


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("What happened"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("A word on it"), required=False, max_length=300)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        order = list(Status)
        self.fields["status"].choices = [
            (status.value, status.label)
            for status in sorted(MOVES[Status(referral.status)], key=order.index)
        ]
