from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aboutme.topics import TOPIC_CHOICES
from accounts.models import Language
from families.models import Child


class Author(models.TextChoices):
    BIRTH = "birth", _("Birth family")
    PARTNER = "partner", _("Partner home")
    COACH = "coach", _("Coach")


class Entry(models.Model):
    """One home's words on one topic of a child's profile, as written at one moment.

    Entries are never changed: an edit adds a new one, so the history is the table itself.
    The current answer for a topic and author is the newest; empty text means removed."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="about_me_entries")
    topic = models.CharField(max_length=20, choices=TOPIC_CHOICES)
    author = models.CharField(max_length=10, choices=Author.choices)
    text = models.TextField(blank=True, max_length=2000)
    language = models.CharField(max_length=5, choices=Language.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["written_at", "pk"]
        indexes = [
            models.Index(fields=["child", "written_at"], name="aboutme_child_by_time"),
            # The current words: the newest entry of each child, topic and author
            # (aboutme.selectors._latest), and as they stood when the reader last looked,
            # hence the time, so both read the index alone.
            models.Index(
                fields=["child", "topic", "author", "-id", "written_at"], name="aboutme_latest"
            ),
        ]


class Seen(models.Model):
    """When a reader last opened a child's profile, so the page can say what is new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "child"], name="aboutme_seen_once")]
