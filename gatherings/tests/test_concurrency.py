"""Many replies and cancellations at once, each from its own database connection: the
room never holds more adults than its places, and nobody waits while a place that fits
them is free. Runs on SQLite and on PostgreSQL, whichever the suite runs on."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from assistance.tests.test_concurrency import at_once
from gatherings.models import Gathering, Registration, Status
from gatherings.services import registration_cancel, registration_make

pytestmark = pytest.mark.django_db(transaction=True)


def reply(gathering_pk, n, adults=1):
    def job():
        gathering = Gathering.objects.get(pk=gathering_pk)
        return registration_make(
            gathering=gathering,
            data={"name": f"Guest {n}", "email": f"guest{n}@example.net", "adults": adults},
            ip=f"192.0.2.{n}",
        ).status

    return job


def cancel(registration_pk):
    def job():
        registration_cancel(registration=Registration.objects.get(pk=registration_pk))
        return "cancelled"

    return job


def adults_with_a_place(gathering):
    confirmed = Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED)
    return confirmed.aggregate(total=Sum("adults"))["total"] or 0


def test_concurrent_replies_never_take_more_places_than_the_room_has(coach):
    gathering = Gathering.objects.create(
        title="Holidays in two homes",
        starts_at=timezone.now() + timedelta(days=7),
        place="Fellowship Hall",
        capacity=5,
        created_by=coach,
    )
    outcomes = at_once([reply(gathering.pk, n, adults=1 + n % 2) for n in range(12)])
    assert set(outcomes) == {Status.CONFIRMED, Status.WAITING}
    assert adults_with_a_place(gathering) <= 5
    assert Registration.objects.filter(gathering=gathering).count() == 12

    # Now people cancel while others reply, all at once.
    confirmed = list(
        Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    jobs = [cancel(pk) for pk in confirmed[:3]] + [reply(gathering.pk, n) for n in range(20, 26)]
    assert None not in at_once(jobs), "a job failed"
    assert adults_with_a_place(gathering) <= 5
    free = 5 - adults_with_a_place(gathering)
    waiting = Registration.objects.filter(gathering=gathering, status=Status.WAITING)
    assert all(w.adults > free for w in waiting), "someone waits while a place fits them"
    assert connection.vendor in ("sqlite", "postgresql")
