"""Two-way texts: who asked for no more texts, and what became of each text sent.

Neither keeps what a text said. A text only ever says that something is new (decision
0007), and a reply that matters is kept where it belongs: a confirmation on the calendar,
a message in the parent's conversation with the coach.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OptOut(models.Model):
    """A number that answered STOP: nothing is texted to it until it answers START.

    Kept by number, not by person: the carrier's rule is about the phone, and a number
    that is not (or no longer) on anyone's record must stay stopped too."""

    number = models.CharField(_("phone"), max_length=20, unique=True)
    opted_out_at = models.DateTimeField(auto_now_add=True)


class Status(models.TextChoices):
    """The provider's delivery statuses, in the order a text goes through them."""

    ACCEPTED = "accepted", _("Accepted")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    UNDELIVERED = "undelivered", _("Not delivered")
    FAILED = "failed", _("Failed")


#: How far along each status is: a late callback never takes a text back a step.
PROGRESS = {status: rank for rank, status in enumerate(Status.values)}


class SentText(models.Model):
    """One text handed to the provider: its id there and how far it got. No number and
    no words: the status callback finds it by the provider's id alone."""

    sid = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    #: The provider's error code for a text that did not arrive (e.g. 30003 unreachable).
    error_code = models.PositiveIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    status_at = models.DateTimeField(auto_now=True)
