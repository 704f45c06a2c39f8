"""A person's private calendar feed (RFC 5545): repeating events as RRULE with EXDATE for
cancelled occurrences and RECURRENCE-ID overrides for moved ones, in the program's time
zone with its VTIMEZONE. Only what the person may see goes in: the events for their
home (for the team, their caseload's), no address of the other home, no notes, and a
title that names no child. A date a court order holds back is marked cancelled, with
the reason in its title, so no phone reminds anyone of a visit that may not happen."""

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from core.zones import program_zone
from schedule.models import Event
from schedule.occurrences import occurrences
from schedule.rules import held_by_orders

#: Dates on hold are looked for this far ahead (and a little back).
HOLDS_AHEAD, HOLDS_BACK = timedelta(weeks=26), timedelta(weeks=1)


def site_host() -> str:
    """The program's host name, which makes calendar UIDs unique across programs."""
    return settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]


def _uid(event: Event) -> str:
    return f"event-{event.pk}@{site_host()}"


def location(event: Event) -> str:
    """Where, in the words the reader may see (Event.shown_place_detail)."""
    parts = [event.get_place_display(), event.shown_place_detail, event.court_room]
    return ", ".join(str(part) for part in parts if part)


def _component(event: Event, start: datetime, *, held: str = "", **extra) -> VEvent:
    zone = program_zone()
    start = timezone.localtime(start, zone)
    vevent = VEvent()
    vevent.add("uid", _uid(event))
    vevent.add("dtstamp", timezone.now())
    for name, value in extra.items():
        vevent.add(name.replace("_", "-"), value)
    vevent.add("dtstart", start)
    vevent.add("dtend", start + timedelta(minutes=event.minutes))
    vevent.add("summary", f"{held}: {event.title}" if held else event.title)
    vevent.add("location", location(event))
    if held:
        vevent.add("status", "CANCELLED")
    return vevent


def feed_for(events, extra: Iterable[VEvent] = ()) -> bytes:
    """The feed of `events`, which must come with their changes and attendances
    prefetched (attendances may be prefetched empty: the feed does not show them), and
    the `extra` events other capabilities add for the person (schedule.sources)."""
    zone = program_zone()
    events = list(events)
    now = timezone.now()
    found = occurrences(events, now - HOLDS_BACK, now + HOLDS_AHEAD)
    held = held_by_orders(found)
    calendar = Calendar()
    calendar.add("prodid", "-//Village//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.PROGRAM_NAME)
    for event in events:
        changes = {c.occurrence: c for c in event.changes.all()}
        if not event.repeat:
            change = changes.get(event.starts_at)
            if change is not None and change.cancelled:
                continue  # a cancelled one-off date is simply not in the calendar
            start = change.moved_to if change is not None else event.starts_at
            reason = held.get((event.pk, event.starts_at), "")
            calendar.add_component(_component(event, start, held=reason))
            continue
        series = _component(event, event.starts_at)
        rule = vRecur.from_ical(event.repeat)
        if event.repeat_until:
            # RFC 5545: with a zoned DTSTART, UNTIL is a UTC date-time.
            last = datetime.combine(event.repeat_until, time(23, 59, 59), tzinfo=zone)
            rule["UNTIL"] = last.astimezone(UTC)
        series.add("rrule", rule)
        for change in changes.values():
            if change.cancelled:
                series.add("exdate", timezone.localtime(change.occurrence, zone))
        calendar.add_component(series)
        overrides = {
            original: change.moved_to
            for original, change in changes.items()
            if not change.cancelled
        }
        for (event_pk, original), _reason in held.items():
            if event_pk == event.pk and original not in changes:
                overrides[original] = original
        for original, start in overrides.items():
            calendar.add_component(
                _component(
                    event,
                    start,
                    held=held.get((event.pk, original), ""),
                    recurrence_id=timezone.localtime(original, zone),
                )
            )
    for component in extra:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
