"""An event may carry its title in Spanish too, for the people who read Village in Spanish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from schedule.services import event_create
from schedule.tests.test_schedule import CHICAGO, sharing_of, weekly_visit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def test_a_spanish_reader_sees_the_event_s_spanish_title_and_an_english_reader_the_title(
    client_for, coach, birth_parent, partner_parent, agreed
):
    soon = (timezone.now() + timedelta(days=3)).astimezone(CHICAGO).replace(hour=10, minute=0)
    event_create(
        actor=coach,
        sharing=sharing_of(agreed),
        data=weekly_visit(
            starts_at=soon,
            repeat="",
            repeat_until=None,
            title="Park visit",
            title_es="Visita al parque",
        ),
    )
    birth_parent.language = "es"
    birth_parent.save()
    for url in (reverse("home:home"), reverse("schedule:agenda")):
        page = client_for(birth_parent).get(url).content.decode()
        assert "Visita al parque" in page and "Park visit" not in page, url
    page = client_for(partner_parent).get(reverse("schedule:agenda")).content.decode()
    assert "Park visit" in page and "Visita al parque" not in page


def test_the_coach_can_give_an_event_a_spanish_title(client_for, coach, agreed):
    coach.language = "es"
    coach.save()
    page = client_for(coach).get(reverse("schedule:event_new", args=[agreed.pk])).content
    assert 'name="title_es"' in page.decode() and "Título en español" in page.decode()
