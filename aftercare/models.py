"""The year after the children come home: check-ins on a schedule, how things are, what
the family needs, and the warning signs that bring a coach back quickly."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import Badge, DatedTask
from partnerships.models import Partnership

#: When the check-ins fall after reunification; each family's can be moved or added to.
SCHEDULE = [
    timedelta(weeks=1),
    timedelta(days=30),
    timedelta(days=60),
    timedelta(days=90),
    timedelta(days=182),
    timedelta(days=365),
]


#: How long a check-in's "about" may be.
ABOUT_LENGTH = 200


class Steadiness(models.TextChoices):
    STEADY = "steady", _("Steady")
    WORRY = "worry", _("Some worry")
    AT_RISK = "at_risk", _("At risk")


class Job(models.TextChoices):
    """Whether the parent's job held, asked at each check-in: losing it is often the first
    thing that shakes a family in the year after."""

    SAME = "same", _("Kept the same job")
    CHANGED = "changed", _("Changed jobs")
    LOST = "lost", _("Lost the job")
    NOT_WORKING = "not_working", _("Not working")
    NOT_ASKED = "", _("Not asked")


#: A job held: the same one or a new one, the parent is working.
JOB_HELD = (Job.SAME, Job.CHANGED)

#: The parts of a family's life each check-in asks about.
AREAS = ("housing", "work", "childcare", "school", "support")


def _area(label):
    return models.CharField(label, max_length=10, choices=Steadiness.choices, blank=True)


class FollowUp(DatedTask, models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="follow_ups"
    )
    due_on = models.DateField(_("due on"))
    #: What this check-in looks at beyond the usual: a step of the transition plan.
    about = models.CharField(_("about"), max_length=ABOUT_LENGTH, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    housing = _area(_("housing"))
    work = _area(_("work"))
    childcare = _area(_("childcare"))
    school = _area(_("school"))
    support = _area(_("support network"))
    job = models.CharField(
        _("the parent's job"), max_length=12, choices=Job.choices, blank=True, default=""
    )
    concerns = models.TextField(_("concerns"), blank=True)
    needs = models.TextField(
        _("needs"),
        blank=True,
        help_text=_(
            "What would help: rent, childcare, a ride, counseling... for a referral or "
            "financial help."
        ),
    )
    #: Any area at risk, or the coach's own worry: raises the family on the coach's page
    #: until a later check-in says otherwise.
    warning = models.BooleanField(_("warning signs"), default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_on"])]

    def __str__(self):
        return f"{self.partnership} {self.due_on}"

    def get_absolute_url(self):
        return reverse("aftercare:check_in", args=[self.pk])

    @property
    def warning_badge(self) -> Badge:
        """Warning signs ask the coach to look again."""
        return Badge.ATTENTION
