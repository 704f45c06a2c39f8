"""The shared journal between the two homes: posts about the children, with photos,
reactions and replies, optionally reviewed by the coach before the other home sees them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Child
from partnerships.models import Partnership
from voice.models import Recording


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting for the coach")
    PUBLISHED = "published", _("Shared")
    RETURNED = "returned", _("Returned by the coach")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Post(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="posts")
    #: A reply belongs to the post it answers and goes through the same review.
    reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: "birth", "partner" or "coach": which side wrote it, when it was written.
    side = models.CharField(max_length=10)
    text = models.TextField(_("what happened"), max_length=4000, blank=True)
    children = models.ManyToManyField(
        Child, related_name="posts", blank=True, verbose_name=_("about")
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    return_reason = models.CharField(_("why it was returned"), max_length=500, blank=True)
    #: A voice note, for a parent who would rather speak than write. Heard by whoever
    #: may read the post (journal.apps registers the rule with voice.hearing).
    recording = models.OneToOneField(
        Recording, on_delete=models.SET_NULL, null=True, blank=True, related_name="post"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["partnership", "status", "-created_at"], name="journal_feed"),
            # The feed's page, newest first, read in order and stopped at the page's end:
            # the journal shows posts of every state but withdrawn, which the index above,
            # by state first, cannot give in date order (a busy journal's thousands of
            # posts were sorted on every page).
            models.Index(fields=["partnership", "created_at"], name="journal_by_date"),
            # Whether anything was shared since a person's mark (selectors.journals_with_
            # unread), which every page asks: a seek to the mark, not every post read.
            models.Index(fields=["partnership", "published_at"], name="journal_unread"),
            # The posts waiting for review, found by their state: a director's count
            # otherwise looks into every partnership's posts for the few that wait.
            models.Index(fields=["status", "partnership"], name="journal_waiting"),
        ]

    def get_absolute_url(self):
        return reverse("journal:post", args=[self.reply_to_id or self.pk])


def photo_path(photo, filename):
    # Random names, outside any public URL: a photo is served only through a view
    # that checks who is asking.
    return f"journal/{photo.post.partnership_id}/{filename}"


class Photo(models.Model):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="photos")
    large = models.FileField(upload_to=photo_path)
    small = models.FileField(upload_to=photo_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    description = models.CharField(
        _("describe the photo"),
        max_length=200,
        blank=True,
        help_text=_("For people who cannot see it. For example: two children making cards."),
    )

    class Meta:
        ordering = ["pk"]


class ReactionKind(models.TextChoices):
    HEART = "heart", _("Love")
    THANKS = "thanks", _("Thank you")
    SMILE = "smile", _("Smile")


EMOJI = {"heart": "❤️", "thanks": "🙏", "smile": "😊"}


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="react_once_per_kind")
        ]


class ReviewSetting(models.Model):
    """A partnership whose posts no longer wait for the coach. No row means they do:
    review is the default for every new partnership."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="journal_review"
    )
    posts_wait_for_review = models.BooleanField(default=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)


class Revision(models.Model):
    """The words a post had before its author changed them, kept for the coach: the page
    shows the newest words, the program keeps what was said."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["replaced_at", "pk"]


class ReadMark(models.Model):
    """Up to when a person has read a partnership's journal: what others shared later is
    unread for them. One row a person a journal (decision 0037), not one a post."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="one_journal_mark_each")
        ]
