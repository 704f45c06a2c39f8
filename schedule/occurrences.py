"""Expanding repeating events into their occurrences, with cancellations and moves."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from core.zones import program_zone
from schedule.models import Attendance, Change, Event


@dataclass(frozen=True)
class Occurrence:
    event: Event
    original: datetime
    starts_at: datetime
    cancelled: bool = False
    moved: bool = False
    attendance: Attendance | None = None
    #: Why a court order now holds this date back, if one does (schedule/rules.py).
    held: str = ""
    #: What the reader may know of the parents' other commitments at that time, such as
    #: a work shift (schedule/busy.py), in words; empty for anyone who may not.
    clashes: tuple[str, ...] = ()
    #: Who said they will come (by text: "C"), by name, for the team (schedule.selectors).
    confirmed_by: tuple[str, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.event.minutes)


def _starts(event, start: datetime, end: datetime, zone: ZoneInfo | None = None) -> list[datetime]:
    """The original starts of `event` in [start, end). `event` is anything with
    `starts_at`, `repeat` and `repeat_until`: an Event, or a parent's work shift, which
    repeats on her own clock (`zone`) rather than the program's."""
    if not event.repeat:
        return [event.starts_at] if start <= event.starts_at < end else []
    # Repeat on the program's clock, so a 4 pm visit stays at 4 pm across the change to
    # and from daylight saving time, whichever zone the reader is in.
    zone = zone or program_zone()
    naive_start = timezone.localtime(event.starts_at, zone).replace(tzinfo=None)
    # Local, like the start: the last occurrence is on that day in the program's zone.
    until = datetime.combine(event.repeat_until, time(23, 59, 59)) if event.repeat_until else None
    lower = timezone.localtime(start, zone).replace(tzinfo=None)
    upper = timezone.localtime(end, zone).replace(tzinfo=None)
    weeks = weeks_apart(event.repeat)
    if weeks:
        found = weekly_between(naive_start, weeks, until, lower, upper)
    else:
        found = rule_between(event.repeat, naive_start, until, lower, upper)
    return [moment.replace(tzinfo=zone) for moment in found]


#: The rules the calendar's form makes: every week, or every n weeks.
PLAIN_WEEKLY = re.compile(r"FREQ=WEEKLY(?:;INTERVAL=([1-9][0-9]{0,2}))?")


def weeks_apart(rule: str) -> int:
    """How many weeks apart a plain weekly rule's dates are; 0 for any other rule."""
    plain = PLAIN_WEEKLY.fullmatch(rule)
    return int(plain.group(1) or 1) if plain else 0


def weekly_between(
    naive_start: datetime, weeks: int, until: datetime | None, lower: datetime, upper: datetime
) -> list[datetime]:
    """The dates of "every `weeks` weeks from `naive_start`, until `until`" in [lower,
    upper), all naive local times, as rule_between finds them (a property test holds the
    two to each other) without walking every date since the series began: a visit that
    has been weekly for three years would be 150 steps to this week's."""
    first = naive_start.replace(microsecond=0)  # as dateutil reads a start
    step = timedelta(weeks=weeks)
    after = lower - timedelta(seconds=1)
    skipped = (after - first) // step + 1 if first <= after else 0
    found = []
    moment = first + skipped * step
    while moment < upper and (until is None or moment <= until):
        found.append(moment)
        moment += step
    return found


def rule_between(
    rule: str, naive_start: datetime, until: datetime | None, lower: datetime, upper: datetime
) -> list[datetime]:
    """Any RFC 5545 rule's dates in [lower, upper), read by dateutil, naive local times."""
    if until is not None:
        rule += f";UNTIL={until.strftime('%Y%m%dT%H%M%S')}"
    expanded = rrulestr(rule, dtstart=naive_start)
    return expanded.between(lower - timedelta(seconds=1), upper, inc=False)


def occurrences(events, start: datetime, end: datetime) -> list[Occurrence]:
    """Every occurrence in [start, end), moved ones at their new time, cancelled ones
    kept and marked (so the calendar can say "cancelled"), each with what happened if
    that was recorded, in time order. The events' changes and attendances must be
    prefetched; an event not yet saved has neither."""
    found = []
    for event in events:
        saved = event.pk is not None
        changes = {c.occurrence: c for c in _changes(event)} if saved else {}
        outcomes = {a.occurrence: a for a in _attendances(event)} if saved else {}
        for original in _starts(event, start, end):
            change = changes.pop(original, None)
            outcome = outcomes.get(original)
            if change is None:
                found.append(Occurrence(event, original, original, attendance=outcome))
            elif change.cancelled:
                found.append(Occurrence(event, original, original, True, attendance=outcome))
            elif start <= change.moved_to < end:
                found.append(
                    Occurrence(event, original, change.moved_to, moved=True, attendance=outcome)
                )
        for change in changes.values():  # moved into the window from outside it
            if change.moved_to and start <= change.moved_to < end:
                found.append(
                    Occurrence(
                        event,
                        change.occurrence,
                        change.moved_to,
                        moved=True,
                        attendance=outcomes.get(change.occurrence),
                    )
                )
    return sorted(found, key=lambda o: (o.starts_at, o.event.pk))


def _changes(event) -> list[Change]:
    """The event's changes: those events_between fetched for the window, or all of them."""
    found = getattr(event, WINDOW_CHANGES, None)
    return found if found is not None else event.changes.all()


def _attendances(event) -> list[Attendance]:
    found = getattr(event, WINDOW_ATTENDANCES, None)
    return found if found is not None else event.attendances.all()


#: Where events_between puts each event's changes and records in the window: plain lists
#: (Prefetch's to_attr), which cost far less to fill than a related manager's cache.
WINDOW_CHANGES, WINDOW_ATTENDANCES = "window_changes", "window_attendances"

#: How far a date may be moved and still show what happened at it.
MOVED_AT_MOST = timedelta(days=31)


def events_between(
    events: QuerySet[Event], start: datetime, end: datetime, *, attendance: bool = True
) -> QuerySet[Event]:
    """The events that may have a date in [start, end), each with only the changes and
    attendance records that matter there: the queries stay the same size however long
    the events have been repeating."""
    moved_in = Change.objects.filter(event=OuterRef("pk"), moved_to__gte=start, moved_to__lt=end)
    could_occur = (
        Q(repeat="", starts_at__gte=start, starts_at__lt=end)
        | (
            ~Q(repeat="")
            & Q(starts_at__lt=end)
            & (
                Q(repeat_until__isnull=True)
                | Q(repeat_until__gte=timezone.localdate(start, program_zone()))
            )
        )
        | Exists(moved_in)
    )
    changes = Change.objects.filter(
        Q(occurrence__gte=start, occurrence__lt=end) | Q(moved_to__gte=start, moved_to__lt=end)
    )
    # A record before the window matters only for a date moved into it.
    moved_here = Change.objects.filter(
        event=OuterRef("event"),
        occurrence=OuterRef("occurrence"),
        moved_to__gte=start,
        moved_to__lt=end,
    )
    records = (
        Attendance.objects.filter(
            Q(occurrence__gte=start) | Exists(moved_here),
            occurrence__gte=start - MOVED_AT_MOST,
            occurrence__lt=end,
        )
        if attendance
        else Attendance.objects.none()
    )
    return events.filter(could_occur).prefetch_related(
        Prefetch("changes", queryset=changes, to_attr=WINDOW_CHANGES),
        Prefetch("attendances", queryset=records, to_attr=WINDOW_ATTENDANCES),
    )
