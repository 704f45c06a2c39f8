"""A life book for each child: what the two homes and the coach chose from the journal to
keep, and whether each home has seen the choice (decision 0036).

The book holds only pointers and marks: the words, photos, profile and dates it prints are
read from the apps that own them each time it is drawn, so it never keeps a copy that
could outlive what its owners changed or took back."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Child
from journal.models import Post
from partnerships.models import Partnership

#: A book is a keepsake, not an archive: beyond this it would not print as one.
MAX_PICKS = 60
#: The version counter only grows with changes, each bounded by the picks' limit.
MAX_VERSION = 1_000_000


class Side(models.TextChoices):
    BIRTH = "birth", _("The birth family")
    PARTNER = "partner", _("The partner home")
    COACH = "coach", _("The coach")


class PartnerCopy(models.TextChoices):
    """The birth parent's answer, after the offer, to the partner home keeping a copy."""

    UNANSWERED = "", _("Not answered yet")
    YES = "yes", _("Yes, they may keep a copy")
    NO = "no", _("No, the book stays with us")


class Book(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Grows with every change to the choice; each home's mark says which version it saw.
    version = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(MAX_VERSION)])
    birth_seen = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(MAX_VERSION)])
    partner_seen = models.PositiveIntegerField(
        default=0, validators=[MaxValueValidator(MAX_VERSION)]
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    #: At reunification the coach offers the book to the birth family.
    offered_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    partner_copy = models.CharField(
        _("may the partner home keep a copy?"),
        max_length=3,
        choices=PartnerCopy.choices,
        blank=True,
    )
    partner_copy_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "partnership"], name="one_life_book_a_child")
        ]

    def __str__(self):
        return self.child.called

    def get_absolute_url(self):
        return reverse("lifebook:book", args=[self.pk])

    def seen_by(self, side: str) -> bool:
        if side == Side.BIRTH:
            return self.birth_seen == self.version
        if side == Side.PARTNER:
            return self.partner_seen == self.version
        return True

    @property
    def seen_by_both(self) -> bool:
        return self.seen_by(Side.BIRTH) and self.seen_by(Side.PARTNER)


class Pick(models.Model):
    """One journal post chosen for the book: its words and its photos, with their
    descriptions as captions."""

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="picks")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10, choices=Side.choices)
    picked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    picked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["picked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["book", "post"], name="a_post_once_in_a_book")
        ]
