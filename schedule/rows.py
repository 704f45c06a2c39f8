"""What the calendar page writes about each of its dates (its day, its time and the
addresses to open, move or record it), worked out in Python once for the page.

A coach's calendar writes a few hundred dates. In the template each was a date formatted
four ways and up to three {% url %}s: most of the page's time. Here the addresses are
reversed once for the page (with a stand-in for the event's id, put in each row) and the
times formatted as the template's own filters would."""

from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from urllib.parse import quote

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from core.templatetags.village import day_words
from schedule.models import Event
from schedule.occurrences import Occurrence

#: Stands for an event's id in an address reversed once for the page.
ANY_ID = 918273645546372819


class Addresses:
    """Each named address for any event: `reverse(name, args=[pk])`, reversed once."""

    def __init__(self, *names: str):
        self._around = {}
        for name in names:
            parts = reverse(name, args=[ANY_ID]).split(str(ANY_ID))
            self._around[name] = parts if len(parts) == 2 else None

    def of(self, name: str, pk: int) -> str:
        around = self._around[name]
        if around is None:  # the stand-in somewhere else in the address too: ask Django
            return reverse(name, args=[pk])
        return f"{around[0]}{pk}{around[1]}"


@dataclass(frozen=True)
class Line:
    """One date as the page writes it; `o` is the date itself."""

    o: Occurrence
    event: Event
    #: "Thursday, December 3", its start on the reader's clock (weekday_date).
    day: str
    #: "4 p.m.", as `|time:"TIME_FORMAT"` writes it.
    time: str
    #: The start for `<time datetime>`, as `|date:"c"` writes it.
    at: str
    title: str
    #: The event's page, opened at this date.
    opens: str
    #: Its badge, if any, and the badge's classes: held back by an order, cancelled, moved.
    state: str = ""
    state_class: str = "badge"
    #: For the team: move or cancel this date, change every date, record what happened.
    change: str = ""
    edit: str = ""
    record: str = ""


class Writer:
    """Writes the page's dates: `team` adds the team's addresses to each."""

    def __init__(self, *, team: bool):
        self.team = team
        # The reader's clock, language and year, asked once for the page.
        self.zone = timezone.get_current_timezone()
        self.language = get_language()
        self.this_year = timezone.localdate().year
        names = ["schedule:event"]
        if team:
            names += ["schedule:occurrence_change", "schedule:event_edit", "schedule:attendance"]
        self.addresses = Addresses(*names)

    def lines(self, found: list[Occurrence]) -> list[Line]:
        return [self.line(o) for o in found]

    def line(self, o: Occurrence) -> Line:
        starts = timezone.localtime(o.starts_at, self.zone)
        original = timezone.localtime(o.original, self.zone)
        # `?occurrence=` names the date by its original start, as |date:"c"|urlencode.
        asked = f"?occurrence={quote(original.isoformat())}"
        pk = o.event.pk
        address = self.addresses.of
        team = {}
        if self.team:
            team = {
                "change": address("schedule:occurrence_change", pk)
                + f"?occurrence={original:%Y-%m-%dT%H:%M}",
                "edit": address("schedule:event_edit", pk),
                "record": address("schedule:attendance", pk) + asked,
            }
        return Line(
            o=o,
            event=o.event,
            day=day_words(starts.date(), self.language, self.this_year),
            time=_time_words(starts.time(), self.language),
            at=starts.isoformat(),
            title=o.event.shown_title,
            opens=address("schedule:event", pk) + asked,
            **_state(o),
            **team,
        )


@lru_cache(maxsize=1024)
def _time_words(moment: time, language: str | None) -> str:
    """ "4 p.m.", as `|time:"TIME_FORMAT"` writes a start in `language` (whose formats
    say only hours and minutes): a calendar's dates keep to a few dozen times of day."""
    return formats.time_format(moment, "TIME_FORMAT")


def _state(o: Occurrence) -> dict:
    """A court order's hold says the most; a cancellation, then a move, say less."""
    if o.held:
        return {"state": o.held}
    if o.cancelled:
        return {"state": gettext("Cancelled"), "state_class": "badge danger"}
    if o.moved:
        return {"state": gettext("Moved"), "state_class": "badge attention"}
    return {}
