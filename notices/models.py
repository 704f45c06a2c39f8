"""How each person wants to hear that something is new: per channel, instantly, in a
daily digest, or not at all. Notices carry no content, so a digest is only a count."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")
    PUSH = "push", _("Notification on your devices")


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Right away")
    DIGEST = "digest", _("Once a day")
    NONE = "none", _("Never")


#: Without a choice of their own: e-mail right away, no texts (a text can be read by
#: whoever holds the phone, so it is something a person turns on). Pushes right away: they
#: go only to a device the person turned them on for themselves, on that device, so that
#: step is the choice; turning it on and hearing nothing would look broken.
DEFAULTS = {
    Channel.EMAIL: Frequency.INSTANT,
    Channel.SMS: Frequency.NONE,
    Channel.PUSH: Frequency.INSTANT,
}


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "channel"], name="one_preference_per_channel")
        ]


class PendingNotice(models.Model):
    """A notice held for someone's daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)


class PushDevice(models.Model):
    """A browser a person turned pushes on in: its push subscription (notices/push.py).
    One row for each endpoint, whoever subscribed it last: a shared computer's browser
    tells only the person signed in on it now."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_devices"
    )
    #: The push service's address for this browser. Long for some services (Windows').
    endpoint = models.CharField(max_length=800, unique=True)
    #: The browser's P-256 public key and its 16-byte secret, base64url: what a push is
    #: encrypted to, so the push service cannot read it.
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    #: "Chrome · Android", from the User-Agent, for the person to tell devices apart.
    label = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
