"""Referrals to community services, followed until the family got the help or it is
clear they will not (a closed loop)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import Badge
from directory.needs import NEED_CHOICES


class Status(models.TextChoices):
    SENT = "sent", _("Sent")
    CONTACTED = "contacted", _("Contacted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NO_RESPONSE = "no_response", _("No response")
    RECEIVED = "received", _("Service received")


#: Where a referral may go from each status. Declined and received end it; a service
#: that did not answer may still call back.
MOVES = {
    Status.SENT: {
        Status.CONTACTED,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.NO_RESPONSE,
        Status.RECEIVED,
    },
    Status.CONTACTED: {Status.ACCEPTED, Status.DECLINED, Status.NO_RESPONSE, Status.RECEIVED},
    Status.ACCEPTED: {Status.RECEIVED, Status.DECLINED},
    Status.NO_RESPONSE: {Status.CONTACTED, Status.ACCEPTED, Status.DECLINED},
    Status.DECLINED: set(),
    Status.RECEIVED: set(),
}
#: Still waiting on someone: these are followed up when they sit.
OPEN = (Status.SENT, Status.CONTACTED, Status.ACCEPTED)

#: Each status's tag wherever a referral is shown: waiting on the service or the person
#: while open; the help received; declined, or no answer.
STATUS_BADGES = {
    **dict.fromkeys(OPEN, Badge.ATTENTION),
    Status.RECEIVED: Badge.OK,
    Status.DECLINED: Badge.DANGER,
    Status.NO_RESPONSE: Badge.DANGER,
}


class Referral(models.Model):
    person = models.ForeignKey(
        "families.Person",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("person referred"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service"),
    )
    need = models.CharField(_("need"), max_length=20, choices=NEED_CHOICES)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SENT
    )
    #: The day the referral reached its present status: how long it has sat.
    status_on = models.DateField(_("since"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    #: When the person was last asked how it went: once for each status that sits.
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-status_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "status_on"]),
            # A caseload's referrals sitting in a status (selectors.sitting), found from its
            # partnerships: the index above walks the whole program's open referrals.
            models.Index(fields=["partnership", "status", "status_on"], name="referral_sitting"),
        ]

    def __str__(self):
        return f"{self.service_id} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("referrals:referral", args=[self.pk])

    @property
    def status_badge(self) -> Badge:
        return STATUS_BADGES[self.status]


class Step(models.Model):
    """Each status a referral reached, dated, with who said so."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["on", "pk"]

    @property
    def status_badge(self) -> Badge:
        return STATUS_BADGES[self.status]
