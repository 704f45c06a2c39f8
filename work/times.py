"""A parent's shifts expanded into their dates: repeating ones on her own clock (the
calendar's expansion, schedule/occurrences.py, with her zone), changed dates at their new
time and length, dates off left out."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from schedule.occurrences import _starts
from work.models import LONGEST_SHIFT_MINUTES, Shift, ShiftChange

#: A shift that began this long before a moment may still be going on at it.
LONGEST = timedelta(minutes=LONGEST_SHIFT_MINUTES)


@dataclass(frozen=True)
class ShiftTime:
    shift: Shift
    #: The date's start by the shift's own rule, which names it when it is changed.
    original: datetime
    starts_at: datetime
    minutes: int
    changed: bool = False

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.shift.time_zone)


def shifts_between(shifts: QuerySet[Shift], start: datetime, end: datetime) -> QuerySet[Shift]:
    """The shifts that may be at work in [start, end), each with only the changes that
    matter there: two queries however long they have been repeating."""
    lower = start - LONGEST
    moved_in = ShiftChange.objects.filter(
        shift=OuterRef("pk"), moved_to__gte=lower, moved_to__lt=end
    )
    could = (
        Q(repeat="", starts_at__gte=lower, starts_at__lt=end)
        | (
            ~Q(repeat="")
            & Q(starts_at__lt=end)
            # Her last day is on her clock: a day's slack either way of the program's.
            & (
                Q(repeat_until__isnull=True)
                | Q(repeat_until__gte=(lower - timedelta(days=1)).date())
            )
        )
        | Exists(moved_in)
    )
    changes = ShiftChange.objects.filter(
        Q(occurrence__gte=lower, occurrence__lt=end) | Q(moved_to__gte=lower, moved_to__lt=end)
    )
    return shifts.filter(could).prefetch_related(Prefetch("changes", queryset=changes))


def shift_times(shifts, start: datetime, end: datetime) -> list[ShiftTime]:
    """Every date of `shifts` at work at some time in [start, end), in time order. The
    shifts' changes must be prefetched (shifts_between)."""
    found = []

    def keep(time: ShiftTime) -> None:
        if time.starts_at < end and start < time.ends_at:
            found.append(time)

    for shift in shifts:
        changes = {c.occurrence: c for c in shift.changes.all()}
        for original in _starts(shift, start - LONGEST, end, ZoneInfo(shift.time_zone)):
            change = changes.pop(original, None)
            if change is None:
                keep(ShiftTime(shift, original, original, shift.minutes))
            elif not change.off:
                keep(_moved(shift, change))
        for change in changes.values():  # moved into the window from a date outside it
            if not change.off:
                keep(_moved(shift, change))
    return sorted(found, key=lambda t: (t.starts_at, t.shift.pk))


def _moved(shift: Shift, change: ShiftChange) -> ShiftTime:
    return ShiftTime(
        shift, change.occurrence, change.moved_to, change.minutes or shift.minutes, True
    )


def overlaps(time: ShiftTime, starts_at: datetime, ends_at: datetime) -> bool:
    return time.starts_at < ends_at and starts_at < time.ends_at
