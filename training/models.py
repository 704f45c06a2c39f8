"""Partnership training: modules of pages the program writes, assigned to roles or to
people, completed with an optional reflection, and a certificate for each."""

from enum import StrEnum

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import Badge


class Standing(StrEnum):
    """Where a person stands with a module."""

    FINISHED = "finished"
    NEEDED = "needed"
    TO_DO = "to_do"


#: Each standing's tag wherever it is shown: finished is done; a module needed before
#: family time starts waits on the parent; any other is still to do.
STANDING_BADGES = {
    Standing.FINISHED: Badge.OK,
    Standing.NEEDED: Badge.ATTENTION,
    Standing.TO_DO: Badge.NEUTRAL,
}


class Module(models.Model):
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    roles = models.ManyToManyField(
        Group,
        blank=True,
        related_name="+",
        verbose_name=_("for everyone with these roles"),
    )
    required_before_active = models.BooleanField(
        _("required before a partnership becomes active"),
        default=False,
        help_text=_("Both homes' parents finish it before family time starts in earnest."),
    )
    asks_reflection = models.BooleanField(_("asks for a short reflection"), default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:module", args=[self.pk])

    @property
    def standing(self) -> Standing:
        """Where the reader stands with it, from the day they finished it, `completed_on`,
        that selectors.modules_for and the module's page set (None until then)."""
        if getattr(self, "completed_on", None):
            return Standing.FINISHED
        return Standing.NEEDED if self.required_before_active else Standing.TO_DO

    @property
    def standing_badge(self) -> Badge:
        return STANDING_BADGES[self.standing]


class Page(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="pages")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), help_text=_("Plain text; a blank line starts a paragraph."))

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Assignment(models.Model):
    """A module given to one person beyond their role's."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["module", "user"], name="one_assignment_each")
        ]


class Completion(models.Model):
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="completions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions"
    )
    completed_on = models.DateField(_("completed on"))
    reflection = models.TextField(_("reflection"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["module", "user"], name="one_completion_each")
        ]
