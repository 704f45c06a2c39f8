"""Reads of the calendar, scoped to the person asking."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from agreements.selectors import Sharing, sharing_for
from core.roles import is_casework
from core.urls_safety import looks_like_secret
from core.zones import zone_of
from families.models import BirthFamily
from partnerships.models import Stage
from partnerships.selectors import (
    caseload_of,
    exchange_partnership_for,
    open_caseload_of,
    partnerships_visible_to,
)
from schedule import busy
from schedule.models import (
    Attendance,
    Attendees,
    Confirmation,
    Event,
    FeedToken,
    Kind,
    Outcome,
    was_missed,
)
from schedule.occurrences import Occurrence, events_between, occurrences
from schedule.rules import held_by_orders
from schedule.sources import Entry

#: How far "Coming up" looks ahead: a parent's few dates for two months; a coach's whole
#: caseload for two weeks (the week and month views go further).
AGENDA_WEEKS, TEAM_AGENDA_WEEKS = 8, 2
#: How far back the team is asked to record what happened.
RECORD_WITHIN_DAYS = 14
#: Family time missed this many times in a row shows on the coach's home page.
MISSED_IN_A_ROW = 2


def events_visible_to(user) -> QuerySet[Event]:
    """The events a person sees: the team, all of their partnerships'; a parent, those
    of their open partnerships that are for both homes or for their own. Each event
    carries `viewer_side` ("" for the team), which decides what of the place is shown."""
    if is_casework(user):
        return _team_events(partnerships_visible_to(user))
    events = Event.objects.filter(partnership__in=partnerships_visible_to(user))
    events = events.select_related("partnership__birth_family")
    in_birth = Exists(
        BirthFamily.parents.through.objects.filter(
            birthfamily=OuterRef("partnership__birth_family"), person__user=user
        )
    )
    return (
        events.exclude(partnership__stage=Stage.CLOSED)
        .annotate(viewer_side=Case(When(in_birth, then=Value("birth")), default=Value("partner")))
        .filter(Q(attendees=Attendees.BOTH) | Q(attendees=F("viewer_side")))
    )


def calendar_events(user) -> QuerySet[Event]:
    """What a person's own calendar holds. A parent's: every event they see. The team's:
    the partnerships they coach or cover today, not the whole program a director may
    look into (each partnership's page has its own dates)."""
    if is_casework(user):
        # A caseload lies within what its member sees: asked alone, the database starts
        # from the caseload's few partnerships, not from every one a director may see.
        return _team_events(caseload_of(user))
    return events_visible_to(user)


def _team_events(partnerships: QuerySet) -> QuerySet[Event]:
    """The team's events of `partnerships`, each place shown whole (`viewer_side` "")."""
    events = Event.objects.filter(partnership__in=partnerships)
    return events.select_related("partnership__birth_family").annotate(viewer_side=Value(""))


def _marked(found: list[Occurrence]) -> list[Occurrence]:
    """The occurrences with any hold a court order now puts on them."""
    held = held_by_orders(found)
    return [replace(o, held=held.get((o.event.pk, o.original), "")) for o in found]


def agenda_weeks(user) -> int:
    return TEAM_AGENDA_WEEKS if is_casework(user) else AGENDA_WEEKS


@dataclass(frozen=True)
class AroundNow:
    """A person's calendar from RECORD_WITHIN_DAYS ago to some time ahead, read once:
    the coach's Today and calendar each show a part of it that has passed (the dates to
    record) and a part to come, which separate readings would fetch and expand twice."""

    now: datetime
    found: list[Occurrence]

    def between(self, start: datetime, end: datetime) -> list[Occurrence]:
        """The dates in [start, end), which must lie within what was read: the same as
        reading those alone, since a date is in a window by when it now starts."""
        return [o for o in self.found if start <= o.starts_at < end]


def around_now(user, *, ahead: timedelta) -> AroundNow:
    now = timezone.now()
    start, end = now - timedelta(days=RECORD_WITHIN_DAYS), now + ahead
    found = occurrences(events_between(calendar_events(user), start, end), start, end)
    return AroundNow(now, found)


def agenda(user, *, weeks: int = AGENDA_WEEKS, around: AroundNow | None = None) -> list[Occurrence]:
    """What is coming in the next weeks, cancelled occurrences included and marked: from
    `around` when it was read at least that far ahead."""
    start = (around.now if around else timezone.now()) - timedelta(hours=2)
    end = start + timedelta(weeks=weeks)
    if around is not None:
        return _marked(around.between(start, end))
    return _marked(occurrences(events_between(calendar_events(user), start, end), start, end))


@dataclass
class Day:
    day: date
    occurrences: list[Occurrence] = field(default_factory=list)
    in_month: bool = True
    #: Dates other capabilities put on the calendar that day (schedule.sources).
    entries: list[Entry] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return bool(self.occurrences or self.entries)


def days(
    user, first: date, last: date, *, month: int | None = None, entries: Iterable[Entry] = ()
) -> list[Day]:
    """Each day from `first` to `last` on the reader's clock, with its occurrences and
    the sources' `entries` that fall on it."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    by_day = defaultdict(list)
    found = occurrences(events_between(calendar_events(user), start, end), start, end)
    for occurrence in _marked(found):
        by_day[timezone.localdate(occurrence.starts_at)].append(occurrence)
    entries_by_day = defaultdict(list)
    for entry in entries:
        entries_by_day[timezone.localdate(entry.starts_at)].append(entry)
    count = (last - first).days + 1
    return [
        Day(d, by_day[d], in_month=month is None or d.month == month, entries=entries_by_day[d])
        for d in (first + timedelta(days=n) for n in range(count))
    ]


def event_seen_by(user, event_id: int) -> Event:
    """An event on the person's calendar, as they may see it: the team's, in the
    partnerships they see; a parent's, in their open partnerships, for both homes or
    their own (`viewer_side` keeps the other home's address from them)."""
    try:
        return events_visible_to(user).prefetch_related("changes", "attendances").get(pk=event_id)
    except Event.DoesNotExist:
        raise Http404 from None


#: How far the event's page looks ahead for its next dates.
EVENT_PAGE_WEEKS, EVENT_PAGE_DATES = 12, 5


def dates_of(event: Event, asked: datetime | None = None) -> tuple[Occurrence | None, list]:
    """The date of `event` the reader opened (by its original start, `asked`), if it has
    one, and its next few dates, each with any hold a court order puts on it."""
    start = timezone.now() - timedelta(hours=2)
    found = occurrences([event], start, start + timedelta(weeks=EVENT_PAGE_WEEKS))
    chosen = None
    if asked is not None:
        around = occurrences([event], asked - timedelta(days=1), asked + timedelta(days=1))
        chosen = next((o for o in around if asked in (o.original, o.starts_at)), None)
    marked = _marked(([chosen] if chosen else []) + found[:EVENT_PAGE_DATES])
    return (marked[0] if chosen else None), marked[1 if chosen else 0 :]


def to_record(user, *, around: AroundNow | None = None) -> list[Occurrence]:
    """Dates of the last two weeks that have begun and whose outcome nobody recorded."""
    around = around or around_now(user, ahead=timedelta(0))
    found = around.between(around.now - timedelta(days=RECORD_WITHIN_DAYS), around.now)
    return [o for o in found if not o.cancelled and o.attendance is None]


@dataclass
class Missed:
    partnership_id: int
    family: str
    count: int
    last: datetime
    #: What was missed, for its icon and colour (schedule/kinds.py): always family time.
    kind: str = Kind.VISIT


def missed_in_a_row(user) -> list[Missed]:
    """Open partnerships of the coach's caseload whose most recent family times were
    missed, MISSED_IN_A_ROW or more in a row. A cancellation by the program or the court
    neither counts nor breaks the run. One query whatever the caseload."""
    # Plain rows rather than records: a caseload's four months of family time are
    # hundreds of them, and only these few columns are read.
    records = (
        Attendance.objects.filter(
            event__kind=Kind.VISIT,
            event__partnership__in=open_caseload_of(user),
            occurrence__gte=timezone.now() - timedelta(days=120),
        )
        .order_by("-occurrence")
        .values_list(
            "event__partnership_id",
            "event__partnership__birth_family__name",
            "outcome",
            "by",
            "occurrence",
        )
    )
    runs: dict[int, Missed] = {}
    ended: set[int] = set()
    for partnership_id, family, outcome, by, occurrence in records:
        if partnership_id in ended:
            continue
        if outcome == Outcome.ATTENDED:
            ended.add(partnership_id)
        elif was_missed(outcome, by):
            run = runs.setdefault(partnership_id, Missed(partnership_id, family, 0, occurrence))
            run.count += 1
    return sorted(
        (run for run in runs.values() if run.count >= MISSED_IN_A_ROW),
        key=lambda run: -run.count,
    )


def active_feed(user) -> FeedToken | None:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(user, secret: str):
    """Whose private feed the secret opens. The secret is the only key: `user` is whoever
    asks, usually a phone's calendar that never signs in."""
    if not looks_like_secret(secret):
        raise Http404  # before the database: PostgreSQL fails on a NUL byte in text
    token = (
        FeedToken.objects.select_related("user")
        .filter(secret=secret, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        raise Http404
    return token.user


def event_for(user, event_id: int) -> Event:
    """An event the casework team may change, in a partnership they see."""
    try:
        return (
            Event.objects.filter(partnership__in=partnerships_visible_to(user))
            .select_related("partnership")
            .prefetch_related("changes", "attendances")
            .get(pk=event_id)
        )
    except Event.DoesNotExist:
        raise Http404 from None


def event_to_change(user, event_id: int) -> Event:
    """An event the casework team may change, with its partnership as exchanged in (both
    homes' people), which the agreement's checks on saving read."""
    event = event_for(user, event_id)
    event.partnership = exchange_partnership_for(user, event.partnership_id)
    return event


def sharing_of(user, event: Event) -> Sharing:
    """What the agreement allows in the event's partnership, for a change to one date:
    read only when the change is saved, so opening the form costs no more."""
    return sharing_for(exchange_partnership_for(user, event.partnership_id))


def conflicts(event: Event, *, weeks: int = 26) -> list[Occurrence]:
    """Other events' occurrences that overlap this one's in the next months and share a
    child or a parent with it: the same partnership, the same birth family, or the same
    partner home (which may care for children of two families)."""
    partnership = event.partnership
    same_people = Q(partnership=partnership) | Q(
        partnership__birth_family=partnership.birth_family_id
    )
    if partnership.partner_home_id:
        same_people |= Q(partnership__partner_home=partnership.partner_home_id)
    start = max(event.starts_at, timezone.now())
    end = start + timedelta(weeks=weeks)
    # Others that began up to a day earlier may still be going on.
    earlier = start - timedelta(days=1)
    others = events_between(
        Event.objects.filter(same_people)
        .exclude(pk=event.pk)
        .exclude(partnership__stage=Stage.CLOSED)
        .select_related("partnership__birth_family"),
        earlier,
        end,
        attendance=False,
    )
    mine = [o for o in occurrences([event], start, end) if not o.cancelled]
    theirs = [o for o in occurrences(others, earlier, end) if not o.cancelled]
    return [
        other
        for other in theirs
        if any(o.starts_at < other.ends_at and other.starts_at < o.ends_at for o in mine)
    ]


def clashes_with(event: Event, reader, *, weeks: int = 26) -> list[str]:
    """What `reader` may read of the parents' busy times (their work shifts) that the
    event's dates in the next months overlap (schedule/busy.py), one line each."""
    start = max(event.starts_at, timezone.now())
    found = occurrences([event], start, start + timedelta(weeks=weeks))
    said = (busy.clash_message(c, reader) for c in busy.clashes_for(found, reader))
    return [message for message in said if message]


#: How far ahead the coach's Today looks for dates that clash with a parent's shift.
CLASHES_WITHIN_DAYS = 14


def clashes_coming(
    user, *, days: int = CLASHES_WITHIN_DAYS, around: AroundNow | None = None
) -> list[tuple[busy.Clash, str]]:
    """The next days' dates of the coach's open caseload that clash with a parent's
    shift, changed after the date was saved or not, each with what the coach may read of
    it. A fixed number of queries whatever the caseload; none for the dates themselves
    when `around` was read at least `days` ahead."""
    around = around or around_now(user, ahead=timedelta(days=days))
    coming = around.between(around.now, around.now + timedelta(days=days))
    found = [o for o in coming if o.event.partnership.stage != Stage.CLOSED]
    said = ((c, busy.clash_message(c, user)) for c in busy.clashes_for(found, user))
    return [(clash, message) for clash, message in said if message]


def coming_up(user, partnerships, *, weeks: int = 4, each: int = 3) -> None:
    """Set `.coming` on each partnership: its next few dates, for the parent's page.
    Three queries whatever the number of partnerships."""
    start = timezone.now() - timedelta(hours=2)
    end = start + timedelta(weeks=weeks)
    events = events_visible_to(user).filter(partnership__in=[p.pk for p in partnerships])
    found = _marked(occurrences(events_between(events, start, end, attendance=False), start, end))
    for partnership in partnerships:
        partnership.coming = [
            o for o in found if o.event.partnership_id == partnership.pk and not o.cancelled
        ][:each]


def family_time_tomorrow(user) -> Occurrence | None:
    """The person's first family time tomorrow, on their own clock, that still happens:
    not cancelled, not held back by a court order."""
    zone = zone_of(user)
    tomorrow = timezone.localdate(timezone.now(), zone) + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=zone)
    end = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=zone)
    events = events_visible_to(user).filter(kind=Kind.VISIT)
    found = _marked(occurrences(events_between(events, start, end, attendance=False), start, end))
    return next((o for o in found if not o.cancelled and not o.held), None)


def with_confirmations(found: list[Occurrence]) -> list[Occurrence]:
    """The occurrences, each with who confirmed they will come. One query."""
    if not found:
        return found
    names = defaultdict(list)
    confirmations = (
        Confirmation.objects.filter(
            event__in={o.event.pk for o in found},
            occurrence__in={o.original for o in found},
        )
        .select_related("user__person")
        .order_by("confirmed_at", "pk")
    )
    for confirmation in confirmations:
        person = getattr(confirmation.user, "person", None)
        name = person.called if person is not None else confirmation.user.email
        names[(confirmation.event_id, confirmation.occurrence)].append(name)
    return [replace(o, confirmed_by=tuple(names[(o.event.pk, o.original)])) for o in found]
