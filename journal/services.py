"""Changes to the journal. Each is audited; the other home hears only that something new
is there, once the coach has let it through."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Side
from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from core.images import PhotoRefused, make_safe
from journal.models import Photo, Post, Reaction, ReadMark, ReviewSetting, Revision, Status
from journal.selectors import posts_wait_for_review
from notices.badges import kept_forget
from notices.delivery import notify
from partnerships.selectors import readers_of
from voice.models import Purpose
from voice.services import recording_create


def side_of(sharing: Sharing, user) -> str:
    return sharing.side_of_user(user) or "coach"


@transaction.atomic
def post_create(
    *,
    actor,
    sharing: Sharing,
    text: str,
    children=(),
    photo=None,
    description: str = "",
    voice=None,
    reply_to: Post | None = None,
) -> Post:
    """A post (or a reply) by a parent or the coach. A parent's waits for the coach when
    the partnership says so; the coach's own are shared at once."""
    partnership = sharing.partnership
    text = text.strip()
    if not text and photo is None and voice is None:
        raise ValidationError({"text": _("Write something, add a photo or record a voice note.")})
    allowed = {child.pk for child in partnership.children.all()}
    if any(child.pk not in allowed for child in children):
        raise ValidationError({"children": _("Choose children of this partnership.")})
    safe = None
    if photo is not None:
        try:
            safe = make_safe(photo)
        except PhotoRefused as refusal:
            raise ValidationError({"photo": str(refusal)}) from None
    recording = None
    if voice is not None:
        recording = recording_create(
            actor=actor, sharing=sharing, purpose=Purpose.JOURNAL, upload=voice
        )
    side = side_of(sharing, actor)
    waits = side != "coach" and posts_wait_for_review(partnership)
    post = Post.objects.create(
        partnership=partnership,
        reply_to=reply_to,
        author=actor,
        side=side,
        text=text,
        status=Status.WAITING if waits else Status.PUBLISHED,
        published_at=None if waits else timezone.now(),
        recording=recording,
    )
    post.children.set(children)
    if safe is not None:
        Photo.objects.create(
            post=post,
            large=safe.large,
            small=safe.small,
            width=safe.width,
            height=safe.height,
            description=description.strip(),
        )
    audit_entry_create(actor=actor, action=Action.CREATED, record=post, fields=_fields(post, safe))
    transaction.on_commit(lambda: _announce(post, sharing))
    return post


def _fields(post, safe):
    return (
        ["text", "children"]
        + (["photo"] if safe else [])
        + (["recording"] if post.recording_id else [])
    )


def _announce(post: Post, sharing: Sharing) -> None:
    """Waiting: the coach hears of it. Shared: everyone else who may read it."""
    path = post.get_absolute_url()
    partnership = sharing.partnership
    if post.status == Status.WAITING:
        notify(user_id=partnership.coach_id, path=_review_path())
        return
    author = getattr(post.author, "person", None)
    for side in Side.values:
        for person in sharing.parents(side):
            if person.user_id is None or person.user_id == post.author_id:
                continue
            if sharing.shows_words(person.user, author=author, side=post.side):
                notify(user_id=person.user_id, path=path, quiet=sharing.terms.get(side))


def _review_path() -> str:
    from django.urls import reverse

    return reverse("journal:review")


def post_approve(*, actor, post: Post, sharing: Sharing) -> Post:
    if post.status != Status.WAITING:
        raise ValidationError(_("This post is not waiting for review."))
    post.status = Status.PUBLISHED
    post.published_at = timezone.now()
    post.return_reason = ""
    post.save(update_fields=["status", "published_at", "return_reason"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=post, fields=["status"])
    transaction.on_commit(lambda: _announce(post, sharing))
    return post


def post_return(*, actor, post: Post, reason: str) -> Post:
    """The coach sends a post back to its author with a reason; the other home never
    sees it."""
    if post.status != Status.WAITING:
        raise ValidationError(_("This post is not waiting for review."))
    post.status = Status.RETURNED
    post.return_reason = reason.strip()
    post.save(update_fields=["status", "return_reason"])
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=post, fields=["status", "return_reason"]
    )
    transaction.on_commit(lambda: notify(user_id=post.author_id, path=post.get_absolute_url()))
    return post


def post_edit(*, actor, post: Post, text: str) -> Post:
    """The author changes their words. A changed post waits for review again where posts
    do; the earlier words leave the page but are kept for the coach (Revision)."""
    text = text.strip()
    if not text and not post.recording_id and not post.photos.exists():
        raise ValidationError({"text": _("Write something or add a photo.")})
    if text == post.text:
        return post
    Revision.objects.create(post=post, text=post.text)
    post.text = text
    fields = ["text"]
    if post.side != "coach" and posts_wait_for_review(post.partnership):
        post.status = Status.WAITING
        post.published_at = None
        fields += ["status", "published_at"]
    post.save(update_fields=fields)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=post, fields=fields)
    return post


def post_withdraw(*, actor, post: Post) -> Post:
    post.status = Status.WITHDRAWN
    post.save(update_fields=["status"])
    audit_entry_create(actor=actor, action=Action.REMOVED, record=post, fields=["status"])
    return post


@transaction.atomic
def reaction_toggle(*, actor, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. True when it is now there."""
    reaction = Reaction.objects.filter(post=post, user=actor, kind=kind).first()
    if reaction is not None:
        # Audited before the delete, while the reaction still has its id.
        audit_entry_create(actor=actor, action=Action.REMOVED, record=reaction, fields=["kind"])
        reaction.delete()
        return False
    reaction = Reaction.objects.create(post=post, user=actor, kind=kind)
    audit_entry_create(actor=actor, action=Action.CREATED, record=reaction, fields=["kind"])
    return True


def review_setting_set(*, actor, partnership, posts_wait: bool) -> None:
    """Whether the partnership's posts wait for the coach. The form to share a moment
    says so and is kept through the journal's own changes (a steady part, decision 0048):
    a change this rare makes everything kept for the partnership's readers stale."""
    ReviewSetting.objects.update_or_create(
        partnership=partnership,
        defaults={"posts_wait_for_review": posts_wait, "changed_by": actor},
    )
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=partnership, fields=["journal_review"]
    )
    # The sender too: a director or a coach covering may not be among the readers.
    kept_forget(actor.pk, *readers_of([partnership.pk]))


def journal_read(*, user, partnership, up_to: datetime | None) -> datetime | None:
    """Mark the partnership's journal read by `user` up to `up_to`, when its newest post
    was shared (selectors.newest_shared), and say up to when they had read it before (None: never).
    Opening it again with nothing new changes nothing, so the trail says nothing (as
    conversations.services.conversation_read)."""
    if up_to is None:
        return None
    mark = ReadMark.objects.filter(partnership=partnership, user=user).first()
    read_before = mark.read_at if mark is not None else None
    if read_before is not None and read_before >= up_to:
        return read_before
    # One statement whether the mark is new or moves on, and two people's pages opening at
    # once cannot make two marks.
    (written,) = ReadMark.objects.bulk_create(
        [ReadMark(partnership=partnership, user=user, read_at=up_to)],
        update_conflicts=True,
        unique_fields=["partnership", "user"],
        update_fields=["read_at"],
    )
    if mark is not None:
        mark.read_at, written = up_to, mark
    audit_entry_create(actor=user, action=Action.CHANGED, record=written, fields=["read_at"])
    kept_forget(user.pk, area="journal")
    return read_before
