"""Voice recordings: the special song in a mother's voice, comfort words, and voice notes in
the journal and in messages, for parents who would rather speak than write.

A recording is kept only as the server re-encoded it (core.audio): the file a phone sent
waits in `incoming` until the worker has made it safe, then is deleted. Each recording
belongs to one partnership; who may hear it is decided where it is used (voice.hearing).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Child
from partnerships.models import Partnership

#: A little over core.audio's five minutes: what the decoder measured, rounded up.
LONGEST_MS = 5 * 60 * 1000 + 2000


class Purpose(models.TextChoices):
    SONG = "song", _("The special song")
    COMFORT = "comfort", _("Comfort words")
    JOURNAL = "journal", _("A voice note in the journal")
    MESSAGE = "message", _("A voice note in a message")


#: Kept on a child's All About Me: each of these belongs to one child.
FOR_A_CHILD = (Purpose.SONG, Purpose.COMFORT)


class State(models.TextChoices):
    PROCESSING = "processing", _("Getting it ready")
    WAITING = "waiting", _("Waiting for the coach")
    SHARED = "shared", _("Shared")
    RETURNED = "returned", _("Returned by the coach")
    REFUSED = "refused", _("Could not be used")
    REMOVED = "removed", _("Removed")


def incoming_path(recording, filename):
    # The uploaded name is never used: a random one, outside any public URL.
    return f"voice/incoming/{filename}"


def audio_path(recording, filename):
    return f"voice/{recording.partnership_id}/{filename}"


class Recording(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="recordings"
    )
    #: For the song and comfort words: whose All About Me it is on.
    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="recordings"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: "birth", "partner" or "coach": which side recorded it, when it was recorded.
    side = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROCESSING)
    #: Why the file could not be used, in its author's language, for its author.
    refusal = models.CharField(max_length=300, blank=True)
    return_reason = models.CharField(_("why it was returned"), max_length=500, blank=True)
    incoming = models.FileField(upload_to=incoming_path, blank=True)
    audio = models.FileField(upload_to=audio_path, blank=True)
    duration_ms = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(LONGEST_MS)]
    )
    transcript = models.TextField(
        _("the words"),
        max_length=4000,
        blank=True,
        help_text=_("Optional: the words of the song or message, for anyone who cannot hear it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["child", "purpose", "state"], name="voice_child_purpose"),
            models.Index(fields=["partnership", "state"], name="voice_partnership_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=FOR_A_CHILD, child__isnull=False)
                | (~models.Q(purpose__in=FOR_A_CHILD) & models.Q(child__isnull=True)),
                name="song_and_comfort_belong_to_a_child",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("voice:recording", args=[self.pk])

    @property
    def playable(self) -> bool:
        return bool(self.audio) and self.state in (State.WAITING, State.SHARED, State.RETURNED)

    @property
    def length(self) -> str:
        """ "2:05": minutes and seconds, the way every player shows them."""
        seconds = round((self.duration_ms or 0) / 1000)
        return f"{seconds // 60}:{seconds % 60:02d}"
