"""Private conversations: a parent and their coach, and the two homes of a partnership
when the agreement allows. Messages stay in Village: nobody's phone or e-mail is needed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership
from voice.models import Recording


class Kind(models.TextChoices):
    COACH = "coach", _("With the coach")
    HOMES = "homes", _("Between the two homes")


class Conversation(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="conversations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    #: For a conversation with the coach: the parent it is with.
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "parent"],
                condition=Q(kind="coach"),
                name="one_coach_conversation_per_parent",
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(kind="homes"),
                name="one_conversation_between_the_homes",
            ),
            models.CheckConstraint(
                condition=Q(kind="coach", parent__isnull=False)
                | Q(kind="homes", parent__isnull=True),
                name="coach_conversations_have_a_parent",
            ),
        ]

    def get_absolute_url(self):
        return reverse("conversations:thread", args=[self.pk])


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"), max_length=2000, blank=True)
    #: A voice note instead of (or beside) words.
    recording = models.OneToOneField(
        Recording, on_delete=models.SET_NULL, null=True, blank=True, related_name="message"
    )
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["sent_at", "pk"]


class ReadMark(models.Model):
    """When a person last opened a conversation: messages from others sent after it are
    unread for them."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_marks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_read_mark_each")
        ]
