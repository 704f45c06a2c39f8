"""The coach's work with a family: the contact log (and, next, the case plan)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import TASK_BADGES, Badge, DatedTask, TaskState, task_state
from families.models import Person
from partnerships.models import Partnership


class ContactKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CRISIS = "crisis", _("Crisis")
    TRANSPORT = "transport", _("Transport")
    COURT_SUPPORT = "court_support", _("Court support")
    ICEBREAKER = "icebreaker", _("Icebreaker meeting")


class Medium(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    TEXT = "text", _("Text")
    VIDEO = "video", _("Video")


class Contact(models.Model):
    """One contact between the team and a partnership's parents. For the team only."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    medium = models.CharField(_("how"), max_length=10, choices=Medium.choices)
    happened_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"))
    people = models.ManyToManyField(Person, related_name="+", verbose_name=_("who was there"))
    notes = models.TextField(_("notes"), blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_logged"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["coach", "happened_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=24 * 60),
                name="a_contact_lasts_a_minute_to_a_day",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_on}"

    def get_absolute_url(self):
        return reverse("caseplan:contacts", args=[self.partnership_id])

    @property
    def follow_up_state(self) -> TaskState | None:
        """Where the follow-up stands, when one was asked for."""
        if self.follow_up_on is None:
            return None
        return task_state(done=self.followed_up_at is not None, due_on=self.follow_up_on)

    @property
    def follow_up_badge(self) -> Badge:
        return TASK_BADGES.get(self.follow_up_state, Badge.NEUTRAL)


class Area(models.TextChoices):
    HOUSING = "housing", _("Housing")
    # Keeping a job while court dates take the parent away from it (a set schedule, the
    # supervisor told of the dates, a letter to the employer) is part of this area.
    WORK = "work", _("Work and job security")
    PARENTING = "parenting", _("Parenting class")
    SOBRIETY = "sobriety", _("Sobriety")
    COUNSELING = "counseling", _("Counseling")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Something else")


class Source(models.TextChoices):
    COURT = "court", _("The court's service plan")
    OWN = "own", _("The parent's own")


class Goal(models.Model):
    """One of the birth parent's goals. The case plan is the birth family's: the partner
    home never sees it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="goals")
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    title = models.CharField(_("goal"), max_length=200)
    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("caseplan:plan", args=[self.partnership_id])


class Owner(models.TextChoices):
    PARENT = "parent", _("The parent")
    COACH = "coach", _("The coach")
    BOTH = "both", _("The parent and the coach")


class Step(DatedTask, models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="steps")
    text = models.CharField(_("step"), max_length=200)
    owner = models.CharField(_("who does it"), max_length=10, choices=Owner.choices)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    progress_note = models.CharField(_("how it is going"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.goal.get_absolute_url()


class MilestoneKind(models.TextChoices):
    UNSUPERVISED = "unsupervised", _("Unsupervised visits")
    OVERNIGHTS = "overnights", _("Overnight visits")
    MONITORED_RETURN = "monitored_return", _("Monitored return home")
    REUNIFICATION = "reunification", _("Reunification")


class Milestone(models.Model):
    """A step toward home, dated on the partnership's timeline; both homes see it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="milestones"
    )
    kind = models.CharField(_("milestone"), max_length=20, choices=MilestoneKind.choices)
    reached_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["reached_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind"], name="each_milestone_once")
        ]


class CourtSummary(models.Model):
    """A progress summary for a hearing: drafted by the app from the record, edited by
    the coach, printed for the parent to hand to their attorney or caseworker."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="court_summaries"
    )
    hearing_on = models.DateField(_("hearing on"))
    text = models.TextField(_("summary"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-hearing_on", "-pk"]

    def get_absolute_url(self):
        return reverse("caseplan:summary", args=[self.pk])
