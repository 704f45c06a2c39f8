"""A volunteer's home page shows what they can do: the next gatherings and their replies."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gatherings.models import Gathering
from gatherings.services import registration_make

pytestmark = pytest.mark.django_db


def gathering(coach, title, days):
    return Gathering.objects.create(
        title=title,
        starts_at=timezone.now() + timedelta(days=days),
        place="Fellowship Hall",
        capacity=10,
        created_by=coach,
    )


def volunteer_card(client) -> str:
    html = client.get(reverse("home:home")).content.decode()
    return html.split('id="volunteer-heading"', 1)[1].split("</section>", 1)[0]


def test_a_volunteers_home_offers_the_next_gatherings_to_reply_to_and_lists_their_replies(
    client_for, coach, volunteer
):
    potluck = gathering(coach, "Spring potluck", 3)
    coming = gathering(coach, "Holidays in two homes", 5)
    registration_make(gathering=coming, data={"name": "Val", "adults": 1}, user=volunteer)
    card = volunteer_card(client_for(volunteer))
    # "I can come" opens the gathering's reply form: the reply address itself only takes a form.
    assert f"{potluck.get_absolute_url()}#rsvp-heading" in card
    assert f"{coming.get_absolute_url()}#rsvp-heading" not in card
    assert "You are coming to" in card and "Holidays in two homes" in card


def test_a_volunteers_home_without_gatherings_says_what_to_do_next(client_for, volunteer):
    card = volunteer_card(client_for(volunteer))
    assert "No gatherings are planned just now" in card
    assert reverse("training:index") in card
