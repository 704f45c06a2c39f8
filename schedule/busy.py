"""Times the parents are busy elsewhere, such as their work shifts, that a date on the
calendar clashes with. Capabilities that know of such times (work) add a finder from
their AppConfig.ready(); the calendar asks every finder before the coach saves a date,
for the coach's Today and for a parent's calendar page, without importing them, as it
does for the dates of schedule/sources.py.

A finder takes the occurrences asked about (each with its event, and so its partnership
and whom it is for) and returns the clashes with the busy times of the parents the event
is for, in a fixed number of queries whatever the number of occurrences. What a clash
says depends on who reads it, and is written in one place, `clash_message`: the parent
whose time it is may read her own words for it (her shift's label); the team reads only
that she is busy and when, never where she works; anyone else, such as the other home,
reads nothing at all."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from core.roles import is_casework
from core.templatetags.village import weekday_date
from schedule.occurrences import Occurrence


@dataclass(frozen=True)
class Clash:
    """One busy time of one parent overlapping one occurrence of an event."""

    occurrence: Occurrence
    #: Whose time it is: their account, and the name the team calls them by.
    owner_id: int
    owner_name: str
    starts_at: datetime
    ends_at: datetime
    #: The owner's clock, on which the time is said ("3–11 p.m." where she works).
    zone: ZoneInfo
    #: The owner's own words for it ("H-E-B bakery"): for her eyes alone.
    label: str = ""
    #: The record the time comes from, for the audit trail of who read it.
    record: object = None


Finder = Callable[[list[Occurrence], object], list[Clash]]

_finders: dict[str, Finder] = {}


def register(name: str, finder: Finder) -> Finder:
    """Add `finder`, once however often its app is made ready."""
    _finders.setdefault(name, finder)
    return finder


def clashes_for(found: Iterable[Occurrence], reader) -> list[Clash]:
    """Every finder's clashes with the occurrences that still happen, in time order.
    `reader` is who will read them: a finder may note the reading in the audit trail."""
    live = [o for o in found if not o.cancelled]
    if not live:
        return []
    clashes = [clash for finder in _finders.values() for clash in finder(live, reader)]
    return sorted(clashes, key=lambda c: (c.occurrence.starts_at, c.starts_at, c.owner_id))


def _when(clash: Clash) -> str:
    start = timezone.localtime(clash.starts_at, clash.zone)
    end = timezone.localtime(clash.ends_at, clash.zone)
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": weekday_date(start.date()),
        "start": time_format(start, "TIME_FORMAT"),
        "end": time_format(end, "TIME_FORMAT"),
    }


def clash_message(clash: Clash, reader) -> str:
    """The clash as `reader` may read it: the parent herself, with her own label; the
    casework team, with her name and the time only; anyone else, nothing."""
    if reader.pk == clash.owner_id:
        if clash.label:
            return _("Clashes with your shift (%(label)s) on %(when)s") % {
                "label": clash.label,
                "when": _when(clash),
            }
        return _("Clashes with your shift on %(when)s") % {"when": _when(clash)}
    if is_casework(reader):
        return _("Clashes with %(name)s's shift on %(when)s") % {
            "name": clash.owner_name,
            "when": _when(clash),
        }
    return ""


def with_clashes(found: list[Occurrence], reader) -> list[Occurrence]:
    """The occurrences, each with the clashes `reader` may read (`Occurrence.clashes`)."""
    said: dict[tuple, list[str]] = {}
    for clash in clashes_for(found, reader):
        message = clash_message(clash, reader)
        if message:
            key = (clash.occurrence.event.pk, clash.occurrence.original)
            said.setdefault(key, []).append(message)
    if not said:
        return found
    return [replace(o, clashes=tuple(said.get((o.event.pk, o.original), ()))) for o in found]
