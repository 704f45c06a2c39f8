"""Reads of children's profiles, scoped to the reader and filtered by the agreement."""

from dataclasses import dataclass, field

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from aboutme.models import Author, Entry, Seen
from aboutme.topics import TOPIC_BY_CODE, TOPICS, Topic, topics_for
from agreements.selectors import Sharing
from families.models import Child
from partnerships.models import Partnership
from partnerships.selectors import exchange_partnerships, with_people


def child_profile_for(user, child_id: int) -> Child:
    """A child in a partnership the reader exchanges news in: a closed partnership no
    longer opens its children's profiles to the homes; the team keeps its view."""
    try:
        return (
            Child.objects.select_related("birth_family")
            .filter(partnerships__in=exchange_partnerships(user))
            .distinct()
            .get(pk=child_id)
        )
    except Child.DoesNotExist:
        raise Http404 from None


def partnership_of_child(user, child: Child) -> Partnership:
    """The partnership the reader shares with this child: the newest open one."""
    partnership = (
        with_people(exchange_partnerships(user).filter(children=child))
        .order_by("-created_at", "-pk")
        .first()
    )
    if partnership is None:
        raise Http404
    return partnership


@dataclass
class Answer:
    entry: Entry
    is_new: bool = False


@dataclass
class TopicView:
    topic: Topic
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Profile:
    child: Child
    topics: list[TopicView]
    news: list[tuple[str, Topic]]  # ("new" | "changed" | "removed", topic)

    @property
    def has_answers(self) -> bool:
        return any(view.answers for view in self.topics)


KINDS = {topic.code: topic.kind for topic in TOPICS}


def visible_entries(user, children, sharing: Sharing):
    return Entry.objects.filter(child__in=children).filter(sharing.words_filter(user, KINDS))


def _latest(entries, visible: Q):
    """The newest entry of each child, topic and author among `entries`, kept only when
    the reader may see it: words a home replaced or removed never show through an older
    entry the reader happens to be allowed.

    The entries are numbered newest first within each child, topic and author, in the
    order of the index `aboutme_latest`, which both databases read alone for it (no sort,
    no table); only the first of each is then read whole. A MAX(id) … GROUP BY read the
    same index, but PostgreSQL, expecting thousands of groups, then scanned every child's
    entries to join them."""
    newest = (
        entries.annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("child"), F("topic"), F("author")],
                order_by=F("pk").desc(),
            )
        )
        .filter(place=1)
        .values("pk")
    )
    return Entry.objects.filter(pk__in=newest).filter(visible).select_related("written_by__person")


def profile_state(user, child: Child) -> tuple[int, bool]:
    """The newest entry on the child's profile, and whether someone else wrote on it
    since the reader last opened it. With nothing new, the page reads the same whenever
    that was (a first look shows nothing as new). Indexed lookups."""
    entries = Entry.objects.filter(child=child)
    newest = entries.order_by("-written_at").values_list("pk", flat=True).first() or 0
    last_seen = Seen.objects.filter(user=user, child=child).values_list("seen_at", flat=True)
    last_seen = last_seen.first()
    if last_seen is None:
        return newest, False
    since = entries.filter(written_at__gt=last_seen).exclude(written_by=user)
    return newest, since.exists()


def profiles(user, children, sharing: Sharing, *, today=None, news: bool = False) -> list[Profile]:
    """Each child's profile as `user` may read it: the current words of each home on each
    topic and, with `news`, what changed since the reader last looked. A fixed number of
    queries whatever the number of children and however long the history."""
    today = today or timezone.localdate()
    children = list(children)
    every = Entry.objects.filter(child__in=children)
    visible = sharing.words_filter(user, KINDS)
    current: dict[int, dict[tuple[str, str], Entry]] = {child.pk: {} for child in children}
    for entry in _latest(every, visible):
        current[entry.child_id][(entry.topic, entry.author)] = entry
    seen = {}
    before: dict[int, dict[tuple[str, str], str]] = {child.pk: {} for child in children}
    if news:
        seen = dict(
            Seen.objects.filter(user=user, child__in=children).values_list("child_id", "seen_at")
        )
        for child_id, last_seen in seen.items():
            older = every.filter(child_id=child_id, written_at__lte=last_seen)
            for entry in _latest(older, visible):
                before[child_id][(entry.topic, entry.author)] = entry.text
    result = []
    for child in children:
        last_seen = seen.get(child.pk)
        changes: dict[str, str] = {}
        for (code, author), entry in current[child.pk].items():
            if not _is_new(entry, user, last_seen):
                continue
            earlier = before[child.pk].get((code, author), "")
            kind = "removed" if not entry.text else "changed" if earlier else "new"
            if kind == "new" or code not in changes:
                changes[code] = kind
        views = []
        for topic in topics_for(child, today):
            answers = [
                Answer(entry=entry, is_new=_is_new(entry, user, last_seen))
                for entry in (current[child.pk].get((topic.code, a)) for a in Author.values)
                if entry is not None and entry.text
            ]
            views.append(TopicView(topic=topic, answers=answers))
        result.append(
            Profile(
                child=child,
                topics=views,
                news=[
                    (kind, TOPIC_BY_CODE[code])
                    for code, kind in sorted(changes.items(), key=lambda c: _order(c[0]))
                ],
            )
        )
    return result


def _order(code: str) -> int:
    return [topic.code for topic in TOPICS].index(code)


def history_of(user, child: Child, sharing: Sharing):
    """Every change the reader may see, newest first: for paginating."""
    return (
        visible_entries(user, [child], sharing)
        .select_related("written_by__person")
        .order_by("-written_at", "-pk")
    )


def _is_new(entry: Entry, user, last_seen) -> bool:
    return last_seen is not None and entry.written_at > last_seen and entry.written_by_id != user.pk


def current_texts(child: Child, author: str, writers=None) -> dict[str, str]:
    """One home's current words on each topic: what its edit form starts from. `writers`
    limits them to the home as it is now (a child's earlier foster home is not it)."""
    texts: dict[str, str] = {}
    entries = Entry.objects.filter(child=child, author=author)
    if writers is not None:
        entries = entries.filter(written_by__in=writers)
    for topic, text in entries.order_by("written_at", "pk").values_list("topic", "text"):
        texts[topic] = text
    return texts
