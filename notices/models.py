"""How each person wants to hear that something is new: per channel, instantly, in a
daily digest, or not at all. Notices carry no content, so a digest is only a count."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Right away")
    DIGEST = "digest", _("Once a day")
    NONE = "none", _("Never")


#: Without a choice of their own: e-mail right away, no texts (a text can be read by
#: whoever holds the phone, so it is something a person turns on).
DEFAULTS = {Channel.EMAIL: Frequency.INSTANT, Channel.SMS: Frequency.NONE}


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
