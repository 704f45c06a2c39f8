from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from intake.business_days import due_at

CHICAGO = ZoneInfo("America/Chicago")
THANKSGIVING = date(2026, 11, 26)


def at(*args):
    return datetime(*args, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def _program_time_zone():
    with timezone.override(CHICAGO):
        yield


@pytest.mark.parametrize(
    "received, holidays, due",
    [
        # Monday afternoon: Wednesday, same time.
        (at(2026, 11, 9, 15, 30), set(), at(2026, 11, 11, 15, 30)),
        # Thursday: the weekend is skipped, due Monday.
        (at(2026, 11, 12, 10, 0), set(), at(2026, 11, 16, 10, 0)),
        # Friday evening: Tuesday evening.
        (at(2026, 11, 13, 21, 5), set(), at(2026, 11, 17, 21, 5)),
        # Saturday: the clock starts Monday at opening, due Wednesday 9:00.
        (at(2026, 11, 14, 11, 0), set(), at(2026, 11, 18, 9, 0)),
        # Sunday night, same.
        (at(2026, 11, 15, 23, 59), set(), at(2026, 11, 18, 9, 0)),
        # Tuesday before Thanksgiving and the day after: Thursday and Friday are skipped.
        (at(2026, 11, 24, 14, 0), {THANKSGIVING, date(2026, 11, 27)}, at(2026, 11, 30, 14, 0)),
        # Arriving on the holiday itself: the clock starts the next business day.
        (at(2026, 11, 26, 8, 0), {THANKSGIVING}, at(2026, 12, 1, 9, 0)),
    ],
)
def test_the_promise_is_two_business_days_skipping_weekends_and_holidays(received, holidays, due):
    assert due_at(received, holidays) == due


def test_the_clock_runs_in_the_programs_time_zone_not_utc():
    # 03:00 UTC on Saturday is still Friday evening in Chicago: due Tuesday evening.
    received = datetime(2026, 11, 14, 3, 0, tzinfo=ZoneInfo("UTC"))
    assert due_at(received, set()) == at(2026, 11, 17, 21, 0)
