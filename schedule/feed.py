"""A person's private calendar feed (RFC 5545): repeating events as RRULE with EXDATE for
cancelled occurrences and RECURRENCE-ID overrides for moved ones, in the program's time
zone with its VTIMEZONE. Only what the person may see goes in: the events for their
home (for the team, their caseload's), no address of the other home, no notes, and a
title that names no child."""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from core.zones import program_zone
from schedule.models import Event


def _uid(event: Event) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    return f"event-{event.pk}@{host}"


def location(event: Event) -> str:
    """Where, in the words the reader may see (Event.shown_place_detail)."""
    parts = [event.get_place_display(), event.shown_place_detail, event.court_room]
    return ", ".join(str(part) for part in parts if part)


def feed_for(events) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Village//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.PROGRAM_NAME)
    zone = program_zone()
    for event in events:
        start = timezone.localtime(event.starts_at, zone)
        vevent = VEvent()
        vevent.add("uid", _uid(event))
        vevent.add("dtstamp", timezone.now())
        vevent.add("dtstart", start)
        vevent.add("dtend", start + timedelta(minutes=event.minutes))
        vevent.add("summary", event.title)
        vevent.add("location", location(event))
        if event.repeat:
            rule = vRecur.from_ical(event.repeat)
            if event.repeat_until:
                # RFC 5545: with a zoned DTSTART, UNTIL is a UTC date-time.
                last = datetime.combine(event.repeat_until, time(23, 59, 59), tzinfo=start.tzinfo)
                rule["UNTIL"] = last.astimezone(UTC)
            vevent.add("rrule", rule)
        changes = list(event.changes.all())
        cancelled = [timezone.localtime(c.occurrence, zone) for c in changes if c.cancelled]
        for moment in cancelled:
            vevent.add("exdate", moment)
        calendar.add_component(vevent)
        for change in changes:
            if change.cancelled:
                continue
            moved = VEvent()
            moved.add("uid", _uid(event))
            moved.add("dtstamp", timezone.now())
            moved.add("recurrence-id", timezone.localtime(change.occurrence, zone))
            moved_start = timezone.localtime(change.moved_to, zone)
            moved.add("dtstart", moved_start)
            moved.add("dtend", moved_start + timedelta(minutes=event.minutes))
            moved.add("summary", event.title)
            moved.add("location", location(event))
            calendar.add_component(moved)
    calendar.add_missing_timezones()
    return calendar.to_ical()
