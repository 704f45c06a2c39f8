"""The dates an employer letter confirms, read from the calendar: the partnership's court
hearings and the appointments the court ordered, for the birth family or both homes, in
the period. A repeating appointment gives each of its dates; a cancelled one is left out
and a moved one is at its new time (schedule.occurrences). What each date is for (the
hearing's type, the courtroom, the appointment's name) is never read into the letter."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q

from core.zones import program_zone
from letters.models import MOST_DATES, DateKind
from partnerships.models import Partnership
from schedule.models import Attendees, Event, Kind
from schedule.occurrences import events_between, occurrences


@dataclass(frozen=True)
class LetterDate:
    starts_at: datetime
    minutes: int
    kind: str

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def kind_label(self) -> str:
        return str(DateKind(self.kind).label)


def court_dates(partnership: Partnership, *, start: date, end: date) -> list[LetterDate]:
    """The court's dates in [start, end], both days included, at most MOST_DATES: two
    queries (the events, their changes), however long they have been repeating."""
    zone = program_zone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    events = Event.objects.filter(
        Q(kind=Kind.COURT) | Q(kind=Kind.APPOINTMENT, court_ordered=True),
        partnership=partnership,
        attendees__in=[Attendees.BOTH, Attendees.BIRTH],
    )
    found = occurrences(events_between(events, since, until, attendance=False), since, until)
    return [
        LetterDate(
            starts_at=o.starts_at,
            minutes=o.event.minutes,
            kind=DateKind.HEARING if o.event.kind == Kind.COURT else DateKind.ORDERED,
        )
        for o in found
        if not o.cancelled
    ][:MOST_DATES]


def stored(dates: list[LetterDate]) -> list[list]:
    return [[d.starts_at.isoformat(), d.minutes, d.kind] for d in dates]


def read(stored_dates: list) -> list[LetterDate]:
    """The letter's kept dates, on the program's clock (the employer's)."""
    zone = program_zone()
    return [
        LetterDate(
            starts_at=datetime.fromisoformat(starts).astimezone(zone),
            minutes=int(minutes),
            kind=kind,
        )
        for starts, minutes, kind in stored_dates
    ]
