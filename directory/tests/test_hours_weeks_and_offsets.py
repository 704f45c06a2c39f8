"""HSDS's byweekno, byyearday and timezone, kept whole: which days a rule narrowed to
weeks or days of the year applies on, on which clock a schedule's hours are, the words
for both in English and Spanish, and the import of the standard's own example."""

import json
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from directory import hours, hours_words
from directory.hsds import importer
from directory.models import Organization, Schedule, Service
from directory.search import Criteria, services_matching
from directory.services import directory_import
from directory.tests.conftest import HSDS

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")
TODAY = date(2026, 11, 24)


def rule(**fields) -> Schedule:
    return Schedule(**{"freq": "WEEKLY", "opens_at": time(9), "closes_at": time(17), **fields})


@pytest.mark.parametrize(
    ("fields", "english", "spanish"),
    [
        (
            {"byday": "TH,FR", "byweekno": "41,42"},
            "Every Thursday and Friday in weeks 41 and 42 of the year, 9 a.m.–5 p.m.",
            "Cada jueves y viernes en las semanas 41 y 42 del año, 09:00–17:00",
        ),
        (
            {"byweekno": "1,-1"},
            "Every day in week 1 and the last week of the year, 9 a.m.–5 p.m.",
            "Todos los días en la semana 1 y la última semana del año, 09:00–17:00",
        ),
        (
            {"byweekno": "-2"},
            "Every day in week 2 from the end of the year, 9 a.m.–5 p.m.",
            "Todos los días en la semana 2 contando desde el final del año, 09:00–17:00",
        ),
        (
            {"byyearday": "100"},
            "On day 100 of the year, 9 a.m.–5 p.m.",
            "El día 100 del año, 09:00–17:00",
        ),
        (
            {"byyearday": "1,-1"},
            "On day 1 and the last day of the year, 9 a.m.–5 p.m.",
            "El día 1 y el último día del año, 09:00–17:00",
        ),
        (
            {"byday": "MO", "byyearday": "-3"},
            "Every Monday on day 3 from the end of the year, 9 a.m.–5 p.m.",
            "Cada lunes el día 3 contando desde el final del año, 09:00–17:00",
        ),
        (
            {"freq": "MONTHLY", "bymonthday": "1", "byweekno": "10"},
            "Day 1 of each month in week 10 of the year, 9 a.m.–5 p.m.",
            "El día 1 de cada mes en la semana 10 del año, 09:00–17:00",
        ),
        (
            {"byweekno": "10", "interval": 2, "dtstart": date(2026, 1, 5)},
            "Every day of every other week in week 10 of the year, 9 a.m.–5 p.m.",
            "Todos los días, cada dos semanas en la semana 10 del año, 09:00–17:00",
        ),
        (
            {"byday": "MO", "timezone": Decimal("-8")},
            "Every Monday, 9 a.m.–5 p.m. (UTC−8)",
            "Cada lunes, 09:00–17:00 (UTC−8)",
        ),
        (
            {"byday": "MO", "timezone": Decimal("5.5"), "until": date(2027, 3, 1)},
            "Every Monday, 9 a.m.–5 p.m. (UTC+5:30), until March 1, 2027",
            "Cada lunes, 09:00–17:00 (UTC+5:30), hasta el 1 de marzo de 2027",
        ),
        # The program's own offsets, standard and daylight time, are its clock: not said.
        ({"byday": "MO", "timezone": Decimal("-6")}, "Every Monday, 9 a.m.–5 p.m.", None),
        ({"byday": "MO", "timezone": Decimal("-5")}, "Every Monday, 9 a.m.–5 p.m.", None),
    ],
    ids=[
        "weeks",
        "first and last week",
        "week from the end",
        "day of the year",
        "first and last day of the year",
        "day from the end",
        "monthly in a week",
        "every other week in a week",
        "pacific offset",
        "half-hour offset",
        "program standard offset",
        "program daylight offset",
    ],
)
def test_weeks_days_of_the_year_and_offsets_in_plain_words(fields, english, spanish):
    schedule = rule(**fields)
    with translation.override("en"):
        assert hours_words.in_words(schedule, TODAY) == english
    if spanish:
        with translation.override("es"):
            assert hours_words.in_words(schedule, TODAY) == spanish


