from django import forms
from django.utils.translation import gettext_lazy as _

from notices import push
from notices.models import Frequency, PushDevice


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
    push = forms.ChoiceField(
        label=_("Notification on your devices"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Shown by the phones and computers you turned notifications on for."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not push.enabled():  # a choice that would do nothing is not offered
            del self.fields["push"]


_field = PushDevice._meta.get_field


class SubscriptionForm(forms.Form):
    """A browser's push subscription, as its PushSubscription.toJSON() gives it."""

    endpoint = forms.CharField(max_length=_field("endpoint").max_length)
    p256dh = forms.CharField(max_length=_field("p256dh").max_length)
    auth = forms.CharField(max_length=_field("auth").max_length)

    @classmethod
    def from_json(cls, data) -> "SubscriptionForm":
        keys = data.get("keys") if isinstance(data, dict) else None
        keys = keys if isinstance(keys, dict) else {}
        fields = {
            "endpoint": data.get("endpoint") if isinstance(data, dict) else None,
            "p256dh": keys.get("p256dh"),
            "auth": keys.get("auth"),
        }
        return cls({name: value for name, value in fields.items() if isinstance(value, str)})

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not push.is_push_service(data["endpoint"]):
            raise forms.ValidationError("not a push service this program sends to")
        if not push.keys_are_sound(data["p256dh"], data["auth"]):
            raise forms.ValidationError("not a browser's push keys")
        return data


class DeviceRemoveForm(forms.Form):
    device = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)


#: The largest subscription body read: an endpoint at its longest, its keys and a little.
MAX_SUBSCRIPTION_BYTES = 4096


class BodyTooLarge(Exception):
    pass


def json_body(request):
    """The request's JSON, read only if it says it is small, and never more than that:
    a body without a length, or longer than MAX_SUBSCRIPTION_BYTES, is refused unread.
    None when it is not JSON."""
    import json

    try:
        length = int(request.META.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if not 0 <= length <= MAX_SUBSCRIPTION_BYTES:
        raise BodyTooLarge
    body = request.read(MAX_SUBSCRIPTION_BYTES + 1)
    if len(body) > MAX_SUBSCRIPTION_BYTES:
        raise BodyTooLarge
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
