"""Reads of the journal, scoped to the reader and filtered by the partnership agreement."""

from functools import reduce
from operator import or_

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from agreements.selectors import Sharing, sharing_for
from families.models import Child
from journal.models import Photo, Post, Reaction, ReadMark, ReviewSetting, Status
from partnerships.models import Partnership
from partnerships.selectors import exchange_partnerships, partnerships_visible_to, with_people

FEED_PAGE = 10


def posts_wait_for_review(partnership: Partnership) -> bool:
    return not ReviewSetting.objects.filter(
        partnership_id=partnership.pk, posts_wait_for_review=False
    ).exists()


def visible_posts(user, sharing: Sharing) -> Q:
    """Which posts of the partnership the reader sees: their own in any state but
    withdrawn, and everyone else's once shared and as the agreement allows. Staff see
    everything that is not withdrawn."""
    alive = ~Q(status=Status.WITHDRAWN)
    if sharing.side_of_user(user) is None:
        return alive
    shared = Q(status=Status.PUBLISHED) & sharing.words_filter(
        user, side_field="side", writer_field="author"
    )
    return alive & (Q(author=user) | shared)


def _posts(user, sharing: Sharing):
    visible = visible_posts(user, sharing)
    return (
        Post.objects.filter(partnership=sharing.partnership)
        .filter(visible)
        .select_related("author__person", "recording")
        .prefetch_related(
            "photos",
            Prefetch("children", queryset=Child.objects.order_by("birth_date", "pk")),
            # The partnership named again: without it SQLite, unsure of its statistics,
            # read every post of the author's and every shared one for a page's replies.
            Prefetch(
                "replies",
                queryset=Post.objects.filter(visible, partnership=sharing.partnership)
                .select_related("author__person")
                .order_by("created_at", "pk"),
            ),
            Prefetch("reactions", queryset=Reaction.objects.order_by("pk")),
        )
    )


def feed(user, sharing: Sharing) -> QuerySet[Post]:
    """Top-level posts, newest first, for paging: a fixed number of queries a page."""
    return _posts(user, sharing).filter(reply_to__isnull=True).order_by("-created_at", "-pk")


def newest_shared(partnership: Partnership):
    """When the newest post or reply in this journal was shared, whoever may read it:
    opening the journal marks it read up to there (journal.services.journal_read). Up
    to the newest the reader sees, what they may not read stayed "new" to them for good,
    and every count of what is new (home/unread.py) had to read the agreement and every
    such post again: for the busiest journal's birth parent, 2,000 replies of the other
    home's before its agreement was acknowledged, 20–30 ms on each page after a post.
    A post shared before the reader opened the journal and shown to them only later
    (the agreement acknowledged since) is not counted as new."""
    return (
        Post.objects.filter(partnership=partnership, published_at__isnull=False)
        .exclude(status=Status.WITHDRAWN)
        .order_by("-published_at")  # from the end of journal_unread, its first row
        .values_list("published_at", flat=True)
        .first()
    )


def unread_candidates(user) -> QuerySet[Post]:
    """Posts and replies others shared in the person's journals since they last opened
    each: more than they may read (the agreement is not applied yet), for a cheap first
    look at whether there is anything new at all."""
    read_at = ReadMark.objects.filter(partnership=OuterRef("partnership"), user=user)
    return (
        Post.objects.filter(partnership__in=exchange_partnerships(user), published_at__isnull=False)
        .exclude(author=user)
        .annotate(read_at=Subquery(read_at.values("read_at")[:1]))
        .filter(Q(read_at__isnull=True) | Q(published_at__gt=F("read_at")))
    )


