"""A parent's home page shows the calendar's dates and no other area's records (decision
0048): a journal post leaves it kept, a date the coach schedules shows on it at once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.testing import sign_in_client
from families.models import Child

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def kept(kept_a_minute, settings):
    settings.TIME_ZONE = "America/Chicago"


def home_of(client) -> str:
    page = client.get(reverse("home:home"))
    assert page.status_code == 200
    return page.content.decode()


def renamed_where_no_form_announced_it(partnership) -> None:
    child = partnership.children.order_by("pk").first()
    Child.objects.filter(pk=child.pk).update(first_name="Zoraida", preferred_name="")


def test_a_post_in_the_journal_leaves_the_other_homes_home_page_kept(
    birth_parent, partner_parent, agreed
):
    father = sign_in_client(Client(), partner_parent)
    home_of(father)
    renamed_where_no_form_announced_it(agreed)
    mother = sign_in_client(Client(), birth_parent)
    sent = mother.post(reverse("journal:post_new", args=[agreed.pk]), {"text": "Pancakes"})
    assert sent.status_code == 302
    assert "Zoraida" not in home_of(father)
    cache.clear()  # the minute over
    assert "Zoraida" in home_of(father)


def test_a_date_the_coach_schedules_shows_on_the_parents_home_page_at_once(
    coach, partner_parent, agreed
):
    father = sign_in_client(Client(), partner_parent)
    assert "Zoo trip" not in home_of(father)
    renamed_where_no_form_announced_it(agreed)
    day = timezone.localdate(timezone.now(), CHICAGO) + timedelta(days=2)
    carmen = sign_in_client(Client(), coach)
    sent = carmen.post(
        reverse("schedule:event_new", args=[agreed.pk]),
        {
            "kind": "appointment",
            "title": "Zoo trip",
            "starts_at": datetime(day.year, day.month, day.day, 16).strftime("%Y-%m-%dT%H:%M"),
            "minutes": "60",
            "attendees": "both",
            "place": "visit_room",
        },
    )
    assert sent.status_code == 302
    page = home_of(father)
    assert "Zoo trip" in page
    # Written afresh: what changed without a form shows with it.
    assert "Zoraida" in page
