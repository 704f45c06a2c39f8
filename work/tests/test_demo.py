from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from home.demo import load_demo
from schedule.models import Event
from schedule.selectors import clashes_coming

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days_ahead", range(7))
def test_the_demo_has_exactly_one_clash_on_the_coachs_today_whatever_the_day(days_ahead):
    # Each weekday, late in the evening too, when the day's family time is over.
    with time_machine.travel(timezone.now() + timedelta(days=days_ahead, hours=5 * days_ahead)):
        _one_clash()


def _one_clash():
    load_demo()
    coach = User.objects.get(email="coach@example.org")
    ((clash, message),) = clashes_coming(coach)
    assert clash.occurrence.event.title == "Family time"
    assert message.startswith("Clashes with Ana's shift on")
    assert "bakery" not in message and "H-E-B" not in message


def test_moving_the_demo_visit_resolves_its_clash(demo, client_for):
    coach = User.objects.get(email="coach@example.org")
    ((clash, _message),) = clashes_coming(coach)
    event = Event.objects.get(title="Family time")
    occurrence = timezone.localtime(clash.occurrence.original)
    new_time = occurrence - timedelta(days=1)  # the Monday: she is off
    response = client_for(coach).post(
        reverse("schedule:occurrence_change", args=[event.pk]),
        {"occurrence": f"{occurrence:%Y-%m-%dT%H:%M}", "moved_to": f"{new_time:%Y-%m-%dT%H:%M}"},
    )
    assert response.status_code == 302
    assert clashes_coming(coach) == []
