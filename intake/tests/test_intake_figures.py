"""The director's intake figures (intake.selectors.intake_figures), held to what reading
every form one by one gives: the weeks as the database truncates them, the promise kept
and the median wait."""

import statistics
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from intake.models import Submission
from intake.selectors import intake_figures

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")
#: A Wednesday afternoon; eight weeks back is a Wednesday too, in the middle of a week.
#: In UTC, as timezone.now() gives it: eight weeks back is then across the change from
#: daylight time, an hour later on the clock than eight weeks of the clock's days.
NOW = datetime(2026, 11, 25, 21, tzinfo=UTC)


def received(at: datetime, *, kind="birth_parent", source="interest", contacted=None, due=None):
    submission = Submission.objects.create(
        kind=kind, source=source, first_name="Ana", sender="test", due_at=due or at
    )
    Submission.objects.filter(pk=submission.pk).update(received_at=at, first_contact_at=contacted)


def forms_around_the_weeks_edges():
    """Forms at the edges of weeks on the program's clock and on others: Sunday a minute
    before midnight, Monday at midnight, Monday at midnight in UTC, and just after the
    period began and just before it did."""
    since = NOW - timedelta(weeks=8)
    monday = datetime(2026, 11, 23, tzinfo=AUSTIN)
    for weeks_ago in range(9):
        midnight = monday - timedelta(weeks=weeks_ago)
        received(midnight, kind="referral")
        received(midnight - timedelta(minutes=1), source="contact")
        received(midnight.replace(tzinfo=UTC), kind="community")
        received(midnight + timedelta(hours=36), contacted=midnight + timedelta(hours=40))
    received(since + timedelta(seconds=1), kind="other")
    received(since - timedelta(seconds=1), kind="other")


def truncated_by_the_database():
    """The weeks as TruncWeek gives them, each form's time truncated one by one."""
    return list(
        Submission.objects.filter(received_at__gte=NOW - timedelta(weeks=8))
        .annotate(week=TruncWeek("received_at"))
        .values("week", "kind", "source")
        .annotate(n=Count("pk"))
        .order_by("-week", "kind", "source")
    )


@pytest.mark.parametrize("reader_zone", ["America/Chicago", "UTC", "Asia/Kolkata"])
def test_forms_are_counted_in_the_weeks_the_database_would_truncate_them_to(reader_zone):
    forms_around_the_weeks_edges()
    with time_machine.travel(NOW, tick=False), timezone.override(ZoneInfo(reader_zone)):
        per_week = intake_figures()["per_week"]
        expected = truncated_by_the_database()
    assert [(row["week"], row["kind"], row["source"], row["n"]) for row in per_week] == [
        (row["week"], row["kind"], row["source"], row["n"]) for row in expected
    ]
    assert {row["kind_label"] for row in per_week} >= {"Caseworker or attorney referring a family"}


@time_machine.travel(NOW, tick=False)
def test_the_promise_and_the_median_wait_count_only_the_forms_due_or_answered():
    day = timedelta(days=1)
    received(NOW - 5 * day, due=NOW - 3 * day, contacted=NOW - 4 * day)  # kept, 1 day
    received(NOW - 5 * day, due=NOW - 3 * day, contacted=NOW - 2 * day)  # late, 3 days
    received(NOW - 5 * day, due=NOW - 3 * day)  # missed, never contacted
    received(NOW - day, due=NOW + day, contacted=NOW - day / 2)  # kept before it was due
    received(NOW - day, due=NOW + day)  # not due yet: not judged
    received(NOW - 60 * day, due=NOW - 58 * day, contacted=NOW - 59 * day)  # before the weeks
    figures = intake_figures()
    assert figures["promise_counted"] == 4
    assert figures["promise_kept_share"] == 50
    assert figures["median_to_contact"] == statistics.median([day, 3 * day, day / 2])


def test_no_forms_give_no_figures():
    figures = intake_figures()
    assert figures["per_week"] == []
    assert figures["promise_counted"] == 0
    assert figures["promise_kept_share"] is None and figures["median_to_contact"] is None


def test_the_figures_are_counted_once_a_minute_for_each_clock():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    received(timezone.now())
    first = intake_figures()
    received(timezone.now())
    with CaptureQueriesContext(connection) as queries:
        assert intake_figures() == first
    assert len(queries) == 0
    # Another clock's weeks are counted afresh.
    with timezone.override(ZoneInfo("Asia/Kolkata")):
        assert sum(row["n"] for row in intake_figures()["per_week"]) == 2
