"""The partnership agreement: what each home shares with the other, each parent's consent
per purpose, and the court's restrictions. See docs/decisions/0007."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from families.models import Person
from partnerships.models import Partnership


class Side(models.TextChoices):
    BIRTH = "birth", _("Birth family")
    PARTNER = "partner", _("Partner home")


class InfoKind(models.TextChoices):
    """Kinds of information about the children a home may agree to share."""

    PHOTOS = "photos", _("Photos")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health")
    ACTIVITIES = "activities", _("Activities")


class AgreementVersion(models.Model):
    """One version of a partnership's agreement. Versions are never edited: a change is
    a new version, which each parent acknowledges."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField()
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="agreement_version_number_unique"
            )
        ]

    def __str__(self):
        return str(self.number)


class HomeTerms(models.Model):
    """What one home shares with the other under one version of the agreement."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="terms")
    side = models.CharField(max_length=10, choices=Side.choices)
    share_phone = models.BooleanField(_("share our phone number"), default=False)
    share_email = models.BooleanField(_("share our e-mail"), default=False)
    share_address = models.BooleanField(
        _("share our home address"),
        default=False,
        help_text=_("Only the partner home's address; never shared unless chosen here."),
    )
    share_photos = models.BooleanField(_("photos"), default=True)
    share_school = models.BooleanField(_("school"), default=True)
    share_health = models.BooleanField(_("health"), default=True)
    share_activities = models.BooleanField(_("activities"), default=True)
    quiet_from = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet hours until"), null=True, blank=True)

    class Meta:
        ordering = ["side"]
        constraints = [
            models.UniqueConstraint(fields=["version", "side"], name="home_terms_one_per_side"),
            models.CheckConstraint(
                condition=Q(side="partner") | Q(share_address=False),
                name="home_terms_only_the_partner_home_shares_an_address",
            ),
            models.CheckConstraint(
                condition=Q(quiet_from__isnull=True, quiet_until__isnull=True)
                | Q(quiet_from__isnull=False, quiet_until__isnull=False),
                name="home_terms_quiet_hours_have_both_ends",
                violation_error_message=_("Give both ends of the quiet hours, or neither."),
            ),
        ]

    def shares(self, kind: str) -> bool:
        return getattr(self, f"share_{kind}")


class Acknowledgment(models.Model):
    """A parent read this version in the app and agreed to it."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="acknowledgments"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="acknowledged_once")
        ]


class Purpose(models.TextChoices):
    OTHER_HOME = "other_home", _("Sharing what I write and my contact details with the other home")
    PHOTOS = "photos", _("Sharing photos I post")
    FIGURES = "figures", _("Counting my family in the program's anonymous figures")


class Consent(models.Model):
    """One parent's current answer for one purpose. Missing means not given: consent is
    asked for, never assumed. Each change is in the audit trail."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    given = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person", "purpose"], name="consent_one_per_purpose"
            )
        ]


class RestrictionKind(models.TextChoices):
    NO_CONTACT = "no_contact", _("No contact")
    SUPERVISED = "supervised", _("Supervised contact only")
    PROTECTIVE_ORDER = "protective_order", _("Protective order")


#: Restrictions under which the two sides must not see each other at all.
HIDING = {RestrictionKind.NO_CONTACT, RestrictionKind.PROTECTIVE_ORDER}


class CourtRestriction(models.Model):
    """A court's order on the whole partnership, or on one person in it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="restrictions"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restrictions",
        verbose_name=_("person"),
        help_text=_("Leave empty when the order is on the whole partnership."),
    )
    kind = models.CharField(_("order"), max_length=20, choices=RestrictionKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty if open-ended.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="restriction_ends_after_it_starts",
                violation_error_message=_("The end date must be on or after the start date."),
            )
        ]

    def is_active(self, on) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)
