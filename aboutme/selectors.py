"""Reads of children's profiles, scoped to the reader and filtered by the agreement."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from aboutme.models import Author, Entry, Seen
from aboutme.topics import TOPIC_BY_CODE, Topic, topics_for
from accounts.models import Role
from agreements.selectors import Sharing, sharing_for_many
from families.models import Child, Person
from partnerships.models import Partnership, Stage
from partnerships.selectors import partnerships_visible_to


def _profile_partnerships(user):
    """Partnerships through which `user` reads children's profiles. A closed partnership
    no longer opens its children's profiles to the homes; staff keep their view."""
    partnerships = partnerships_visible_to(user)
    if not user.has_role(Role.DIRECTOR, Role.COACH):
        partnerships = partnerships.exclude(stage=Stage.CLOSED)
    return partnerships


def child_profile_for(user, child_id: int) -> Child:
    try:
        return (
            Child.objects.select_related("birth_family")
            .filter(partnerships__in=_profile_partnerships(user))
            .distinct()
            .get(pk=child_id)
        )
    except Child.DoesNotExist:
        raise Http404 from None


def _with_people(partnerships):
    people = Person.objects.select_related("user").order_by("pk")
    return partnerships.select_related(
        "birth_family", "partner_home", "coach__person"
    ).prefetch_related(
        Prefetch("birth_family__parents", queryset=people),
        Prefetch("partner_home__parents", queryset=people),
        Prefetch("children", queryset=Child.objects.order_by("birth_date", "pk")),
    )


def partnership_of_child(user, child: Child) -> Partnership:
    """The partnership the reader shares with this child: the newest open one."""
    partnership = (
        _with_people(_profile_partnerships(user).filter(children=child))
        .order_by("-created_at", "-pk")
        .first()
    )
    if partnership is None:
        raise Http404
    return partnership


def partnership_for_print(user, partnership_id: int) -> Partnership:
    try:
        return _with_people(_profile_partnerships(user)).get(pk=partnership_id)
    except Partnership.DoesNotExist:
        raise Http404 from None


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
    history: list[Entry]

    @property
    def has_answers(self) -> bool:
        return any(view.answers for view in self.topics)


def _visible(sharing: Sharing, user, entry: Entry) -> bool:
    topic = TOPIC_BY_CODE.get(entry.topic)
    author = getattr(entry.written_by, "person", None)
    return sharing.shows_words(
        user, author=author, side=entry.author, kind=topic.kind if topic else ""
    )


def _entries(children):
    return (
        Entry.objects.filter(child__in=children)
        .select_related("written_by__person")
        .order_by("written_at", "pk")
    )


def profiles(user, children, sharing: Sharing, *, today=None) -> list[Profile]:
    """Each child's profile as `user` may read it: the current words of each home on each
    topic, what changed since the reader last looked, and the history they may see.
    Three queries whatever the number of children and entries."""
    today = today or timezone.localdate()
    children = list(children)
    seen = dict(
        Seen.objects.filter(user=user, child__in=children).values_list("child_id", "seen_at")
    )
    by_child: dict[int, list[Entry]] = {child.pk: [] for child in children}
    for entry in _entries(children):
        if _visible(sharing, user, entry):
            by_child[entry.child_id].append(entry)
    result = []
    for child in children:
        history = by_child[child.pk]
        last_seen = seen.get(child.pk)
        current: dict[tuple[str, str], Entry] = {}
        news: dict[str, str] = {}
        for entry in history:
            key = (entry.topic, entry.author)
            mine = entry.written_by_id == user.pk
            if last_seen is not None and entry.written_at > last_seen and not mine:
                if not entry.text:
                    news[entry.topic] = "removed"
                elif key in current and current[key].text:
                    news.setdefault(entry.topic, "changed")
                else:
                    news[entry.topic] = "new"
            current[key] = entry
        views = []
        for topic in topics_for(child, today):
            answers = [
                Answer(entry=entry, is_new=_is_new(entry, user, last_seen))
                for entry in (current.get((topic.code, author)) for author in Author.values)
                if entry is not None and entry.text
            ]
            views.append(TopicView(topic=topic, answers=answers))
        result.append(
            Profile(
                child=child,
                topics=views,
                news=[(kind, TOPIC_BY_CODE[code]) for code, kind in news.items()],
                history=list(reversed(history)),
            )
        )
    return result


def _is_new(entry: Entry, user, last_seen) -> bool:
    return last_seen is not None and entry.written_at > last_seen and entry.written_by_id != user.pk


def current_texts(child: Child, author: str) -> dict[str, str]:
    """One home's current words on each topic: what its edit form starts from."""
    texts: dict[str, str] = {}
    for topic, text in (
        Entry.objects.filter(child=child, author=author)
        .order_by("written_at", "pk")
        .values_list("topic", "text")
    ):
        texts[topic] = text
    return texts


def sharing_of(partnership: Partnership) -> Sharing:
    return sharing_for_many([partnership])[partnership.pk]
