"""Events on a partnership's calendar: family time, court hearings, appointments, school
events. One-off or repeating (an RFC 5545 RRULE), with cancelled or moved occurrences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TitledInTwoLanguages
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


class Attendees(models.TextChoices):
    """Who an event is for. Parents see the events for both homes and for their own:
    the birth mother's counseling appointment is not the partner home's business."""

    BOTH = "both", _("Both homes")
    BIRTH = "birth", _("The birth family")
    PARTNER = "partner", _("The partner home")


class Event(TitledInTwoLanguages):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"), default=60)
    repeat = models.CharField(_("repeats"), max_length=40, choices=Repeat.choices, blank=True)
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    attendees = models.CharField(
        _("who should attend"), max_length=10, choices=Attendees.choices, default=Attendees.BOTH
    )
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
    #: Read at the door of a visit, offline if need be (pwa keeps the event's page).
    to_bring = models.CharField(
        _("what to bring"),
        max_length=200,
        blank=True,
        help_text=_("For example: a snack, the photo album, a change of clothes."),
    )
    court_room = models.CharField(_("court and courtroom"), max_length=120, blank=True)
    hearing_type = models.CharField(_("type of hearing"), max_length=120, blank=True)
    #: An appointment the court ordered (counseling, a drug test, a parenting class): its
    #: dates go on a letter to the parent's employer (letters), with hearings.
    court_ordered = models.BooleanField(
        _("Ordered by the court"),
        default=False,
        help_text=_("Appointments only: its dates can go on a letter to the parent's employer."),
    )
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
            ),
            models.CheckConstraint(
                condition=Q(court_ordered=False) | Q(kind="appointment"),
                name="only_an_appointment_is_court_ordered",
                violation_error_message=_("Only an appointment is marked as ordered by the court."),
            ),
        ]

    @property
    def shown_place_detail(self) -> str:
        """The place's name or address as the reader may see it. A home's address stays
        with that home (and the team): the other home reads only "the partner home".
        `viewer_side` is set by the selectors: "" for staff, else the reader's home."""
        side = getattr(self, "viewer_side", "")
        if (self.place, side) in {(Place.PARTNER_HOME, "birth"), (Place.BIRTH_HOME, "partner")}:
            return ""
        return self.place_detail


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


class Outcome(models.TextChoices):
    ATTENDED = "attended", _("Happened as planned")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Someone did not come")


class By(models.TextChoices):
    BIRTH = "birth", _("The birth family")
    PARTNER = "partner", _("The partner home")
    PROGRAM = "program", _("The program")
    OTHER = "other", _("Someone else (the court, the caseworker, the weather)")


#: Who, by cancelling or not coming, made family time not happen. A cancellation by the
#: program or the court is not a visit the family missed.
MISSED_BY = (By.BIRTH, By.PARTNER)


def was_missed(outcome: str, by: str) -> bool:
    """Whether a record of what happened says a home missed the date: what
    `Attendance.missed` says, for a row read without its record."""
    return outcome != Outcome.ATTENDED and by in MISSED_BY


class Attendance(models.Model):
    """What happened at one occurrence, recorded by the team afterwards."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendances")
    occurrence = models.DateTimeField(_("the occurrence on"))
    outcome = models.CharField(_("what happened"), max_length=10, choices=Outcome.choices)
    by = models.CharField(
        _("who cancelled or did not come"), max_length=10, choices=By.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence"], name="one_attendance_per_occurrence"
            ),
            models.CheckConstraint(
                condition=Q(outcome="attended", by="") | (~Q(outcome="attended") & ~Q(by="")),
                name="attendance_names_who_cancelled_or_missed",
                violation_error_message=_("Say who cancelled or did not come."),
            ),
        ]

    @property
    def missed(self) -> bool:
        return was_missed(self.outcome, self.by)


class Lead(models.TextChoices):
    DAY = "day", _("the day before")
    HOURS = "hours", _("two hours before")


class Reminder(models.Model):
    """A reminder sent: the row is what makes each one go once, whichever worker or
    sweep gets there first. A moved occurrence has a new start, so a new reminder."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lead = models.CharField(max_length=10, choices=Lead.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "starts_at", "user", "lead"], name="one_reminder_each"
            )
        ]


class Confirmation(models.Model):
    """A parent said they will come to one date of family time (by text: "C"), so the
    coach knows before the day. One each per date; saying it again changes nothing."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="confirmations")
    #: The date's original start, as Change and Attendance name it.
    occurrence = models.DateTimeField(_("the occurrence on"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence", "user"], name="one_confirmation_each"
            )
        ]
