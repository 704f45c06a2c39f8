"""List and report pages run a fixed number of queries whatever the row count.

Lazy loads already fail every test (conftest: FETCH_RAISE); these tests also check that
the count does not grow with more rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import query
from django.db.models.fetch_modes import FETCH_RAISE
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from families.models import Child
from home.testing import partnership_for


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_lazy_loads_fail_in_tests(partnership):
    assert query.DEFAULT_FETCH_MODE is FETCH_RAISE
    child = Child.objects.first()
    with pytest.raises(Exception, match="blocked"):
        child.birth_family  # noqa: B018


@pytest.mark.parametrize(
    "url_name",
    ["home:home", "partnerships:list", "families:family_list", "families:home_list"],
)
def test_a_coachs_list_pages_run_the_same_queries_for_3_or_30_partnerships(
    client_for, coach, director, url_name
):
    for _ in range(3):
        partnership_for(coach=coach, children=2)
    client = client_for(coach)
    url = reverse(url_name)
    few = queries_for(client, url)
    for _ in range(27):
        partnership_for(coach=coach, children=2)
    assert queries_for(client, url) == few


@pytest.mark.parametrize("url_name", ["home:home", "audit:search"])
def test_the_directors_pages_run_the_same_queries_for_3_or_30_partnerships(
    client_for, coach, director, url_name
):
    client = client_for(director)
    for _ in range(3):
        partnership_for(coach=coach, children=2)
    client.get(reverse("partnerships:list"))
    # Both readings count the program's figures afresh, not from the cache.
    cache.clear()
    few = queries_for(client, reverse(url_name))
    for _ in range(27):
        partnership_for(coach=coach, children=2)
    cache.clear()
    assert queries_for(client, reverse(url_name)) == few


def test_the_directors_home_counts_the_program_once_a_minute(client_for, coach, director):
    partnership_for(coach=coach, children=2)
    client = client_for(director)
    counted = queries_for(client, reverse("home:home"))
    # The five queries of the program's figures are not asked again within the minute.
    assert queries_for(client, reverse("home:home")) == counted - 5


def test_a_parents_home_page_runs_a_fixed_number_of_queries(client_for, birth_parent, partnership):
    # 15, two for their gathering replies and the next gatherings, one for how far
    # each partnership's road home has come, and one for whether anything is new behind
    # the tabs (home.unread).
    assert queries_for(client_for(birth_parent), reverse("home:home")) <= 19


def test_the_triage_queue_runs_the_same_queries_for_3_or_30_forms(client_for, coach):
    from datetime import timedelta

    from django.utils import timezone

    from intake.models import ContactAttempt, Submission

    def forms(n):
        for i in range(n):
            submission = Submission.objects.create(
                kind="birth_parent",
                first_name=f"P{i}",
                sender="x",
                assigned_to=coach,
                due_at=timezone.now() + timedelta(hours=i),
            )
            ContactAttempt.objects.create(submission=submission, method="texted", made_by=coach)

    client = client_for(coach)
    forms(3)
    few = queries_for(client, reverse("intake:queue"))
    forms(27)
    assert queries_for(client, reverse("intake:queue")) == few
