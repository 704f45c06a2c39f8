from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Language
from core.badges import Badge
from core.phone import validate_e164


class ContactMethod(models.TextChoices):
    IN_APP = "in_app", _("Messages in Village")
    CALL = "call", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("E-mail")


class Account(models.TextChoices):
    NONE = "none", _("No account")
    INVITED = "invited", _("Invited")
    SIGNS_IN = "signs_in", _("Signs in to Village")


#: Each account state's tag: an invitation waits on the person; an account in use is done.
ACCOUNT_BADGES = {
    Account.NONE: Badge.NEUTRAL,
    Account.INVITED: Badge.ATTENTION,
    Account.SIGNS_IN: Badge.OK,
}


class Person(models.Model):
    """Anyone the program knows by name: a parent, a staff member, a volunteer.

    A person may or may not sign in; `user` links them to an account once they do.
    """

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    preferred_name = models.CharField(
        _("preferred name"), max_length=80, blank=True, help_text=_("What they like to be called.")
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_e164])
    texts_ok = models.BooleanField(_("texts are OK"), default=False)
    preferred_contact = models.CharField(
        _("best way to reach them"),
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.IN_APP,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        ordering = ["first_name", "last_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def called(self) -> str:
        """The name to greet them by."""
        return self.preferred_name or self.first_name

    @property
    def full_name(self) -> str:
        return f"{self.called} {self.last_name}".strip()

    @property
    def account(self) -> Account:
        """Whether they sign in: invited until they choose their own password."""
        if self.user is None:
            return Account.NONE
        return Account.SIGNS_IN if self.user.has_usable_password() else Account.INVITED

    @property
    def account_badge(self) -> Badge:
        return ACCOUNT_BADGES[self.account]


class BirthFamily(models.Model):
    """The birth parents and their children."""

    name = models.CharField(
        _("family name"), max_length=120, help_text=_("For example, “the Rivera family”.")
    )
    parents = models.ManyToManyField(
        Person, related_name="birth_families", blank=True, verbose_name=_("parents")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the family's records were closed after the retention period: names, words
    #: and files gone, the dated facts the program's figures count kept (decision 0019).
    records_closed_at = models.DateTimeField(_("records closed"), null=True, blank=True)
    #: The director's words for why, kept with the family rather than in the audit trail,
    #: which holds no values.
    records_closed_reason = models.CharField(_("why they were closed"), max_length=300, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("birth family")
        verbose_name_plural = _("birth families")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("families:family_detail", args=[self.pk])


class HomeKind(models.TextChoices):
    FOSTER = "foster", _("Foster home")
    KIN = "kin", _("Kin (relative) home")


class PartnerHome(models.Model):
    """The foster or kin home caring for the children.

    The address never reaches the birth family unless the partnership agreement says so.
    """

    name = models.CharField(
        _("home name"), max_length=120, help_text=_("For example, “the Johnson home”.")
    )
    kind = models.CharField(_("kind of home"), max_length=10, choices=HomeKind.choices)
    address = models.TextField(
        _("address"), blank=True, help_text=_("Private: never shown to the birth family.")
    )
    parents = models.ManyToManyField(
        Person, related_name="partner_homes", blank=True, verbose_name=_("partner parents")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("partner home")
        verbose_name_plural = _("partner homes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("families:home_detail", args=[self.pk])


class Child(models.Model):
    birth_family = models.ForeignKey(
        BirthFamily, on_delete=models.PROTECT, related_name="children", verbose_name=_("family")
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    preferred_name = models.CharField(_("preferred name"), max_length=80, blank=True)
    birth_date = models.DateField(_("birth date"))

    class Meta:
        ordering = ["birth_date", "pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self):
        return self.called

    def get_absolute_url(self):
        return reverse("families:child_detail", args=[self.pk])

    @property
    def called(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def full_name(self) -> str:
        return f"{self.called} {self.last_name}".strip()

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Placement(models.Model):
    """Where a child lived in care, and when. An open placement has no end date."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="placements")
    partner_home = models.ForeignKey(
        PartnerHome,
        on_delete=models.PROTECT,
        related_name="placements",
        null=True,
        blank=True,
        verbose_name=_("partner home"),
        help_text=_("Leave empty for a home outside the program."),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="placement_ends_after_it_starts",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="one_open_placement_per_child",
                violation_error_message=_("This child already has a current placement."),
            ),
        ]


class PermanencyKind(models.TextChoices):
    """Entering care, and the federal AFCARS discharge reasons (element 56)."""

    ENTERED_CARE = "entered_care", _("Entered care")
    REENTERED_CARE = "reentered_care", _("Re-entered care")
    REUNIFIED = "reunified", _("Reunified with parents or primary caretakers")
    RELATIVES = "relatives", _("Living with other relatives")
    ADOPTION = "adoption", _("Adoption")
    EMANCIPATION = "emancipation", _("Emancipation")
    GUARDIANSHIP = "guardianship", _("Guardianship")
    TRANSFER = "transfer", _("Transfer to another agency")
    RUNAWAY = "runaway", _("Runaway")
    DEATH = "death", _("Death of child")


# The AFCARS discharge-reason codes, for reports that must use the federal numbers.
AFCARS_DISCHARGE_CODE = {
    PermanencyKind.REUNIFIED: 1,
    PermanencyKind.RELATIVES: 2,
    PermanencyKind.ADOPTION: 3,
    PermanencyKind.EMANCIPATION: 4,
    PermanencyKind.GUARDIANSHIP: 5,
    PermanencyKind.TRANSFER: 6,
    PermanencyKind.RUNAWAY: 7,
    PermanencyKind.DEATH: 8,
}


class PermanencyEvent(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="permanency_events")
    kind = models.CharField(_("what happened"), max_length=20, choices=PermanencyKind.choices)
    occurred_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        # The outcome measures find, for each entry, the child's next exit and earlier
        # entries in date order (outcomes/episodes.py): by child and date, the database
        # walks to the one it needs instead of sorting the child's whole history each
        # time (bench/RESULTS.md, issue 20).
        indexes = [models.Index(fields=["child", "occurred_on"], name="permanency_child_by_date")]

    @property
    def afcars_code(self) -> int | None:
        return AFCARS_DISCHARGE_CODE.get(self.kind)