@pytest.mark.parametrize(
    ("fields", "yes", "no"),
    [
        # ISO weeks: 2026 has 53, and its week 53 runs from Monday December 28 to Sunday
        # January 3, 2027; week 1 of 2026 began on Monday December 29, 2025.
        (
            {"byday": "TU", "byweekno": "48"},
            [TODAY],
            [date(2026, 11, 17), date(2026, 12, 1), date(2027, 11, 23)],
        ),
        (
            {"byweekno": "53"},
            [date(2026, 12, 28), date(2027, 1, 3)],
            [date(2026, 12, 27), date(2027, 1, 4), date(2027, 12, 31)],
        ),
        (
            {"byweekno": "-1"},
            [date(2027, 1, 2), date(2025, 12, 28), date(2028, 1, 2)],
            [date(2025, 12, 29), date(2027, 1, 4), date(2027, 12, 26)],
        ),
        ({"byweekno": "1"}, [date(2025, 12, 29), date(2026, 1, 4)], [date(2026, 1, 5)]),
        # Weeks starting on Sunday (wkst): 2026's week 1 runs from Sunday January 4.
        (
            {"byweekno": "1", "wkst": "SU"},
            [date(2026, 1, 4), date(2026, 1, 10)],
            [date(2026, 1, 3), date(2026, 1, 11)],
        ),
        ({"byyearday": "100"}, [date(2026, 4, 10), date(2028, 4, 9)], [date(2026, 4, 11)]),
        (
            {"byyearday": "-1"},
            [date(2026, 12, 31), date(2028, 12, 31)],
            [date(2028, 12, 30), date(2026, 1, 1)],
        ),
        ({"byyearday": "366"}, [date(2028, 12, 31)], [date(2026, 12, 31)]),
        ({"byday": "TH", "byyearday": "-38"}, [], [TODAY, date(2026, 11, 26)]),
        (
            {"freq": "MONTHLY", "bymonthday": "-1", "byweekno": "48,49"},
            [date(2026, 11, 30)],
            [date(2026, 10, 31), date(2026, 12, 31)],
        ),
    ],
    ids=[
        "a tuesday in week 48",
        "week 53 across the new year",
        "the last week of each year",
        "week 1 from december",
        "weeks from sunday",
        "day 100",
        "the last day of the year",
        "day 366 in leap years",
        "a day of the year that is no thursday",
        "the last day of a month in weeks 48 and 49",
    ],
)
def test_whether_a_rule_narrowed_to_weeks_or_days_of_the_year_applies_on_a_day(fields, yes, no):
    schedule = rule(**fields)
    assert [hours.applies_on(schedule, day) for day in yes] == [True] * len(yes)
    assert [hours.applies_on(schedule, day) for day in no] == [False] * len(no)


def test_hours_on_another_clock_are_open_at_that_clock_s_hour_and_day():
    pacific = rule(byday="TU", timezone=Decimal("-8"))
    # 10:30 in Austin is 8:30 at UTC-8: not yet open; at 11:30 it is 9:30 there.
    assert not hours.open_at(pacific, datetime(2026, 11, 24, 10, 30, tzinfo=AUSTIN))
    assert hours.open_at(pacific, datetime(2026, 11, 24, 11, 30, tzinfo=AUSTIN))
    # Monday 8 p.m. in Austin is already Tuesday afternoon at UTC+14.
    kiribati = rule(byday="TU", timezone=Decimal("14"))
    assert hours.open_at(kiribati, datetime(2026, 11, 23, 20, 0, tzinfo=AUSTIN))
    assert not hours.open_at(kiribati, datetime(2026, 11, 24, 10, 0, tzinfo=AUSTIN))
    assert hours.opens_on_weekday(kiribati, "TU", datetime(2026, 11, 23, 20, 0, tzinfo=AUSTIN))


def test_the_program_s_own_offsets_are_read_as_its_clock_in_winter_and_summer():
    for offset in ("-6", "-5"):
        schedule = rule(byday="TU", timezone=Decimal(offset))
        assert hours.clock_of(schedule, 2026) is None
        assert hours.open_at(schedule, datetime(2026, 11, 24, 9, 30, tzinfo=AUSTIN))
        assert hours.open_at(schedule, datetime(2026, 7, 14, 9, 30, tzinfo=AUSTIN))
        assert not hours.open_at(schedule, datetime(2026, 7, 14, 8, 30, tzinfo=AUSTIN))
    assert hours.clock_of(rule(byday="TU", timezone=Decimal("-7")), 2026) is not None


def test_the_team_s_form_leaves_weeks_days_of_the_year_and_other_clocks_alone():
    assert hours.is_plain_weekly(rule(byday="MO", timezone=Decimal("-6")))
    assert not hours.is_plain_weekly(rule(byday="MO", byweekno="1"))
    assert not hours.is_plain_weekly(rule(byday="MO", byyearday="100"))
    assert not hours.is_plain_weekly(rule(byday="MO", timezone=Decimal("-8")))


