"""A coach's calendar with a whole caseload's dates: "Coming up" a page at a time, the
dates to record the oldest first, and each date written with its own addresses."""

from datetime import date, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.selectors import sharing_for
from agreements.services import restriction_add
from schedule.rows import Addresses
from schedule.services import event_create, occurrence_change
from schedule.views import AGENDA_PAGE, RECORD_SHOWN

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CHICAGO)


def today() -> date:
    return timezone.localdate(timezone.now(), CHICAGO)


def one_off(coach, partnership, starts_at, **fields):
    data = {
        "kind": "appointment",
        "title": "Counseling",
        "starts_at": starts_at,
        "minutes": 60,
        "place": "visit_room",
        **fields,
    }
    return event_create(actor=coach, sharing=sharing_for(partnership), data=data)


def agenda(client, **params) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("schedule:agenda"), params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_coming_dates_come_a_page_at_a_time_in_the_same_queries(client_for, coach, agreed):
    for n in range(AGENDA_PAGE + 5):
        one_off(coach, agreed, at(today() + timedelta(days=1 + n % 12), 8 + n // 12))
    client = client_for(coach)
    first, first_queries = agenda(client)
    assert first.count("Move or cancel<") == AGENDA_PAGE
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second, second_queries = agenda(client, page=2)
    assert second.count("Move or cancel<") == 5 and 'href="?page=1"' in second
    assert first_queries == second_queries


def test_the_dates_to_record_are_the_oldest_first_and_say_how_many_more_wait(
    client_for, coach, agreed
):
    past = [
        one_off(coach, agreed, at(today() - timedelta(days=13 - n // 3), 8 + n % 3))
        for n in range(RECORD_SHOWN + 3)
    ]
    page, _queries = agenda(client_for(coach))
    assert page.count(">Record<") == RECORD_SHOWN
    assert reverse("schedule:attendance", args=[past[0].pk]) in page
    assert reverse("schedule:attendance", args=[past[-1].pk]) not in page
    assert "3 more dates wait to be recorded" in page


def test_the_dates_still_to_record_are_counted_in_spanish(client_for, coach, agreed):
    for n in range(RECORD_SHOWN + 1):
        one_off(coach, agreed, at(today() - timedelta(days=1 + n // 4), 8 + n % 4))
    coach.language = "es"
    coach.save(update_fields=["language"])
    page, _queries = agenda(client_for(coach))
    assert "1 fecha más espera su registro" in page


def test_each_date_opens_moves_and_records_itself(client_for, coach, agreed):
    soon = at(today() + timedelta(days=2), 16)
    weekly = one_off(coach, agreed, soon, kind="visit", title="Park", repeat="FREQ=WEEKLY")
    occurrence_change(
        actor=coach,
        sharing=sharing_for(agreed),
        event=weekly,
        occurrence=soon + timedelta(weeks=1),
        moved_to=soon + timedelta(weeks=1, hours=1),
    )
    page, _queries = agenda(client_for(coach))
    asked = quote(timezone.localtime(soon, CHICAGO).isoformat())
    assert f'href="{reverse("schedule:event", args=[weekly.pk])}?occurrence={asked}"' in page
    change = reverse("schedule:occurrence_change", args=[weekly.pk])
    assert f'href="{change}?occurrence={soon:%Y-%m-%dT%H:%M}"' in page
    assert f'href="{reverse("schedule:event_edit", args=[weekly.pk])}"' in page
    assert '<span class="badge attention">Moved</span>' in page


def test_a_date_a_court_order_holds_back_says_so(client_for, coach, agreed):
    one_off(coach, agreed, at(today() + timedelta(days=3), 16), kind="visit", title="Park")
    restriction_add(actor=coach, partnership=agreed, kind="supervised", starts_on=today())
    page, _queries = agenda(client_for(coach))
    assert '<span class="badge">On hold: the court requires a supervisor</span>' in page


def test_an_events_addresses_reversed_once_are_djangos():
    addresses = Addresses("schedule:event", "schedule:attendance")
    for pk in (1, 42, 918273645546372819, 10**12):
        assert addresses.of("schedule:event", pk) == reverse("schedule:event", args=[pk])
        assert addresses.of("schedule:attendance", pk) == reverse("schedule:attendance", args=[pk])
