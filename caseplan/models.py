"""The coach's work with a family: the contact log (and, next, the case plan)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Person
from partnerships.models import Partnership


class ContactKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CRISIS = "crisis", _("Crisis")
    TRANSPORT = "transport", _("Transport")
    COURT_SUPPORT = "court_support", _("Court support")
    ICEBREAKER = "icebreaker", _("Icebreaker meeting")


class Medium(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    TEXT = "text", _("Text")
    VIDEO = "video", _("Video")


class Contact(models.Model):
    """One contact between the team and a partnership's parents. For the team only."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    medium = models.CharField(_("how"), max_length=10, choices=Medium.choices)
    happened_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"))
    people = models.ManyToManyField(Person, related_name="+", verbose_name=_("who was there"))
    notes = models.TextField(_("notes"), blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_logged"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["coach", "happened_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=24 * 60),
                name="a_contact_lasts_a_minute_to_a_day",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_on}"

    def get_absolute_url(self):
        return reverse("caseplan:contacts", args=[self.partnership_id])
