"""Work shifts on the calendar: on their owner's own calendar page and private feed (a
schedule.sources Source), and as the busy times the calendar checks its dates against
(a schedule.busy finder). Both are added in WorkConfig.ready().

The feed carries each coming date as its own VEVENT, changed ones at their new time,
rather than a rule: a phone then shows exactly what the page shows, and a date taken
off the schedule disappears from it at the next fetch."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Event as VEvent

from audit.context import current_ip, current_path
from audit.models import Action, AuditEntry
from core.roles import is_casework
from schedule.busy import Clash
from schedule.feed import site_host
from schedule.sources import Entry, Source
from work.models import Shift
from work.selectors import coming_times, first_name, parents_by_side
from work.times import overlaps, shift_times, shifts_between

#: The kind of date a shift is on the calendar (its icon and colour: none of the events').
WORK = "work"
#: How far back the feed keeps a shift, so a phone learns of a date taken off.
FEED_BACK = timedelta(weeks=2)


def _title(shift: Shift) -> str:
    return shift.label or _("Work shift")


def _entries(user) -> list[Entry]:
    return [
        Entry(
            starts_at=time.starts_at,
            title=_title(time.shift),
            url=reverse("work:shift", args=[time.shift.pk]),
            status=_("until %(time)s")
            % {"time": time_format(timezone.localtime(time.ends_at), "TIME_FORMAT")},
            kind=WORK,
        )
        for time in coming_times(user)
    ]


def _feed(user) -> list[VEvent]:
    start = timezone.now() - FEED_BACK
    end = timezone.now() + timedelta(weeks=12)
    found = shift_times(shifts_between(Shift.objects.filter(user=user), start, end), start, end)
    events = []
    for time in found:
        event = VEvent()
        event.add("uid", f"shift-{time.shift.pk}-{time.original:%Y%m%dT%H%M%SZ}@{site_host()}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(time.starts_at, time.zone))
        event.add("dtend", timezone.localtime(time.ends_at, time.zone))
        event.add("summary", _title(time.shift))
        event.add("url", settings.SITE_URL + reverse("work:shift", args=[time.shift.pk]))
        events.append(event)
    return events


CALENDAR_SOURCE = Source(
    name="work", heading=gettext_lazy("Your work shifts"), entries=_entries, feed=_feed
)


def shift_clashes(found, reader) -> list[Clash]:
    """The shifts of the parents each occurrence is for that overlap it: four queries
    whatever the number of occurrences, and one more to note a staff member's reading."""
    partnership_ids = {o.event.partnership_id for o in found}
    people = parents_by_side(list(partnership_ids))
    users = {p.user_id for group in people.values() for p in group}
    if not users:
        return []
    start = min(o.starts_at for o in found)
    end = max(o.ends_at for o in found)
    shifts = shifts_between(Shift.objects.filter(user_id__in=users), start, end)
    times = shift_times(shifts, start, end)
    clashes = []
    for occurrence in found:
        attendees = occurrence.event.attendees
        sides = ("birth", "partner") if attendees == "both" else (attendees,)
        for side in sides:
            for person in people[(occurrence.event.partnership_id, side)]:
                clashes += [
                    Clash(
                        occurrence=occurrence,
                        owner_id=person.user_id,
                        owner_name=first_name(person),
                        starts_at=time.starts_at,
                        ends_at=time.ends_at,
                        zone=time.zone,
                        label=time.shift.label,
                        record=time.shift,
                    )
                    for time in times
                    if time.shift.user_id == person.user_id
                    and overlaps(time, occurrence.starts_at, occurrence.ends_at)
                ]
    if clashes and is_casework(reader):
        _note_reading(reader, clashes)
    return clashes


def _note_reading(reader, clashes: list[Clash]) -> None:
    """A parent's work schedule is a sensitive record: the team's reading of it, in a
    clash shown to them, is in the trail, one entry for each shift in one query."""
    shifts = {clash.record.pk: clash.record for clash in clashes}
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=reader,
            action=Action.VIEWED,
            record_type=Shift._meta.label_lower,
            record_id=str(pk),
            fields=["clash"],
            ip=current_ip.get(),
            path=current_path.get(),
        )
        for pk in sorted(shifts)
    )
