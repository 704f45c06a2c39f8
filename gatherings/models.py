"""Partner Parent Gatherings, trainings and other program events: who is coming, who is
waiting for a place, who came, and what was shared with those who did."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.badges import Badge
from core.models import TitledInTwoLanguages
from directory.models import Service


class Kind(models.TextChoices):
    GATHERING = "gathering", _("Partner Parent Gathering")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Program event")


class Audience(models.TextChoices):
    PARTNER = "partner", _("Partner parents")
    BIRTH = "birth", _("Birth parents")
    BOTH = "both", _("Birth and partner parents")
    COMMUNITY = "community", _("Everyone in the community")


class Spoken(models.TextChoices):
    ENGLISH = "en", _("In English")
    SPANISH = "es", _("In Spanish")
    BOTH = "both", _("In English and Spanish")


class Gathering(TitledInTwoLanguages):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GATHERING)
    description = models.TextField(_("what it is about"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"), default=120)
    place = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        help_text=_("A public place and its address. Leave it empty for an online event."),
    )
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to people who have a place."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places for adults"),
        help_text=_("When the adults coming fill it, new replies join the wait-list."),
    )
    audience = models.CharField(
        _("for"), max_length=20, choices=Audience.choices, default=Audience.PARTNER
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Spoken.choices, default=Spoken.BOTH
    )
    childcare = models.BooleanField(_("childcare offered"), default=False)
    listed = models.BooleanField(
        _("show on the public listing"),
        default=True,
        help_text=_(
            "Unlisted events are only for people who sign in to Village: not on the public "
            "listing or calendar feed."
        ),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    #: Raised each time the date, place or link changes, so calendars replace their copy.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""),
                name="a_gathering_has_a_place_or_a_link",
                violation_error_message=_("Say where it is, or give its online link."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="a_gathering_has_a_place_for_someone",
                violation_error_message=_("Give it at least one place."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("gatherings:gathering", args=[self.pk])

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def places_left(self) -> int:
        """Free places for adults; needs `taken` from gatherings.selectors.with_counts."""
        return max(self.capacity - (self.taken or 0), 0)


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("Has a place")
    WAITING = "waiting", _("On the wait-list")
    CANCELLED = "cancelled", _("Cancelled")


#: A reply's tag (core.badges): a place is good news, the wait-list something to watch.
STATUS_BADGES = {
    Status.CONFIRMED: Badge.OK,
    Status.WAITING: Badge.ATTENTION,
    Status.CANCELLED: Badge.NEUTRAL,
}

#: Statuses that still count as "registered": told of changes and reminded.
REGISTERED = (Status.CONFIRMED, Status.WAITING)


class Interpretation(models.TextChoices):
    NONE = "", _("No interpretation needed")
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    ASL = "asl", _("American Sign Language")
    OTHER = "other", _("Another language (tell us under dietary or other needs)")


class Registration(models.Model):
    """One reply: a signed-in person's, or a guest's with a name and a way to reach them.
    `secret` is the key in the link that changes or cancels it, sent in the confirmation;
    it also opens what was shared after the event to those who came."""

    gathering = models.ForeignKey(Gathering, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gathering_registrations",
    )
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    texts_ok = models.BooleanField(_("texts are OK"), default=False)
    language = models.CharField(_("language"), max_length=5, default="en")
    adults = models.PositiveSmallIntegerField(_("adults coming"), default=1)
    #: Ages in years of the children who need childcare; nothing else about them.
    children_ages = models.JSONField(default=list, blank=True)
    dietary = models.CharField(_("dietary or other needs"), max_length=300, blank=True)
    interpretation = models.CharField(
        _("interpretation"), max_length=10, choices=Interpretation.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    secret = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    walk_in = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    #: A keyed hash of a guest's address, to limit how often one connection replies.
    sender = models.CharField(max_length=64, blank=True, db_index=True)
    #: One rendering of the guest form makes one reply (a double click makes one).
    form_nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "user"],
                condition=Q(user__isnull=False),
                name="one_registration_per_person_and_gathering",
            ),
            models.CheckConstraint(
                condition=Q(adults__gte=1) | Q(walk_in=True),
                name="a_registration_brings_an_adult",
            ),
        ]
        indexes = [models.Index(fields=["gathering", "status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gatherings:registration", args=[self.secret])

    @property
    def status_badge(self) -> Badge:
        return STATUS_BADGES[self.status]

    @property
    def children(self) -> int:
        return len(self.children_ages)


class ResourceKind(models.TextChoices):
    LINK = "link", _("A link")
    SERVICE = "service", _("A listing in the resource directory")
    FILE = "file", _("A file (PDF or photo)")


def resource_path(resource, filename):
    # A random name outside any public URL: served only to those who came, and the team.
    return f"gatherings/{resource.gathering_id}/{filename}"


class Resource(models.Model):
    """Something shared with the people who came: a link, a directory listing, a handout."""

    gathering = models.ForeignKey(Gathering, on_delete=models.PROTECT, related_name="resources")
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=resource_path, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_at", "pk"]

    def __str__(self):
        return self.title or (self.service.name if self.service_id else self.url)


class Reminder(models.Model):
    """A day-before reminder sent: the row makes each one go once, whichever sweep gets
    there first. A gathering moved to a new time gets a new reminder."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "starts_at"], name="one_gathering_reminder_each"
            )
        ]
