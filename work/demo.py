"""The demo's work shifts. Ana bakes at a grocery store, 3 to 11 p.m. every Wednesday,
Thursday and Saturday; for the week after next her boss swapped her Thursday for the
Tuesday, which is family time: the one clash the coach sees on Today, and resolves by
moving that visit. Keisha works mornings, which clash with nothing."""

from datetime import date, datetime, time, timedelta

from core.zones import zone_of
from work.models import Shift, ShiftChange

WEDNESDAY, THURSDAY, SATURDAY, MONDAY, FRIDAY = 2, 3, 5, 0, 4


def _weekly(user, first: date, weekday: int, starts: time, minutes: int, label: str) -> Shift:
    zone = zone_of(user)
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    return Shift.objects.create(
        user=user,
        starts_at=datetime.combine(day, starts, tzinfo=zone),
        minutes=minutes,
        repeat="FREQ=WEEKLY",
        label=label,
        time_zone=zone.key,
    )


def load_work(today: date, *, ana, keisha) -> None:
    # The family time of schedule/demo.py is every Tuesday at 4 p.m.: the week after
    # next's is 7 to 13 days from today, so it is on the coach's two weeks whatever today is.
    next_tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    swapped_tuesday = next_tuesday + timedelta(weeks=1)
    started = today - timedelta(weeks=3)
    bakery = "H-E-B bakery"
    shifts = {
        weekday: _weekly(ana, started, weekday, time(15), 8 * 60, bakery)
        for weekday in (WEDNESDAY, THURSDAY, SATURDAY)
    }
    thursday = shifts[THURSDAY]
    zone = zone_of(ana)
    that_thursday = swapped_tuesday + timedelta(days=2)
    ShiftChange.objects.create(
        shift=thursday,
        occurrence=datetime.combine(that_thursday, time(15), tzinfo=zone),
        moved_to=datetime.combine(swapped_tuesday, time(15), tzinfo=zone),
        minutes=8 * 60,
    )
    for weekday in (MONDAY, FRIDAY):
        _weekly(keisha, started, weekday, time(7), 8 * 60, "Sunrise Senior Living")
