"""Expanding repeating events into their occurrences, with cancellations and moves."""

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
    local_start = timezone.localtime(event.starts_at, zone)
    rule = event.repeat
    if event.repeat_until:
        # Local, like the start: the last occurrence is on that day in the program's zone.
        until = datetime.combine(event.repeat_until, time(23, 59, 59))
        rule += f";UNTIL={until.strftime('%Y%m%dT%H%M%S')}"
    naive_start = local_start.replace(tzinfo=None)
    expanded = rrulestr(rule, dtstart=naive_start)
    lower = timezone.localtime(start, zone).replace(tzinfo=None)
    upper = timezone.localtime(end, zone).replace(tzinfo=None)
    return [
        moment.replace(tzinfo=zone)
        for moment in expanded.between(lower - timedelta(seconds=1), upper, inc=False)
    ]


def occurrences(events, start: datetime, end: datetime) -> list[Occurrence]:
    """Every occurrence in [start, end), moved ones at their new time, cancelled ones
    kept and marked (so the calendar can say "cancelled"), each with what happened if
    that was recorded, in time order. The events' changes and attendances must be
    prefetched; an event not yet saved has neither."""
    found = []
    for event in events:
        saved = event.pk is not None
        changes = {c.occurrence: c for c in event.changes.all()} if saved else {}
        outcomes = {a.occurrence: a for a in event.attendances.all()} if saved else {}
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
    records = (
        Attendance.objects.filter(occurrence__gte=start - MOVED_AT_MOST, occurrence__lt=end)
        if attendance
        else Attendance.objects.none()
    )
    return events.filter(could_occur).prefetch_related(
        Prefetch("changes", queryset=changes), Prefetch("attendances", queryset=records)
    )
