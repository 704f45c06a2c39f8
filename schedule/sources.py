"""Dates that capabilities building on the calendar put on a person's calendar, such as
the gatherings they replied to. Each adds a Source from its AppConfig.ready(); the
calendar page lists what each source has for the reader, and the private feed carries
its events, so the calendar shows them without importing the capabilities that own them.

A source's `entries` are the person's coming dates for the page, in order, and its
`feed` their events as iCalendar VEVENTs (a little past included, so a phone that holds
a cancelled one learns it is off). Each is one query or a fixed few, whatever the number
of dates."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from icalendar import Event as VEvent


@dataclass(frozen=True)
class Entry:
    """One date on the calendar page, as the reader may see it. Its `kind` gives it its
    icon and colour (schedule/kinds.py), like the calendar's own events."""

    starts_at: datetime
    title: str
    url: str
    status: str
    kind: str
    #: A date without a time (a step of a transition plan): the page shows no time, and it
    #: falls on its day on every reader's clock (its `starts_at` is noon in the program's
    #: zone).
    all_day: bool = False


@dataclass(frozen=True)
class Source:
    #: Names the source once and its section on the page (`<name>-heading`).
    name: str
    heading: str
    entries: Callable[..., Iterable[Entry]]
    feed: Callable[..., Iterable[VEvent]]


@dataclass(frozen=True)
class Section:
    name: str
    heading: str
    entries: list[Entry]


_sources: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add `source` to every calendar, once however often its app is made ready."""
    _sources.setdefault(source.name, source)
    return source


def sections_for(user) -> list[Section]:
    """The sources' sections of the calendar page that have a date for `user`."""
    found = [Section(s.name, s.heading, list(s.entries(user))) for s in _sources.values()]
    return [section for section in found if section.entries]


def feed_events_for(user) -> list[VEvent]:
    """Every source's events for `user`'s private feed."""
    return [event for source in _sources.values() for event in source.feed(user)]
