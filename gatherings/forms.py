import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.bounds import BoundedForm
from core.forms import DateTimeInput
from core.once import OnceForm
from core.phone import PhoneNumberField
from core.visitor_forms import SpamCheckedForm
from directory.models import Service
from gatherings.models import Gathering, Interpretation, Registration, ResourceKind
from gatherings.services import REPLY_FIELDS

UUID_IN_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAX_ADULTS, MAX_CHILDREN, OLDEST_CHILD = 10, 10, 17


class GatheringForm(BoundedForm, OnceForm, forms.ModelForm):
    date_ranges = {"starts_at": bounds.EVENT}
    text_limits = {"description": bounds.DESCRIPTION}
    most = {"minutes": bounds.LONGEST_MINUTES, "capacity": 10000}

    class Meta:
        model = Gathering
        fields = [
            "kind",
            "title",
            "title_es",
            "description",
            "starts_at",
            "minutes",
            "place",
            "online_link",
            "capacity",
            "audience",
            "language",
            "childcare",
            "listed",
        ]
        widgets = {"starts_at": DateTimeInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_link"):
            self.add_error("place", _("Say where it is, or give its online link."))
        return data


class ChildrenAgesField(forms.CharField):
    """Ages typed the way people write them ("4, 7" or "4 and 7"), kept as numbers."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return []
        words = re.split(r"[\s,;]+|\band\b|\by\b", text.lower())
        words = [word for word in words if word]
        if not all(re.fullmatch(r"[0-9]{1,2}", word) for word in words):
            raise forms.ValidationError(_("Write only their ages in years, like 4, 7."))
        ages = [int(word) for word in words]
        if len(ages) > MAX_CHILDREN:
            raise forms.ValidationError(
                _("For more than %(most)s children, please call us.") % {"most": MAX_CHILDREN}
            )
        if any(age > OLDEST_CHILD for age in ages):
            raise forms.ValidationError(
                _("Childcare is for children up to %(oldest)s years old.")
                % {"oldest": OLDEST_CHILD}
            )
        return ages

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(age) for age in value)
        return value


class ReplyFields(forms.Form):
    """What everyone says when replying; guests add their name and how to reach them."""

    adults = forms.IntegerField(
        label=_("Adults coming, you included"),
        min_value=1,
        max_value=MAX_ADULTS,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    children_ages = ChildrenAgesField(
        label=_("Ages of children who need childcare"),
        required=False,
        help_text=_("Their ages in years, like 4, 7. Leave it empty if none."),
    )
    dietary = forms.CharField(
        label=_("Dietary or other needs"),
        required=False,
        max_length=300,
        help_text=_("Allergies, vegetarian, a ramp, a quiet room…"),
    )
    interpretation = forms.ChoiceField(
        label=_("Interpretation"), choices=Interpretation.choices, required=False
    )

    def __init__(self, *args, gathering: Gathering, **kwargs):
        super().__init__(*args, **kwargs)
        if not gathering.childcare:
            del self.fields["children_ages"]

    def reply_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.fields if name in REPLY_FIELDS}
        data.setdefault("children_ages", [])
        return data


class MemberReplyForm(OnceForm, ReplyFields):
    """A signed-in person's reply: their name and contact come from their account; its
    one-time key makes a double tap one reply (core.once)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def reply_data(self) -> dict:
        person = getattr(self.user, "person", None)
        return {
            **super().reply_data(),
            "name": person.full_name if person else self.user.email,
            "email": self.user.email,
            "phone": person.phone if person else "",
            "texts_ok": bool(person and person.texts_ok),
            "language": self.user.language,
        }


class GuestReplyForm(SpamCheckedForm, ReplyFields):
    """A visitor's reply: a name and a way to reach them, nothing else about them."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=bounds.EMAIL)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    texts_ok = forms.BooleanField(label=_("Texts to this phone are OK"), required=False)
    field_order = ["name", "email", "phone", "texts_ok"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Your confirmation, with a link to change or cancel.")

    def reply_data(self) -> dict:
        return {**super().reply_data(), "language": get_language()[:2]}


class ChangeReplyForm(ReplyFields):
    """Changing a reply from its link: the numbers and needs, not who it is."""

    @classmethod
    def for_reply(cls, registration: Registration, data=None):
        initial = {
            name: getattr(registration, name)
            for name in ("adults", "children_ages", "dietary", "interpretation")
        }
        return cls(data, initial=initial, gathering=registration.gathering)


class WalkInForm(OnceForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    adults = forms.IntegerField(label=_("Adults"), min_value=1, max_value=MAX_ADULTS, initial=1)
    children_ages = ChildrenAgesField(
        label=_("Ages of children for childcare"),
        required=False,
        help_text=_("Like 4, 7. Leave it empty if none."),
    )


class ResourceForm(OnceForm):
    kind = forms.ChoiceField(
        label=_("What to share"), choices=ResourceKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    url = forms.URLField(
        label=_("Link"), required=False, assume_scheme="https", max_length=bounds.URL
    )
    service = forms.CharField(
        label=_("Listing in the resource directory"),
        required=False,
        # A listing's address or its name (at most 255 characters): a longer text is
        # neither, and is not looked up (a 100,000-character LIKE was a server error).
        max_length=300,
        help_text=_("Open the listing and copy its address, or type its exact name."),
    )
    upload = forms.FileField(label=_("File (PDF or photo)"), required=False)

    def clean_service(self):
        text = self.cleaned_data["service"].strip()
        if not text:
            return None
        found = re.search(
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text.lower()
        )
        matches = (
            Service.objects.filter(pk=found.group(0))
            if found
            else Service.objects.filter(name__iexact=text)
        )
        matches = list(matches[:2])
        if len(matches) != 1:
            raise forms.ValidationError(
                _("We could not find that listing. Copy its address from the directory.")
            )
        return matches[0]
