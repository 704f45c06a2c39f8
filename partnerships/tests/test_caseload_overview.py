"""The coach's home reads their caseload once and finds in it what the database would:
the same partnerships, stage counts and lists of what needs attention."""

from datetime import date, timedelta

import pytest

from home.testing import partnership_for
from partnerships.models import Coverage, Stage
from partnerships.selectors import (
    caseload_overview,
    needing_attention,
    partnership_list,
    stage_counts,
)

pytestmark = pytest.mark.django_db


def pks(partnerships) -> list[int]:
    return [p.pk for p in partnerships]


def test_a_coachs_caseload_read_once_says_what_the_database_says(coach, other_coach):
    today = date.today()
    for stage, days, children in [
        (Stage.REFERRED, 10, 1),  # waiting for an introduction
        (Stage.REFERRED, 3, 1),  # not yet
        (Stage.ACTIVE, 100, 2),  # stalled
        (Stage.ACTIVE, 30, 0),  # without children
        (Stage.TRANSITION_HOME, 91, 1),
        (Stage.INTRODUCED, 89, 1),
        (Stage.CLOSED, 400, 0),  # closed: never needs attention
    ]:
        partnership_for(
            coach=coach, stage=stage, since=today - timedelta(days=days), children=children
        )
    # Covered today: in what needs attention, not in the coach's own caseload.
    partnership_for(coach=other_coach, stage=Stage.ACTIVE, since=today - timedelta(days=200))
    Coverage.objects.create(
        coach=other_coach, covering_coach=coach, starts_on=today, ends_on=today + timedelta(days=7)
    )
    overview = caseload_overview(coach, today=today)
    mine = partnership_list(coach).filter(coach=coach)
    assert pks(overview.partnerships) == pks(mine)
    assert overview.counts == stage_counts(mine)
    expected = needing_attention(coach, today=today)
    assert {name: pks(found) for name, found in overview.attention.items()} == {
        name: pks(found) for name, found in expected.items()
    }
    assert all(overview.attention.values())


def test_a_directors_caseload_is_asked_of_the_database(director, coach):
    partnership_for(coach=coach, stage=Stage.REFERRED, since=date.today() - timedelta(days=10))
    overview = caseload_overview(director)
    assert overview.partnerships == []
    assert len(overview.attention["waiting_for_introduction"]) == 1
