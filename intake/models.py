from enum import StrEnum

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Language
from core.badges import Badge
from core.phone import validate_e164


class Holiday(models.Model):
    """A day the program's office is closed: the contact promise skips it."""

    day = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return self.name


class Source(models.TextChoices):
    INTEREST = "interest", _("Interest form")
    CONTACT = "contact", _("Contact form")


class Kind(models.TextChoices):
    BIRTH_PARENT = "birth_parent", _("Birth parent or relative")
    PARTNER_PARENT = "partner_parent", _("Foster or kin parent")
    COMMUNITY = "community", _("Community member or church")
    REFERRAL = "referral", _("Caseworker or attorney referring a family")
    OTHER = "other", _("Other")


class CaseStage(models.TextChoices):
    JUST_REMOVED = "just_removed", _("The children were just removed")
    WORKING_PLAN = "working_plan", _("Working on a case plan")
    GOING_HOME = "going_home", _("The children are going home soon")
    HOME = "home", _("The children are home")
    NOT_SURE = "not_sure", _("Not sure")


class HeardFrom(models.TextChoices):
    CASEWORKER = "caseworker", _("A caseworker")
    ATTORNEY = "attorney", _("An attorney or the court")
    CHURCH = "church", _("A church or community group")
    FRIEND = "friend", _("A friend or family member")
    ONLINE = "online", _("Online or social media")
    OTHER = "other", _("Somewhere else")


class Outcome(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Referred elsewhere")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NO_RESPONSE = "no_response", _("No response after repeated attempts")


class State(StrEnum):
    """Where a form stands against the promise of a first contact."""

    WAITING = "waiting"
    OVERDUE = "overdue"
    CONTACTED = "contacted"
    CLOSED = "closed"


#: Each state's tag wherever a form is shown: waiting for its first contact, the promise
#: missed, or kept.
STATE_BADGES = {
    State.WAITING: Badge.ATTENTION,
    State.OVERDUE: Badge.DANGER,
    State.CONTACTED: Badge.OK,
    State.CLOSED: Badge.NEUTRAL,
}


class Submission(models.Model):
    """An interest or contact form, from the moment it arrives until it is closed."""

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.INTEREST)
    kind = models.CharField(_("who they are"), max_length=20, choices=Kind.choices)
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_e164])
    email = models.EmailField(_("e-mail"), blank=True)
    best_time = models.CharField(_("best time to reach them"), max_length=120, blank=True)
    voicemail_ok = models.BooleanField(_("a voicemail is safe"), default=False)
    texts_ok = models.BooleanField(_("a text is safe"), default=False)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    county = models.CharField(_("county"), max_length=60, blank=True, db_index=True)
    children_ages = models.CharField(_("children's ages"), max_length=120, blank=True)
    case_stage = models.CharField(
        _("where the case stands"), max_length=20, choices=CaseStage.choices, blank=True
    )
    heard_from = models.CharField(
        _("how they heard about us"), max_length=20, choices=HeardFrom.choices, blank=True
    )
    message = models.TextField(_("message"), blank=True, max_length=4000)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    due_at = models.DateTimeField(_("first contact due"), db_index=True)
    #: A keyed hash of the sender's address: enough to limit the rate, useless to anyone else.
    sender = models.CharField(max_length=64, db_index=True, editable=False)
    #: The random nonce of the form that was shown, so one rendering of the form
    #: creates at most one submission (a double click or a replay stores nothing more).
    form_nonce = models.CharField(max_length=32, unique=True, null=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_submissions",
        verbose_name=_("assigned to"),
    )
    first_contact_at = models.DateTimeField(_("first contacted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    person = models.ForeignKey(
        "families.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            # The triage queue: open forms by due time.
            models.Index(fields=["closed_at", "due_at"], name="intake_open_by_due"),
            # The team's count of open forms nobody answered in time (overdue_count),
            # read from the index alone: the one above leaves a row read for each.
            models.Index(
                fields=["closed_at", "first_contact_at", "due_at"], name="intake_unanswered"
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self):
        return reverse("intake:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def state(self) -> State:
        if not self.is_open:
            return State.CLOSED
        if self.first_contact_at:
            return State.CONTACTED
        return State.OVERDUE if self.due_at < timezone.now() else State.WAITING

    @property
    def state_badge(self) -> Badge:
        return STATE_BADGES[self.state]


class AttemptMethod(models.TextChoices):
    CALLED = "called", _("Called and talked")
    TEXTED = "texted", _("Texted")
    EMAILED = "emailed", _("E-mailed")
    VOICEMAIL = "voicemail", _("Left a voicemail")
    NO_ANSWER = "no_answer", _("No answer")


class ContactAttempt(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="attempts")
    method = models.CharField(_("what happened"), max_length=10, choices=AttemptMethod.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-pk"]
