"""Expanding repeating events into their occurrences, with cancellations and moves."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.utils import timezone

from schedule.models import Event


@dataclass(frozen=True)
class Occurrence:
    event: Event
    original: datetime
    starts_at: datetime
    cancelled: bool = False
    moved: bool = False

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.event.minutes)


def _starts(event: Event, start: datetime, end: datetime) -> list[datetime]:
    if not event.repeat:
        return [event.starts_at] if start <= event.starts_at < end else []
    # Repeat in the program's local time, so a 4 pm visit stays at 4 pm across the
    # change to and from daylight saving time.
    local_start = timezone.localtime(event.starts_at)
    rule = event.repeat
    if event.repeat_until:
        # Local, like the start: the last occurrence is on that day in the program's zone.
        until = datetime.combine(event.repeat_until, time(23, 59, 59))
        rule += f";UNTIL={until.strftime('%Y%m%dT%H%M%S')}"
    naive_start = local_start.replace(tzinfo=None)
    zone = local_start.tzinfo
    expanded = rrulestr(rule, dtstart=naive_start)
    lower = timezone.localtime(start).replace(tzinfo=None)
    upper = timezone.localtime(end).replace(tzinfo=None)
    return [
        moment.replace(tzinfo=zone)
        for moment in expanded.between(lower - timedelta(seconds=1), upper, inc=False)
    ]


def occurrences(events, start: datetime, end: datetime) -> list[Occurrence]:
    """Every occurrence in [start, end), moved ones at their new time, cancelled ones
    kept and marked (so the calendar can say "cancelled"), in time order. The events'
    changes must be prefetched."""
    found = []
    for event in events:
        changes = {change.occurrence: change for change in event.changes.all()}
        for original in _starts(event, start, end):
            change = changes.pop(original, None)
            if change is None:
                found.append(Occurrence(event, original, original))
            elif change.cancelled:
                found.append(Occurrence(event, original, original, cancelled=True))
            elif start <= change.moved_to < end:
                found.append(Occurrence(event, original, change.moved_to, moved=True))
        for change in changes.values():  # moved into the window from outside it
            if change.moved_to and start <= change.moved_to < end:
                found.append(Occurrence(event, change.occurrence, change.moved_to, moved=True))
    return sorted(found, key=lambda o: (o.starts_at, o.event.pk))
