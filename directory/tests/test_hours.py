"""A schedule's whole rule, read one way (directory.hours): in plain words in both
languages, and for the listing and the "open now" filter and badge alike."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from directory import hours, hours_words
from directory.models import Organization, Schedule, Service
from directory.tests.test_open_now import cards

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")
# November 2026: Tuesday the 24th; Mondays the 2nd (first), 9th, 16th, 23rd and 30th (last).
TODAY = date(2026, 11, 24)


def rule(**fields) -> Schedule:
    return Schedule(**{"freq": "WEEKLY", "opens_at": time(9), "closes_at": time(12), **fields})


@pytest.mark.parametrize(
    ("fields", "english", "spanish"),
    [
        (
            {"byday": "TU,TH"},
            "Every Tuesday and Thursday, 9 a.m.–noon",
            "Cada martes y jueves, 09:00–12:00",
        ),
        (
            {"byday": "TU", "interval": 2, "dtstart": date(2026, 1, 6), "until": date(2027, 3, 30)},
            "Every other Tuesday, 9 a.m.–noon, until March 30, 2027",
            "Cada dos semanas, el martes, 09:00–12:00, hasta el 30 de marzo de 2027",
        ),
        (
            {"freq": "MONTHLY", "byday": "1MO"},
            "The first Monday of each month, 9 a.m.–noon",
            "El primer lunes de cada mes, 09:00–12:00",
        ),
        (
            {"freq": "MONTHLY", "byday": "1MO,-1FR"},
            "The first Monday and the last Friday of each month, 9 a.m.–noon",
            "El primer lunes y el último viernes de cada mes, 09:00–12:00",
        ),
        (
            {"freq": "MONTHLY", "bymonthday": "1,15"},
            "Days 1 and 15 of each month, 9 a.m.–noon",
            "Los días 1 y 15 de cada mes, 09:00–12:00",
        ),
        (
            {"byday": "SA", "valid_from": date(2027, 1, 9)},
            "From January 9, 2027: every Saturday, 9 a.m.–noon",
            "Desde el 9 de enero de 2027: cada sábado, 09:00–12:00",
        ),
        (
            {"byday": "WE", "count": 3, "dtstart": date(2026, 11, 4)},
            "Every Wednesday, 9 a.m.–noon, until November 18, 2026",
            "Cada miércoles, 09:00–12:00, hasta el 18 de noviembre de 2026",
        ),
    ],
    ids=[
        "weekly",
        "every other week",
        "first monday",
        "two monthly days",
        "month days",
        "future",
        "count",
    ],
)
def test_a_rule_in_plain_words_in_english_and_spanish(fields, english, spanish):
    schedule = rule(**fields)
    with translation.override("en"):
        assert hours_words.in_words(schedule, TODAY) == english
    with translation.override("es"):
        assert hours_words.in_words(schedule, TODAY) == spanish


@pytest.mark.parametrize(
    ("fields", "yes", "no"),
    [
        ({"byday": "TU"}, [date(2026, 11, 24)], [date(2026, 11, 23)]),
        (
            {"byday": "TU", "interval": 2, "dtstart": date(2026, 11, 10)},
            [date(2026, 11, 10), date(2026, 11, 24)],
            [date(2026, 11, 17), date(2026, 12, 1)],
        ),
        (
            {"freq": "MONTHLY", "byday": "1MO"},
            [date(2026, 11, 2), date(2026, 12, 7)],
            [date(2026, 11, 9)],
        ),
        ({"freq": "MONTHLY", "byday": "-1MO"}, [date(2026, 11, 30)], [date(2026, 11, 23)]),
        (
            {"freq": "MONTHLY", "bymonthday": "-1"},
            [date(2026, 11, 30), date(2027, 2, 28)],
            [date(2026, 11, 29)],
        ),
        (
            {"byday": "WE", "count": 3, "dtstart": date(2026, 11, 4)},
            [date(2026, 11, 4), date(2026, 11, 18)],
            [date(2026, 11, 25), date(2026, 10, 28)],
        ),
        (
            {"freq": "MONTHLY", "interval": 2, "byday": "2TU", "dtstart": date(2026, 1, 13)},
            [date(2026, 11, 10)],
            [date(2026, 12, 8)],
        ),
        ({"byday": "TU", "valid_to": date(2026, 11, 1)}, [], [date(2026, 11, 24)]),
        ({"byday": "TU", "until": date(2026, 11, 17)}, [date(2026, 11, 17)], [TODAY]),
    ],
    ids=[
        "weekly",
        "every other week",
        "first monday",
        "last monday",
        "last day",
        "count",
        "every other month",
        "ended",
        "until",
    ],
)
def test_whether_a_rule_applies_on_a_day(fields, yes, no):
    schedule = rule(**fields)
    assert [hours.applies_on(schedule, day) for day in yes] == [True] * len(yes)
    assert [hours.applies_on(schedule, day) for day in no] == [False] * len(no)


def test_the_standard_s_example_rule_ended_in_2005():
    """The finding: "Thu, Fri · 10 a.m.–6 p.m." for a rule that ended in 2005."""
    schedule = rule(byday="TH,FR", valid_to=date(2005, 1, 1), until=date(2005, 1, 1), count=3)
    assert hours.state(schedule, TODAY) == "ended"
    assert not hours.applies_on(schedule, date(2026, 11, 26))


def listing(name, **fields):
    organization = Organization.objects.create(name=f"{name} Inc.")
    service = Service.objects.create(organization=organization, name=name)
    Schedule.objects.create(
        service=service,
        **{"freq": "WEEKLY", "opens_at": time(9), "closes_at": time(13), **fields},
    )
    return service


def hours_shown(client, service, when) -> str:
    with time_machine.travel(when, tick=False):
        page = client.get(service.get_absolute_url()).content.decode()
    section = page.split('id="reach-heading"')[1].split("</section>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)).strip()


def test_listing_and_open_now_agree_on_ended_future_ordinal_and_counted_rules(client):
    tuesday = datetime(2026, 11, 24, 10, tzinfo=AUSTIN)
    ended = listing("Ended Pantry", byday="TU", valid_to=date(2026, 11, 1))
    future = listing("Future Clinic", byday="TU", valid_from=date(2027, 1, 5))
    ordinal = listing("Fourth Tuesday Swap", freq="MONTHLY", byday="4TU")
    fifth = listing("First Tuesday Market", freq="MONTHLY", byday="1TU")
    counted = listing("Three Tuesdays Class", byday="TU", count=3, dtstart=date(2026, 11, 10))
    over = listing("Two Tuesdays Class", byday="TU", count=2, dtstart=date(2026, 11, 10))
    assert cards(client, tuesday, open="now") == {
        "Fourth Tuesday Swap": True,
        "Three Tuesdays Class": True,
    }
    assert cards(client, tuesday) == {
        "Ended Pantry": False,
        "Future Clinic": False,
        "Fourth Tuesday Swap": True,
        "First Tuesday Market": False,
        "Three Tuesdays Class": True,
        "Two Tuesdays Class": False,
    }
    # The listing does not show an ended rule as its hours, and says when one begins.
    assert "Tuesday" not in hours_shown(client, ended, tuesday)
    assert "Tuesday" not in hours_shown(client, over, tuesday)
    assert "From January 5, 2027: every Tuesday" in hours_shown(client, future, tuesday)
    assert "The fourth Tuesday of each month" in hours_shown(client, ordinal, tuesday)
    assert "The first Tuesday of each month" in hours_shown(client, fifth, tuesday)
    assert "Every Tuesday, 9 a.m.–1 p.m., until November 24, 2026" in hours_shown(
        client, counted, tuesday
    )
    # A week on, the counted class is over: neither open nor shown.
    next_tuesday = datetime(2026, 12, 1, 10, tzinfo=AUSTIN)
    assert cards(client, next_tuesday, open="now") == {"First Tuesday Market": True}
    assert "Tuesday" not in hours_shown(client, counted, next_tuesday)
    # Asked for Tuesdays, the rules that open on a Tuesday in the coming weeks.
    assert set(cards(client, tuesday, open="TU")) == {
        "Fourth Tuesday Swap",
        "First Tuesday Market",
        "Three Tuesdays Class",
    }


def test_the_team_s_form_edits_weekly_hours_and_leaves_an_imported_rule_whole(client_for, coach):
    """The form says "open on these days, from, to": it changes a plain weekly schedule,
    and keeps a rule it cannot say (the first Monday of each month, until a date)."""
    service = listing("Food Share", freq="MONTHLY", byday="1MO", until=date(2027, 6, 30))
    edit = reverse("directory:service_edit", args=[service.pk])
    form = client_for(coach).get(edit).content.decode()
    assert 'value="MO" checked' not in form
    sent = {
        "organization": str(service.organization_id),
        "name": "Food Share",
        "description": "Groceries.",
        "status": "active",
        "needs": ["food"],
        "days": ["WE"],
        "opens_at": "10:00",
        "closes_at": "12:00",
    }
    response = client_for(coach).post(edit, sent, follow=True)
    assert "Listing saved." in response.content.decode()
    rules = {s.byday: s for s in Schedule.objects.filter(service=service)}
    assert set(rules) == {"1MO", "WE"}
    assert rules["1MO"].until == date(2027, 6, 30) and rules["1MO"].freq == "MONTHLY"
    # Saved again with other days, the form changes its own schedule, not the rule.
    client_for(coach).post(edit, {**sent, "days": ["TH"]}, follow=True)
    assert set(Schedule.objects.filter(service=service).values_list("byday", flat=True)) == {
        "1MO",
        "TH",
    }
