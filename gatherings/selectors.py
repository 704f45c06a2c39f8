"""Reading gatherings and replies. Lists and the organizer's pages run a fixed number of
queries whatever the number of replies."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Max, Q, Sum
from django.http import Http404
from django.utils import timezone

from core.roles import is_casework
from core.urls_safety import looks_like_secret
from gatherings.models import (
    REGISTERED,
    Gathering,
    Interpretation,
    Registration,
    Resource,
    ResourceKind,
    Status,
)

#: The team looks back this far on its list of gatherings.
TEAM_LOOKS_BACK = timedelta(days=90)
#: A person's replies shown on a page, the soonest: the rest are on their calendar.
REPLIES_SHOWN = 10


def with_counts(gatherings):
    """Each gathering with `taken` (adults with a place) and `waiting` (replies waiting)."""
    return gatherings.annotate(
        taken=Sum("registrations__adults", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )


def gathering_list(user, *, past: bool = False):
    """The listing: gatherings not yet over (cancelled ones stay, marked, so nobody
    travels to them); unlisted ones only for people signed in. The team can also look
    back ninety days with `past`."""
    now = timezone.now()
    found = Gathering.objects.all()
    if not user.is_authenticated:
        found = found.filter(listed=True)
    if past and is_casework(user):
        found = found.filter(starts_at__lt=now, starts_at__gte=now - TEAM_LOOKS_BACK)
        found = found.order_by("-starts_at", "-pk")
    else:
        # Named again: a query that counts (with_counts) does not take Meta.ordering.
        found = found.filter(starts_at__gte=now - timedelta(hours=3)).order_by("starts_at", "pk")
    return with_counts(found)


def gathering_for(user, gathering_id) -> Gathering:
    """A listed gathering is anyone's; an unlisted one is for people who sign in to the
    program (a training for the program's parents) and nobody else."""
    try:
        found = with_counts(Gathering.objects.filter(pk=int(gathering_id))).get()
    except (Gathering.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if found.listed or user.is_authenticated:
        return found
    raise Http404


def team_gathering_for(user, gathering_id) -> Gathering:
    if not is_casework(user):
        raise Http404
    return gathering_for(user, gathering_id)


def reply_of(user, gathering: Gathering) -> Registration | None:
    """The signed-in person's own reply to this gathering, if they have one."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(gathering=gathering, user=user).first()


def upcoming_replies(user):
    """The person's places and wait-lists at gatherings still to come."""
    return (
        Registration.objects.filter(
            user=user,
            status__in=REGISTERED,
            gathering__starts_at__gte=timezone.now(),
            gathering__cancelled_at__isnull=True,
        )
        .select_related("gathering")
        .order_by("gathering__starts_at", "gathering__pk")
    )


def places_of(user):
    """The gatherings a person has a place at, from a month back on (cancelled ones too,
    so a calendar that holds them learns they are off): for their private feed."""
    return Gathering.objects.filter(
        registrations__user=user,
        registrations__status=Status.CONFIRMED,
        starts_at__gte=timezone.now() - timedelta(days=31),
    )


#: Childcare is planned in these groups; an age belongs to the first that holds it.
AGE_GROUPS = (
    ("0-2", 0, 2),
    ("3-5", 3, 5),
    ("6-12", 6, 12),
    ("13-17", 13, 17),
)


@dataclass
class Headcount:
    adults: int = 0
    replies: int = 0
    waiting_adults: int = 0
    waiting: int = 0
    checked_in: int = 0
    walk_ins: int = 0
    children: int = 0
    by_age: dict = field(default_factory=dict)
    interpretation: list = field(default_factory=list)
    dietary: list = field(default_factory=list)


def headcount(registrations) -> Headcount:
    """The organizer's numbers from a list of replies, in Python: one query for them all.
    Childcare and food are planned for those with a place; the wait-list is counted apart."""
    count = Headcount(by_age={label: 0 for label, _low, _high in AGE_GROUPS})
    languages = Counter()
    for reply in registrations:
        if reply.checked_in_at is not None:
            count.checked_in += reply.adults
        if reply.status == Status.WAITING:
            count.waiting += 1
            count.waiting_adults += reply.adults
            continue
        if reply.status != Status.CONFIRMED:
            continue
        count.replies += 1
        count.adults += reply.adults
        count.walk_ins += reply.walk_in
        for age in reply.children_ages:
            count.children += 1
            for label, low, high in AGE_GROUPS:
                if low <= age <= high:
                    count.by_age[label] += 1
                    break
        if reply.interpretation:
            languages[reply.interpretation] += reply.adults
        if reply.dietary:
            count.dietary.append((reply.name, reply.dietary))
    labels = dict(Interpretation.choices)
    count.interpretation = [(labels[code], n) for code, n in languages.most_common()]
    return count


def for_headcount(gathering: Gathering):
    """Every reply, with only what the headcount reads."""
    return Registration.objects.filter(gathering=gathering).only(
        "name",
        "status",
        "adults",
        "children_ages",
        "dietary",
        "interpretation",
        "walk_in",
        "checked_in_at",
    )


def replies_to(gathering: Gathering, *, search: str = ""):
    """Everyone who replied, in the order they did; `search` matches a name."""
    found = Registration.objects.filter(gathering=gathering).select_related("user")
    search = search.replace("\x00", "").strip()
    if search:
        found = found.filter(name__icontains=search)
    return found


def arrivals(gathering: Gathering, *, search: str = ""):
    """The door's list: those with a place or waiting, checked in or not, by name."""
    return (
        replies_to(gathering, search=search)
        .filter(Q(status__in=REGISTERED) | Q(checked_in_at__isnull=False))
        .order_by("name", "pk")
    )


def who_comes(*, since_days: int = 365) -> list[dict]:
    """Who came to gatherings in the last year, most often first: one row a person with
    an account, and one a name for guests. Two queries whatever the number of visits."""
    came = Registration.objects.filter(
        checked_in_at__gte=timezone.now() - timedelta(days=since_days)
    )
    tally = {"times": Count("pk"), "last": Max("checked_in_at")}
    rows = [
        {
            "name": " ".join(
                part
                for part in (
                    row["user__person__preferred_name"] or row["user__person__first_name"],
                    row["user__person__last_name"],
                )
                if part
            )
            or row["user__email"],
            "guest": False,
            **{key: row[key] for key in tally},
        }
        for row in came.filter(user__isnull=False)
        .values(
            "user",
            "user__email",
            "user__person__first_name",
            "user__person__preferred_name",
            "user__person__last_name",
        )
        .annotate(**tally)
    ]
    rows += [
        {"name": row["name"], "guest": True, "times": row["times"], "last": row["last"]}
        for row in came.filter(user__isnull=True).values("name").annotate(**tally)
    ]
    return sorted(rows, key=lambda row: (-row["times"], -row["last"].timestamp()))


def adults_here(gathering: Gathering) -> int:
    return (
        Registration.objects.filter(gathering=gathering, checked_in_at__isnull=False).aggregate(
            total=Sum("adults")
        )["total"]
        or 0
    )


def resources_of(gathering: Gathering):
    return gathering.resources.select_related("service", "shared_by__person")


def resources_for(registration: Registration):
    """What was shared after the event, for someone who came; nothing for anyone else."""
    if not came(registration):
        return []
    return list(registration.gathering.resources.select_related("service"))


def came(registration: Registration) -> bool:
    """Checked in with a place: who handouts and links shared afterwards are for."""
    return registration.checked_in_at is not None and registration.status == Status.CONFIRMED


def feed_gatherings():
    """The public feed: listed gatherings from a month back on (cancelled ones stay, so
    calendars that hold them learn they are cancelled)."""
    return Gathering.objects.filter(listed=True, starts_at__gte=timezone.now() - timedelta(days=31))


def reply_by_secret(user, secret: str) -> Registration:
    """A reply opened from the link in its confirmation: the secret is the only key, so
    whoever holds it may, signed in or not."""
    if not looks_like_secret(secret):
        raise Http404  # before the database: PostgreSQL fails on a NUL byte in text
    found = Registration.objects.select_related("gathering").filter(secret=secret).first()
    if found is None:
        raise Http404
    return found


def shared_handout(registration: Registration, resource_id) -> Resource:
    """A handout file shared after the event, for someone who came with this reply."""
    if not came(registration):
        raise Http404
    try:
        return Resource.objects.get(
            pk=resource_id, gathering=registration.gathering_id, kind=ResourceKind.FILE
        )
    except Resource.DoesNotExist:
        raise Http404 from None


def handout_for(user, resource_id) -> Resource:
    """A handout file, for the team that shares them."""
    if not is_casework(user):
        raise Http404
    try:
        return Resource.objects.get(pk=resource_id, kind=ResourceKind.FILE)
    except Resource.DoesNotExist:
        raise Http404 from None


def reply_at_door(gathering: Gathering, reply_id: str) -> Registration:
    """The reply a tap at the door names, among this gathering's; anything else is 404."""
    if not re.fullmatch(r"[0-9]{1,12}", reply_id):
        raise Http404
    try:
        return Registration.objects.get(pk=reply_id, gathering=gathering)
    except Registration.DoesNotExist:
        raise Http404 from None
