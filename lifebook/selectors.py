"""Reads for the life book, scoped to the person asking.

The book is made of other capabilities' records, read here and never written: journal
posts both homes may read, the All About Me profile then and now, and the milestones of
the calendar, the road home and the partnership's stages. What goes in is what BOTH homes
may read under the agreement, whoever prints it, so the book never carries one home's
words or details to the other (decision 0036)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aboutme.models import Author, Entry
from aboutme.selectors import KINDS
from aboutme.topics import TOPIC_BY_CODE, topics_for
from agreements.models import Side as HomeSide
from agreements.selectors import Sharing, sharing_for
from core.roles import is_casework
from families.models import Child
from journal.models import Photo, Post, Status
from journal.selectors import visible_posts
from lifebook.models import Book, PartnerCopy, Pick, Side
from partnerships.models import Partnership, Stage, StageChange
from partnerships.selectors import exchange_partnerships, with_people
from schedule.models import Attendance, Kind, Outcome
from transition.models import Step, StepKind

#: The shared posts offered for choosing, newest first: enough for a year of news.
CHOOSABLE = 100
#: From the day home, the book is the birth family's (decision 0036).
HOME_STAGES = (Stage.POST_REUNIFICATION, Stage.CLOSED)


def child_for(user, child_id: int) -> Child:
    """A child of a partnership the person exchanges news in; 404 otherwise."""
    child = (
        Child.objects.filter(partnerships__in=exchange_partnerships(user))
        .distinct()
        .filter(pk=child_id)
        .first()
    )
    if child is None:
        raise Http404
    return child


@dataclass
class Shelf:
    """One child's book as one person reaches it: the partnership they share with the
    child, its agreement, the book (None until something is chosen or seen) and the
    reader's side ("coach" for the team)."""

    child: Child
    partnership: Partnership
    sharing: Sharing
    book: Book | None
    side: str

    @property
    def is_home(self) -> bool:
        return self.side in (Side.BIRTH, Side.PARTNER)

    @property
    def after_the_day_home(self) -> bool:
        return self.partnership.stage in HOME_STAGES

    @property
    def version(self) -> int:
        return self.book.version if self.book else 0

    def seen_by(self, side: str) -> bool:
        return self.book is None or self.book.seen_by(side)

    @property
    def offered(self) -> bool:
        return self.book is not None and self.book.offered_at is not None

    @property
    def frozen(self) -> bool:
        """Once offered to the family, the choice is the family's book: it no longer
        changes, so what was offered is what is kept."""
        return self.offered or self.partnership.stage == Stage.CLOSED


def shelf_of(user, child: Child) -> Shelf:
    partnership = (
        with_people(exchange_partnerships(user).filter(children=child))
        .order_by("-created_at", "-pk")
        .first()
    )
    if partnership is None:
        raise Http404
    sharing = sharing_for(partnership)
    book = Book.objects.filter(child=child, partnership=partnership).first()
    return Shelf(
        child=child,
        partnership=partnership,
        sharing=sharing,
        book=book,
        side=sharing.side_of_user(user) or Side.COACH,
    )


def may_print(shelf: Shelf, user) -> tuple[bool, str]:
    """Whether this person may draw the book now and, if not, why, in words."""
    if is_casework(user):
        return True, ""
    other = HomeSide.PARTNER if shelf.side == Side.BIRTH else HomeSide.BIRTH
    if shelf.after_the_day_home:
        if shelf.side == Side.PARTNER:
            if shelf.offered and shelf.book.partner_copy == PartnerCopy.YES:
                return True, ""
            return False, _(
                "The children are home: the life book is their family's now. Your coach "
                "offers it to them, and you keep a copy if they agree."
            )
        if shelf.offered:
            return True, ""
        # Before the offer, the birth family prints as both homes did before.
    if not shelf.seen_by(shelf.side):
        return False, _("Look through the choices and say they look good before printing.")
    if not shelf.seen_by(other):
        names = [p.first_name for p in shelf.sharing.other_side_visible(user)]
        if names:
            return False, _("Waiting for %(names)s to see the choices.") % {
                "names": get_text_list(names, _("and"))
            }
        return False, _("Waiting for the other home to see the choices.")
    return True, ""


# --- what both homes may read ---------------------------------------------------------


def _readers(sharing: Sharing) -> list:
    """Every parent with an account, of both homes: the book is what all of them may
    read. None when a home has no one who signs in, so nothing can be checked for it."""
    readers = []
    for side in HomeSide.values:
        users = [p.user for p in sharing.parents(side) if p.user_id]
        if not users:
            return []
        readers += users
    return readers


def choosable_posts(shelf: Shelf):
    """The shared posts about the child that every parent of both homes may read: the
    only posts a book may hold. Replies, waiting and withdrawn posts never are."""
    readers = _readers(shelf.sharing)
    if not readers:
        return Post.objects.none()
    posts = Post.objects.filter(
        partnership=shelf.partnership,
        reply_to__isnull=True,
        status=Status.PUBLISHED,
        children=shelf.child,
    )
    for reader in readers:
        posts = posts.filter(visible_posts(reader, shelf.sharing))
    return posts


def _with_photos(posts):
    return posts.select_related("author__person").prefetch_related(
        Prefetch("photos", queryset=Photo.objects.order_by("pk"))
    )


