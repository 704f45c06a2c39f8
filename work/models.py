"""A parent's work shifts: one-off or repeating, on her own clock. Employers change shifts
with little notice, and a visit planned over one is a visit she has to choose between
her job and her children for (issue 21): the calendar shows the clash before it is saved.

A shift is its owner's alone. The team reads when she works, never where; the other
home reads nothing of it (docs/decisions/0031-work-shifts.md)."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from schedule.models import Repeat

#: The longest shift: a double shift, and a bound on what can be typed.
LONGEST_SHIFT_MINUTES = 16 * 60
SHORTEST_SHIFT_MINUTES = 15


class Shift(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_shifts"
    )
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(
        _("how long (minutes)"),
        validators=[
            MinValueValidator(SHORTEST_SHIFT_MINUTES),
            MaxValueValidator(LONGEST_SHIFT_MINUTES),
        ],
    )
    repeat = models.CharField(_("repeats"), max_length=40, choices=Repeat.choices, blank=True)
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    label = models.CharField(
        _("label (only you see it)"),
        max_length=60,
        blank=True,
        help_text=_("For example: bakery. Only you see it: not your coach, not the other home."),
    )
    #: The owner's clock when she entered it: a 3–11 p.m. shift repeats at 3 p.m. there,
    #: across the change to and from daylight saving time.
    time_zone = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=SHORTEST_SHIFT_MINUTES)
                & models.Q(minutes__lte=LONGEST_SHIFT_MINUTES),
                name="a_shift_lasts_at_most_sixteen_hours",
            )
        ]

    @property
    def ends_at(self):
        """The end of its first date: what the rule of a repeating shift says."""
        return self.starts_at + timedelta(minutes=self.minutes)


class ShiftChange(models.Model):
    """One date of a repeating shift moved (a new start and length) or off."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="changes")
    occurrence = models.DateTimeField(_("the shift on"))
    moved_to = models.DateTimeField(_("moved to"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("how long (minutes)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(SHORTEST_SHIFT_MINUTES),
            MaxValueValidator(LONGEST_SHIFT_MINUTES),
        ],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "occurrence"], name="one_change_per_shift_date"
            )
        ]

    @property
    def off(self) -> bool:
        return self.moved_to is None
