"""Letters the program issues on its letterhead. The first kind: a letter to a parent's
employer confirming the dates of her court hearings and court-ordered appointments in a
period, and nothing else about her case (docs/decisions/0032-employer-letters.md)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.roles import Language
from families.models import Person
from partnerships.models import Partnership

#: The longest period one letter covers: a season of dates, not a year of the case.
LONGEST_DAYS = 184
#: The most dates one letter lists (weekly counseling for six months and the hearings).
MOST_DATES = 80
ADDRESSED_TO_LENGTH = 120
CHILDREN_LENGTH = 300


class LetterKind(models.TextChoices):
    EMPLOYER = "employer", _("Letter to an employer")


class DateKind(models.TextChoices):
    """What a date on the letter is, in the letter's words: never the hearing's type."""

    HEARING = "hearing", _("Court hearing")
    ORDERED = "ordered", _("Court-ordered appointment")


class Letter(models.Model):
    """One letter, drafted by the parent or her coach. Its dates are read from the calendar
    when it is drafted and kept as they were, so that what the parent approved is what
    prints; a changed date is a new letter. Only an approved letter prints."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="letters")
    #: The birth parent it is for: only she approves it, and only her dates are on it.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("for")
    )
    kind = models.CharField(
        _("kind of letter"), max_length=20, choices=LetterKind.choices, default=LetterKind.EMPLOYER
    )
    language = models.CharField(
        _("language of the letter"), max_length=2, choices=Language.choices, default="en"
    )
    addressed_to = models.CharField(_("addressed to"), max_length=ADDRESSED_TO_LENGTH, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    name_children = models.BooleanField(_("name my children"), default=False)
    #: The children's first names as they were when drafted, when she chose to name them.
    children = models.CharField(max_length=CHILDREN_LENGTH, blank=True)
    #: [[start (ISO, with its offset), minutes, DateKind], ...] in time order.
    dates = models.JSONField(default=list, blank=True)
    #: The program's contact named on the letter and signing it: the family's coach.
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="a_letter_s_period_ends_after_it_starts",
                violation_error_message=_("The period ends after it starts."),
            )
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def get_absolute_url(self):
        return reverse("letters:letter", args=[self.pk])

    @property
    def approved(self) -> bool:
        return self.approved_at is not None
