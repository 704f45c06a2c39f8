"""The search reads plain weekly rules in the database and the rest in Python
(directory.search.open_schedules); both must say what directory.hours.applies_on says,
the reading the listing uses. Held to each other here for any rule, any day and any
hour."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.hours import applies_on, applies_on_weekday
from directory.models import DAY_CODES, Organization, Schedule, Service
from directory.search import open_schedules

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")
TODAY = date(2026, 11, 24)

some_day = st.integers(-60, 60).map(lambda n: TODAY + timedelta(days=n))
days = st.lists(st.sampled_from(DAY_CODES), min_size=0, max_size=3, unique=True)
bounds = {
    "valid_from": st.none() | some_day,
    "valid_to": st.none() | some_day,
    "dtstart": st.none() | some_day,
    "until": st.none() | some_day,
    "opens_at": st.sampled_from([time(8), time(9), time(13)]),
    "closes_at": st.sampled_from([time(12), time(17)]),
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
#: The rest: other intervals, ordinal days, days of the month, counts, no days.
other_rule = st.fixed_dictionaries(
    {
        "freq": st.sampled_from(["WEEKLY", "", "MONTHLY"]),
        "interval": st.none() | st.integers(1, 3),
        "byday": st.one_of(
            days.map(",".join),
            st.tuples(st.sampled_from(["1", "2", "-1"]), st.sampled_from(DAY_CODES)).map("".join),
        ),
        "bymonthday": st.sampled_from(["", "1", "15", "-1"]),
        "count": st.none() | st.integers(1, 6),
        **bounds,
    }
)
rule = st.one_of(plain_rule, plain_rule, other_rule)


@pytest.fixture
def service():
    organization = Organization.objects.create(name="Anywhere Inc.")
    return Service.objects.create(organization=organization, name="Anywhere")


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rules=st.lists(rule, min_size=1, max_size=6), hour=st.integers(7, 18))
def test_the_database_and_python_find_the_same_schedules_open(service, rules, hour):
    Schedule.objects.all().delete()
    made = [Schedule.objects.create(service=service, **values) for values in rules]
    now = datetime.combine(TODAY, time(hour, 30), tzinfo=AUSTIN)
    found_now = set(
        Schedule.objects.filter(open_schedules("now", now)).values_list("pk", flat=True)
    )
    expected_now = {
        s.pk
        for s in made
        if s.opens_at <= now.time().replace(tzinfo=None) < s.closes_at and applies_on(s, TODAY)
    }
    assert found_now == expected_now
    for code in DAY_CODES:
        found = set(Schedule.objects.filter(open_schedules(code, now)).values_list("pk", flat=True))
        assert found == {s.pk for s in made if applies_on_weekday(s, code, TODAY)}, code