def listing(name, **fields):
    organization = Organization.objects.create(name=f"{name} Inc.")
    service = Service.objects.create(organization=organization, name=name)
    Schedule.objects.create(service=service, **{"freq": "WEEKLY", **fields})
    return service


def test_open_now_and_the_day_filter_read_weeks_days_of_the_year_and_clocks():
    listing("Week 48 Clinic", byday="TU", byweekno="48", opens_at=time(9), closes_at=time(17))
    listing("Week 49 Clinic", byday="TU", byweekno="49", opens_at=time(9), closes_at=time(17))
    listing("Day 328 Fair", byyearday="328", opens_at=time(9), closes_at=time(17))
    listing(
        "Pacific Line", byday="TU", timezone=Decimal("-8"), opens_at=time(9), closes_at=time(17)
    )
    listing("Local Line", byday="TU", timezone=Decimal("-6"), opens_at=time(9), closes_at=time(17))

    def open_at(when, moment):
        found = services_matching(Criteria(open=when), now=moment)
        return sorted(service.name for service in found)

    morning = datetime(2026, 11, 24, 10, 30, tzinfo=AUSTIN)
    assert open_at("now", morning) == ["Day 328 Fair", "Local Line", "Week 48 Clinic"]
    later = datetime(2026, 11, 24, 11, 30, tzinfo=AUSTIN)
    assert open_at("now", later) == ["Day 328 Fair", "Local Line", "Pacific Line", "Week 48 Clinic"]
    # Asked for Tuesdays: week 49's Tuesday is next week's; day 328 is no Tuesday next year.
    assert open_at("TU", morning) == [
        "Day 328 Fair",
        "Local Line",
        "Pacific Line",
        "Week 48 Clinic",
        "Week 49 Clinic",
    ]
    assert open_at("WE", morning) == []


def test_the_standard_s_example_keeps_its_weeks_days_of_the_year_and_offset():
    text = (HSDS / "examples" / "service_full.json").read_text()
    text = text.replace('"latitude": 100', '"latitude": 30.25')
    report = directory_import(name="service_full.json", data=text.encode())
    schedule = Schedule.objects.get()
    assert (schedule.byweekno, schedule.byyearday, schedule.timezone) == ("41,42", "2,3,4", 3)
    assert "schedule: kept all 20 columns" in report.column_lines
    assert not any("byweekno" in line for line in report.column_lines)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("timezone", "America/Chicago", "is not an offset from UTC in hours, like -5."),
        ("timezone", "15", "Ensure this value is less than or equal to 14."),
        ("byweekno", "41,54", "Weeks of the year like 1,2 or -1 (the last), from 1 to 53."),
        ("byweekno", "0", "Weeks of the year like 1,2 or -1 (the last), from 1 to 53."),
        ("byyearday", "367", "Days of the year like 1,100 or -1 (the last), from 1 to 366."),
    ],
)
def test_a_week_day_of_the_year_or_offset_out_of_bounds_is_refused_in_words(column, value, message):
    given = {"timezone": '"timezone": 3', "byweekno": '"byweekno": "41,42"'}
    given["byyearday"] = '"byyearday": "2,3,4"'
    # Every nested copy of the schedule changed alike, so only the value is at fault.
    text = (
        (HSDS / "examples" / "service_full.json")
        .read_text()
        .replace('"latitude": 100', '"latitude": 30.25')
        .replace(given[column], f'"{column}": {json.dumps(value)}')
    )
    with pytest.raises(importer.ImportRefused) as refusal:
        directory_import(name="service.json", data=text.encode())
    errors = refusal.value.report.errors
    assert any(f"{column}: " in error and message in error for error in errors), errors


def test_the_listing_says_another_clock_s_offset_and_not_the_program_s(client):
    pacific = listing(
        "Pacific Line", byday="TU", timezone=Decimal("-8"), opens_at=time(9), closes_at=time(17)
    )
    local = listing(
        "Local Line", byday="TU", timezone=Decimal("-6"), opens_at=time(9), closes_at=time(17)
    )
    with time_machine.travel(datetime(2026, 11, 24, 10, 30, tzinfo=AUSTIN), tick=False):
        shown = client.get(pacific.get_absolute_url()).content.decode()
        plain = client.get(local.get_absolute_url()).content.decode()
    assert "Every Tuesday, 9 a.m.–5 p.m. (UTC−8)" in shown
    assert "Every Tuesday, 9 a.m.–5 p.m." in plain and "UTC" not in plain
