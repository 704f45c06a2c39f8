from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import Badge
from families.models import BirthFamily, Child, PartnerHome


class Stage(models.TextChoices):
    REFERRED = "referred", _("Referred")
    INTRODUCED = "introduced", _("Introduced")
    ACTIVE = "active", _("Active")
    TRANSITION_HOME = "transition_home", _("Transition home")
    POST_REUNIFICATION = "post_reunification", _("Post-reunification")
    CLOSED = "closed", _("Closed")


STAGE_ORDER = list(Stage)

#: The stages in which family time happens in earnest.
ACTIVE_OR_LATER = (Stage.ACTIVE, Stage.TRANSITION_HOME, Stage.POST_REUNIFICATION)

#: Each stage's tag wherever it is shown: a referral waits for its match, the children on
#: their way home or home are good news; the rest are plain facts.
STAGE_BADGES = {
    Stage.REFERRED: Badge.ATTENTION,
    Stage.TRANSITION_HOME: Badge.OK,
    Stage.POST_REUNIFICATION: Badge.OK,
}


def stage_badge(stage: str) -> Badge:
    return STAGE_BADGES.get(stage, Badge.NEUTRAL)


def refuse_if_closed(partnership: "Partnership") -> None:
    """A closed partnership's records are kept as they were: read, never changed."""
    if partnership.stage == Stage.CLOSED:
        raise ValidationError(_("This partnership is closed: its records no longer change."))


class Partnership(models.Model):
    """One birth family and one partner home around one or more of the children.

    While the family is only referred the partner home may not be matched yet.
    """

    birth_family = models.ForeignKey(
        BirthFamily,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("birth family"),
    )
    partner_home = models.ForeignKey(
        PartnerHome,
        on_delete=models.PROTECT,
        related_name="partnerships",
        null=True,
        blank=True,
        verbose_name=_("partner home"),
    )
    children = models.ManyToManyField(
        Child, related_name="partnerships", blank=True, verbose_name=_("children")
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coached_partnerships",
        verbose_name=_("coach"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.REFERRED
    )
    stage_since = models.DateField(_("in this stage since"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["birth_family__name", "pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage="referred") | Q(stage="closed") | Q(partner_home__isnull=False),
                name="partnership_past_referral_has_a_partner_home",
                violation_error_message=_("Match a partner home before moving past referral."),
            )
        ]

    def __str__(self):
        return self.birth_family.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def stage_badge(self) -> Badge:
        return stage_badge(self.stage)


class StageChange(models.Model):
    """Every stage a partnership passed through, with the date it happened."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="stage_changes"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]

    @property
    def stage_badge(self) -> Badge:
        return stage_badge(self.stage)


class Coverage(models.Model):
    """One coach covering another's partnerships for a while (leave, holidays)."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="covered_by",
        verbose_name=_("coach who is away"),
    )
    covering_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="covering",
        verbose_name=_("covering coach"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="coverage_ends_after_it_starts",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(coach=F("covering_coach")),
                name="coverage_is_by_someone_else",
                violation_error_message=_("A coach cannot cover for themselves."),
            ),
        ]
