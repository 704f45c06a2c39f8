from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from gatherings.models import Gathering
from gatherings.services import registration_make


@pytest.fixture
def gathering(coach):
    """A Partner Parent Gathering a week from today at 6 pm: three places, childcare
    offered. A fixed hour, so "the day before" is the day before whenever the suite runs
    (a week from this very moment fell on two different days late in the evening)."""
    day = timezone.localdate() + timedelta(days=7)
    return Gathering.objects.create(
        title="Holidays in two homes",
        starts_at=timezone.make_aware(datetime.combine(day, time(18))),
        place="Fellowship Hall, 1200 E 7th St",
        online_link="https://meet.example.org/holidays",
        capacity=3,
        childcare=True,
        created_by=coach,
    )


@pytest.fixture
def tonight(coach):
    """A gathering starting in an hour: its door is open."""
    return Gathering.objects.create(
        title="Tonight's gathering",
        starts_at=timezone.now() + timedelta(hours=1),
        place="Fellowship Hall",
        capacity=3,
        childcare=True,
        created_by=coach,
    )


@pytest.fixture
def reply_as():
    """reply_as(gathering, name, adults=1, **more) replies as a guest from a fresh address."""
    counter = iter(range(1, 10_000))

    def reply(gathering, name, adults=1, **more):
        data = {"name": name, "email": f"{name.lower()}@example.net", "adults": adults, **more}
        return registration_make(gathering=gathering, data=data, ip=f"192.0.2.{next(counter)}")

    return reply