def photos_shown(shelf: Shelf, post: Post) -> list[Photo]:
    """The post's photos, when every parent of both homes may see them."""
    author = getattr(post.author, "person", None)
    readers = _readers(shelf.sharing)
    if not readers or not all(
        shelf.sharing.shows_photos(reader, author=author, side=post.side) for reader in readers
    ):
        return []
    return list(post.photos.all())


@dataclass
class Chosen:
    post: Post
    photos: list[Photo]
    pick: Pick | None = None


def picks_of(shelf: Shelf) -> list[Chosen]:
    """The book's picks that are still choosable, oldest post first, with who chose each:
    a post withdrawn or no longer shared leaves the book by itself."""
    if shelf.book is None:
        return []
    allowed = choosable_posts(shelf).values("pk")
    picks = (
        Pick.objects.filter(book=shelf.book, post__in=allowed)
        .select_related("picked_by__person")
        .prefetch_related(
            Prefetch("post", queryset=_with_photos(Post.objects.all())),
        )
        .order_by("post__published_at", "post__pk")
    )
    return [Chosen(post=p.post, photos=photos_shown(shelf, p.post), pick=p) for p in picks]


def still_to_choose(shelf: Shelf, chosen: list[Chosen]) -> list[Chosen]:
    """The choosable posts not yet in the book, newest first, a bounded number."""
    taken = [c.post.pk for c in chosen]
    posts = _with_photos(choosable_posts(shelf).exclude(pk__in=taken)).order_by(
        "-published_at", "-pk"
    )[:CHOOSABLE]
    return [Chosen(post=post, photos=photos_shown(shelf, post)) for post in posts]


# --- All About Me, then and now ---------------------------------------------------------


@dataclass
class ThenAndNow:
    label: str
    then: Entry | None
    now: list[Entry] = field(default_factory=list)


def about_me_then_and_now(shelf: Shelf, today: date) -> list[ThenAndNow]:
    """For each topic of the child's profile: the first words written on it and the words
    as they are now, of what every parent of both homes may read. A topic written once
    shows its words once, as now."""
    readers = _readers(shelf.sharing)
    if not readers:
        return []
    visible = Q()
    for reader in readers:
        visible &= shelf.sharing.words_filter(reader, KINDS)
    every = Entry.objects.filter(child=shelf.child)
    newest = every.values("topic", "author").annotate(last=Max("pk")).values("last")
    current = {}
    for entry in Entry.objects.filter(pk__in=newest).filter(visible).exclude(text=""):
        current.setdefault(entry.topic, {})[entry.author] = entry
    first = {}
    for entry in every.filter(visible).exclude(text="").order_by("written_at", "pk"):
        first.setdefault(entry.topic, entry)
    shown = []
    for topic in topics_for(shelf.child, today):
        now = [current[topic.code][a] for a in Author.values if a in current.get(topic.code, {})]
        if not now:
            continue
        then = first.get(topic.code)
        if then is not None and any(then.pk == entry.pk for entry in now):
            then = None
        shown.append(ThenAndNow(label=str(TOPIC_BY_CODE[topic.code].label), then=then, now=now))
    return shown


# --- milestones -------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    on: date
    label: str


STEP_MILESTONES = {
    StepKind.LONGER: gettext_lazy("The first longer visit"),
    StepKind.OVERNIGHT: gettext_lazy("The first overnight at home"),
    StepKind.TRIAL: gettext_lazy("The first trial home visit"),
    StepKind.MOVE: gettext_lazy("The move home"),
}


def milestones(shelf: Shelf) -> list[Milestone]:
    """The days that mark the road home, in order: the first family time without
    supervision the team recorded as happening, the first step of each kind done on the
    transition plan, and the day the children came home. Three queries."""
    found = []
    unsupervised = (
        Attendance.objects.filter(
            event__partnership=shelf.partnership,
            event__kind=Kind.VISIT,
            event__supervised=False,
            outcome=Outcome.ATTENDED,
        )
        .order_by("occurrence")
        .values_list("occurrence", flat=True)
        .first()
    )
    if unsupervised is not None:
        found.append(
            Milestone(
                on=timezone.localdate(unsupervised),
                label=_("The first family time without supervision"),
            )
        )
    firsts: dict[str, date] = {}
    for kind, done_on in (
        Step.objects.filter(
            plan__partnership=shelf.partnership,
            kind__in=list(STEP_MILESTONES),
            done_on__isnull=False,
        )
        .order_by("done_on", "pk")
        .values_list("kind", "done_on")
    ):
        firsts.setdefault(kind, done_on)
    found += [Milestone(on=day, label=str(STEP_MILESTONES[kind])) for kind, day in firsts.items()]
    home = (
        StageChange.objects.filter(partnership=shelf.partnership, stage=Stage.POST_REUNIFICATION)
        .order_by("changed_on", "pk")
        .values_list("changed_on", flat=True)
        .first()
    )
    if home is not None:
        found.append(Milestone(on=home, label=_("The day home")))
    return sorted(found, key=lambda m: m.on)


def family_language(shelf: Shelf) -> str:
    """The birth family's language: its first parent with an account's."""
    for person in shelf.sharing.parents(HomeSide.BIRTH):
        if person.user_id:
            return person.user.language
    return "en"
