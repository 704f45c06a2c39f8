"""schedule/occurrences.py finds the dates of the calendar's own rules ("every week",
"every two weeks", until a day) by arithmetic, without walking every date since the
series began. Here it is held to dateutil's reading of the same rules, which any other
rule still goes through: for any start, interval, last day and window, the two agree."""

from datetime import datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from schedule.models import Repeat
from schedule.occurrences import rule_between, weekly_between, weeks_apart

# Naive local times, as both read them: seconds and microseconds included, which dateutil
# drops from a start, and the days around both changes of the clock.
MOMENTS = st.datetimes(datetime(2023, 1, 1), datetime(2029, 12, 31))


@settings(max_examples=400, deadline=None)
@given(
    start=MOMENTS,
    weeks=st.integers(1, 5),
    last_day=st.none() | st.integers(-30, 2000),
    lower=MOMENTS,
    length=st.timedeltas(timedelta(0), timedelta(days=120)),
)
def test_a_weekly_rules_dates_by_arithmetic_are_dateutils(start, weeks, last_day, lower, length):
    until = None
    if last_day is not None:
        until = datetime.combine(start.date() + timedelta(days=last_day), time(23, 59, 59))
    rule = "FREQ=WEEKLY" if weeks == 1 else f"FREQ=WEEKLY;INTERVAL={weeks}"
    upper = lower + length
    assert weekly_between(start, weeks, until, lower, upper) == rule_between(
        rule, start, until, lower, upper
    )


def test_only_the_calendars_plain_weekly_rules_are_read_by_arithmetic():
    assert [weeks_apart(choice) for choice in Repeat.values if choice] == [1, 2]
    for other in ("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;COUNT=3", "freq=weekly"):
        assert weeks_apart(other) == 0
