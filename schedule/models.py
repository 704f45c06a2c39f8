"""Events on a partnership's calendar: family time, court hearings, appointments, school
events. One-off or repeating (an RFC 5545 RRULE), with cancelled or moved occurrences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership


class Kind(models.TextChoices):
    VISIT = "visit", _("Family time")
    COURT = "court", _("Court hearing")
    APPOINTMENT = "appointment", _("Appointment")
    SCHOOL = "school", _("School event")


class Place(models.TextChoices):
    PUBLIC = "public", _("A public place")
    VISIT_ROOM = "visit_room", _("The program's visit room")
    PARTNER_HOME = "partner_home", _("The partner home")
    BIRTH_HOME = "birth_home", _("The birth family's home")
    COURT = "court", _("The court")
    OTHER = "other", _("Somewhere else")


class Repeat(models.TextChoices):
    NEVER = "", _("Does not repeat")
    WEEKLY = "FREQ=WEEKLY", _("Every week")
    BIWEEKLY = "FREQ=WEEKLY;INTERVAL=2", _("Every two weeks")


class Event(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"), default=60)
    repeat = models.CharField(_("repeats"), max_length=40, choices=Repeat.choices, blank=True)
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=20, choices=Place.choices)
    place_detail = models.CharField(
        _("place name"),
        max_length=200,
        blank=True,
        help_text=_("For example: Pease Park, by the playground."),
    )
    supervised = models.BooleanField(_("supervised"), default=False)
    supervisor = models.CharField(_("supervisor"), max_length=120, blank=True)
    brings_children = models.CharField(_("who brings the children"), max_length=120, blank=True)
    court_room = models.CharField(_("court and courtroom"), max_length=120, blank=True)
    hearing_type = models.CharField(_("type of hearing"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(supervised=False) | ~Q(supervisor=""),
                name="a_supervised_event_names_its_supervisor",
                violation_error_message=_("Name the supervisor of a supervised visit."),
            )
        ]

    def __str__(self):
        return self.title


class Change(models.Model):
    """One occurrence of a repeating event cancelled or moved."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="changes")
    occurrence = models.DateTimeField(_("the occurrence on"))
    moved_to = models.DateTimeField(_("moved to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence"], name="one_change_per_occurrence"
            )
        ]

    @property
    def cancelled(self) -> bool:
        return self.moved_to is None


class FeedToken(models.Model):
    """The secret in a person's calendar feed address. Revoking it makes the address
    answer 404 at once; a new one can be made at any time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    secret = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
