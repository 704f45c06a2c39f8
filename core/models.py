"""Model parts that more than one capability shares, and core's own tables: the
throttle's counts (core.throttle) and the one-time keys of the forms already sent
(core.once). The shared parts are abstract: each capability keeps their columns in its own
tables."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TitledInTwoLanguages(models.Model):
    """A title, and the same title in Spanish for people who read Village in Spanish:
    a calendar event (schedule.Event) and a program gathering (gatherings.Gathering).
    Each keeps these columns in its own table, as before they shared this."""

    title = models.CharField(_("title"), max_length=120)
    title_es = models.CharField(
        _("title in Spanish"),
        max_length=120,
        blank=True,
        help_text=_(
            "Shown to people who read Village in Spanish. Leave it empty to show the title."
        ),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def shown_title(self) -> str:
        """The title in the reader's language: Spanish readers get the Spanish title when
        there is one."""
        spanish = (get_language() or "").split("-")[0] == "es"
        return self.title_es if self.title_es and spanish else self.title


class FormKey(models.Model):
    """A form that was sent, by its one-time key, and what it made: the same form sent
    again (a double tap, a resent page) gets that record back instead of a second one
    (core.once, docs/decisions/0023). Kept for KEYS_KEPT_DAYS."""

    key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    #: "app_label.model:pk" of the record the form made.
    record = models.CharField(max_length=120, blank=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.record or self.key