def journals_with_unread(user) -> QuerySet[Partnership]:
    """The person's journals holding something of `unread_candidates`: the same posts,
    asked journal by journal, so each journal looks only at posts published after its
    mark, through the index of a journal's posts by publication (journal_unread), rather
    than reading every post of every journal with its mark beside it. Every page asks
    this (home/unread.py); at a state's size the other way cost a coach 7 ms a page."""
    read_at = ReadMark.objects.filter(partnership=OuterRef("pk"), user=user).values("read_at")
    theirs = Post.objects.filter(partnership=OuterRef("pk"), published_at__isnull=False).exclude(
        author=user
    )
    return (
        exchange_partnerships(user)
        .annotate(read_at=Subquery(read_at[:1]))
        .filter(
            (Q(read_at__isnull=True) & Q(Exists(theirs)))
            | Q(Exists(theirs.filter(published_at__gt=OuterRef("read_at"))))
        )
    )


def unread_posts(user, sharing: dict[int, Sharing]) -> int:
    """How many posts and replies in the person's journals are new to them and theirs to
    read: the same posts the feed shows them (`visible_posts`). One query, whatever the
    journals and posts. `sharing` holds the person's exchange partnerships."""
    if not sharing:
        return 0
    visible = reduce(
        or_, (Q(partnership_id=pk) & visible_posts(user, rules) for pk, rules in sharing.items())
    )
    return unread_candidates(user).filter(visible).count()


def post_for(user, post_id: int) -> Post:
    """One post (never a reply: replies live on their post's page) the reader may see."""
    post = (
        Post.objects.filter(pk=post_id, reply_to__isnull=True)
        .filter(partnership__in=exchange_partnerships(user))
        .only("pk", "partnership_id")
        .first()
    )
    if post is None:
        raise Http404
    partnership = with_people(Partnership.objects.all()).get(pk=post.partnership_id)
    sharing = sharing_for(partnership)
    found = _posts(user, sharing).prefetch_related("revisions").filter(pk=post_id).first()
    if found is None:
        raise Http404
    found.sharing = sharing
    return found


def own_post_for(user, post_id: int) -> Post:
    """A post or reply the reader wrote and may still change."""
    try:
        return (
            Post.objects.select_related("partnership")
            .filter(partnership__in=exchange_partnerships(user))
            .exclude(status=Status.WITHDRAWN)
            .get(pk=post_id, author=user)
        )
    except Post.DoesNotExist:
        raise Http404 from None


def photo_for(user, photo_id: int) -> Photo:
    """A photo the reader may see: its post is visible to them and, for the other home,
    the agreement shares photos and the author consented."""
    photo = (
        Photo.objects.filter(pk=photo_id, post__partnership__in=exchange_partnerships(user))
        .select_related("post")
        .first()
    )
    if photo is None:
        raise Http404
    partnership = with_people(Partnership.objects.all()).get(pk=photo.post.partnership_id)
    sharing = sharing_for(partnership)
    post = (
        Post.objects.filter(pk=photo.post_id)
        .filter(visible_posts(user, sharing))
        .select_related("author__person")
        .first()
    )
    if post is None or not sharing.shows_photos(
        user, author=getattr(post.author, "person", None), side=post.side
    ):
        raise Http404
    return photo


def review_queue(user) -> QuerySet[Post]:
    """Posts waiting for the coach, oldest first, in the partnerships the coach sees."""
    return (
        Post.objects.filter(status=Status.WAITING, partnership__in=partnerships_visible_to(user))
        .select_related(
            "author__person",
            "partnership__birth_family",
            "partnership__partner_home",
            "recording",
        )
        .prefetch_related("photos", "children")
        .order_by("created_at", "pk")
    )


def waiting_count(user) -> int:
    return review_queue(user).count()


def reaction_counts(post: Post) -> dict[str, int]:
    counts: dict[str, int] = {}
    for reaction in post.reactions.all():
        counts[reaction.kind] = counts.get(reaction.kind, 0) + 1
    return counts


def waiting_post_for(user, post_id: int) -> Post:
    """A post or reply waiting for review, in a partnership the coach sees."""
    post = (
        Post.objects.filter(pk=post_id, partnership__in=partnerships_visible_to(user))
        .select_related("author__person")
        .first()
    )
    if post is None:
        raise Http404
    partnership = with_people(Partnership.objects.all()).get(pk=post.partnership_id)
    post.sharing = sharing_for(partnership)
    return post
