""" "Open now" is one test of opening hours (directory.search.open_q), for the search's
filter and for the badge on each result card, so a listing the filter finds open is
one whose card says so, and the other way round."""

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from directory.models import Location, Organization, Schedule, Service, ServiceAtLocation

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")
# November 2026: Tuesday the 24th; Saturdays the 7th (first), 14th, 21st and 28th (last).
TUESDAY_MORNING = datetime(2026, 11, 24, 10, tzinfo=AUSTIN)
TUESDAY_AFTERNOON = datetime(2026, 11, 24, 15, tzinfo=AUSTIN)


def listing(name, *, hours_on, byday, opens=9, closes=13):
    """A service at one place, with weekly hours on the service itself, on the service at
    that place, or on the place."""
    organization = Organization.objects.create(name=f"{name} Inc.")
    service = Service.objects.create(organization=organization, name=name)
    place = Location.objects.create(organization=organization, name=f"{name} hall")
    at_place = ServiceAtLocation.objects.create(service=service, location=place)
    owner = {"service": service, "service at place": at_place, "place": place}[hours_on]
    field = {"service": "service", "service at place": "service_at_location", "place": "location"}
    Schedule.objects.create(
        **{field[hours_on]: owner},
        freq="WEEKLY",
        byday=byday,
        opens_at=time(opens),
        closes_at=time(closes),
    )
    return service


def cards(client, when, **search):
    """Each result card's service name, and whether its card says "Open now"."""
    with time_machine.travel(when, tick=False):
        page = client.get(reverse("directory:search"), search).content.decode()
    found = {}
    for card in page.split('class="card result"')[1:]:
        card = card.split("</li>")[0]
        name = re.search(r"<h3><a [^>]*>([^<]*)</a></h3>", card).group(1)
        found[name] = "Open now" in card
    return found


def test_a_listing_whose_hours_are_its_place_s_is_open_on_its_card_as_in_the_filter(client):
    """The case that disagreed: the Westside Clothing Closet has no hours of its own; its
    hall, where HSDS puts them, opens on Tuesdays from 9 to 1. The filter read the hall's
    hours and found it open on Tuesday at 10; the card read only the service's own and
    showed no badge. Its hours hung on the service at the hall did the same."""
    listing("Westside Clothing Closet", hours_on="place", byday="TU")
    listing("Tool Library", hours_on="service at place", byday="TU")
    listing("Job Center", hours_on="service", byday="TU")
    everything = {"Westside Clothing Closet": True, "Tool Library": True, "Job Center": True}
    assert cards(client, TUESDAY_MORNING) == everything
    assert cards(client, TUESDAY_MORNING, open="now") == everything
    closed = {name: False for name in everything}
    assert cards(client, TUESDAY_AFTERNOON) == closed
    assert cards(client, TUESDAY_AFTERNOON, open="now") == {}


def test_a_monthly_day_is_open_on_that_day_of_the_month_only(client):
    """The other case that disagreed: a food distribution on the first Saturday ("1SA").
    The filter took "SA" as any part of the text and found it open every Saturday
    morning; the card took "1SA" as no day and never showed the badge."""
    listing("First Saturday Food Distribution", hours_on="service", byday="1SA")
    listing("Last Saturday Diaper Bank", hours_on="place", byday="-1SA")
    first, second, last = (datetime(2026, 11, day, 10, tzinfo=AUSTIN) for day in (7, 14, 28))
    assert cards(client, first, open="now") == {"First Saturday Food Distribution": True}
    assert cards(client, second, open="now") == {}
    assert cards(client, second) == {
        "First Saturday Food Distribution": False,
        "Last Saturday Diaper Bank": False,
    }
    assert cards(client, last, open="now") == {"Last Saturday Diaper Bank": True}
    # Asked for a day rather than now, a monthly Saturday is open on Saturdays.
    assert set(cards(client, second, open="SA")) == {
        "First Saturday Food Distribution",
        "Last Saturday Diaper Bank",
    }
    assert cards(client, second, open="SU") == {}
