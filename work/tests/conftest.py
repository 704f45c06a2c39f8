from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from schedule.models import Event
from work.services import shift_create

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def weekly_shift(user, day: date, starts=time(15), ends=time(23), **more):
    """A weekly shift on the user's own clock, from `day` on."""
    return shift_create(actor=user, day=day, starts=starts, ends=ends, repeat="FREQ=WEEKLY", **more)


def visit(
    partnership, starts_at: datetime, *, minutes=60, repeat="", coach=None, save=False, **more
):
    event = Event(
        partnership=partnership,
        kind="visit",
        title="Family time",
        starts_at=starts_at,
        minutes=minutes,
        repeat=repeat,
        place="visit_room",
        created_by=coach,
        **more,
    )
    if save:
        event.save()
    return event


def soon(days: int, hour: int, minute: int = 0) -> datetime:
    """A moment `days` from today at a fixed hour on the program's clock."""
    from django.utils import timezone

    day = timezone.localdate(timezone.now(), CHICAGO) + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=CHICAGO)
