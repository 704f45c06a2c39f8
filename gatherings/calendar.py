"""Gatherings as iCalendar (RFC 5545): one event a gathering, in the program's time zone.
What goes in is what the public page shows: never the online link, which is for people
with a place, and nothing about who replied. A change raises SEQUENCE, so calendars
replace their copy; a cancelled gathering stays, marked CANCELLED, so they drop it.

A person's gatherings are also on their own calendar: the calendar page lists their
replies and their private feed carries the gatherings they have a place at
(CALENDAR_SOURCE, which GatheringsConfig.ready() adds to schedule.sources)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar
from icalendar import Event as VEvent

from core.zones import program_zone
from gatherings.selectors import places_of, upcoming_replies
from schedule.feed import site_host
from schedule.kinds import GATHERING
from schedule.sources import Entry, Source


def vevent_for(gathering) -> VEvent:
    """One gathering as a VEVENT, in the program's time zone, with its public details."""
    start = timezone.localtime(gathering.starts_at, program_zone())
    page = settings.SITE_URL + gathering.get_absolute_url()
    event = VEvent()
    event.add("uid", f"gathering-{gathering.pk}@{site_host()}")
    event.add("dtstamp", timezone.now())
    event.add("sequence", gathering.sequence)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=gathering.minutes))
    event.add("summary", gathering.title)
    event.add("description", f"{gathering.description}\n\n{page}".strip())
    event.add("location", gathering.place)
    event.add("url", page)
    event.add("status", "CANCELLED" if gathering.cancelled else "CONFIRMED")
    return event


def calendar_for(gatherings) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Village//Gatherings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", settings.PROGRAM_NAME)
    for gathering in gatherings:
        calendar.add_component(vevent_for(gathering))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _entries(user) -> list[Entry]:
    """The person's places and wait-lists at gatherings still to come."""
    return [
        Entry(
            starts_at=reply.gathering.starts_at,
            title=reply.gathering.shown_title,
            url=reply.get_absolute_url(),
            status=reply.get_status_display(),
            kind=GATHERING,
        )
        for reply in upcoming_replies(user)
    ]


def _feed(user) -> list[VEvent]:
    return [vevent_for(gathering) for gathering in places_of(user)]


CALENDAR_SOURCE = Source(name="gatherings", heading=_("Gatherings"), entries=_entries, feed=_feed)
