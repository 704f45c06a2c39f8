"""The search reads plain weekly rules in the database and the rest in Python
(directory.search.open_schedules); both must say what directory.hours.applies_on says,
the reading the listing uses. Held to each other here for any rule, any day and any
hour, on the program's clock or on another offset from UTC (directory.hours.open_at)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.hours import open_at, opens_on_weekday
from directory.models import DAY_CODES, Organization, Schedule, Service
from directory.search import open_schedules

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")
# Tuesday of ISO week 48 (of 53, so week -6), day 328 of 365 (so day -38).
TODAY = date(2026, 11, 24)

# Days near today often: another clock's today is the program's yesterday or tomorrow.
some_day = (st.integers(-60, 60) | st.integers(-2, 2)).map(lambda n: TODAY + timedelta(days=n))
days = st.lists(st.sampled_from(DAY_CODES), min_size=0, max_size=3, unique=True)
bounds = {
    "valid_from": st.none() | some_day,
    "valid_to": st.none() | some_day,
    "dtstart": st.none() | some_day,
    "until": st.none() | some_day,
    "opens_at": st.sampled_from([time(0), time(8), time(9), time(13)]),
    "closes_at": st.sampled_from([time(12), time(17), time(23, 59)]),
    # None and the program's two offsets (Central standard and daylight time) are the
    # program's clock; the others are read on their own, where the day may be another.
    "timezone": st.none() | st.sampled_from(["-6", "-5", "-6", "-5", "-8", "5.5"]).map(Decimal),
}
#: Most directories' hours: every week on plain days, bounded by dates at most.
plain_rule = st.fixed_dictionaries(
    {
        "freq": st.sampled_from(["WEEKLY", ""]),
        "interval": st.sampled_from([None, 1]),
        "byday": days.filter(bool).map(",".join),
        **bounds,
    }
)
#: The rest: other intervals, ordinal days, days of the month, counts, no days, weeks
#: and days of the year (this week, last or next, counted from either end).
other_rule = st.fixed_dictionaries(
    {
        "freq": st.sampled_from(["WEEKLY", "", "MONTHLY"]),
        "interval": st.none() | st.integers(1, 3),
        "byday": st.one_of(
            days.map(",".join),
            st.tuples(st.sampled_from(["1", "2", "-1"]), st.sampled_from(DAY_CODES)).map("".join),
        ),
        "bymonthday": st.sampled_from(["", "1", "15", "-1"]),
        "byweekno": st.sampled_from(["", "", "48", "47,49", "-6", "1,-1"]),
        "byyearday": st.sampled_from(["", "", "328", "-38", "329,330", "1"]),
        "count": st.none() | st.integers(1, 6),
        **bounds,
    }
)
#: Plain weekly rules but for weeks or days of the year, which the database must not read.
narrowed_rule = st.fixed_dictionaries(
    {
        "freq": st.sampled_from(["WEEKLY", ""]),
        "byday": days.filter(bool).map(",".join),
        "byweekno": st.sampled_from(["", "48", "47,49", "-6", "1,-1"]),
        "byyearday": st.sampled_from(["", "328", "-38", "329,330", "1"]),
        **bounds,
    }
).filter(lambda rule: rule["byweekno"] or rule["byyearday"])
#: Plain weekly rules on another clock than the program's, which Python reads.
elsewhere_rule = st.fixed_dictionaries(
    {
        "byday": days.filter(bool).map(",".join),
        **bounds,
        "timezone": st.sampled_from(["-8", "3", "5.5", "-3.5", "14", "-12"]).map(Decimal),
    }
)
rule = st.one_of(plain_rule, narrowed_rule, elsewhere_rule, other_rule)


@pytest.fixture
def service():
    organization = Organization.objects.create(name="Anywhere Inc.")
    return Service.objects.create(organization=organization, name="Anywhere")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rules=st.lists(rule, min_size=1, max_size=6), hour=st.integers(0, 23))
def test_the_database_and_python_find_the_same_schedules_open(service, rules, hour):
    Schedule.objects.all().delete()
    made = [Schedule.objects.create(service=service, **values) for values in rules]
    now = datetime.combine(TODAY, time(hour, 30), tzinfo=AUSTIN)
    found_now = set(
        Schedule.objects.filter(open_schedules("now", now)).values_list("pk", flat=True)
    )
    assert found_now == {s.pk for s in made if open_at(s, now)}
    for code in DAY_CODES:
        found = set(Schedule.objects.filter(open_schedules(code, now)).values_list("pk", flat=True))
        assert found == {s.pk for s in made if opens_on_weekday(s, code, now)}, code
