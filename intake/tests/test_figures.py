"""Intake's figure on the outcomes dashboard: forms against the two-day promise."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.zones import program_zone
from home.testing import partnership_for
from intake.figures import response_time
from intake.models import Submission
from partnerships.figures import Scope, Share, registered
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

# Monday 2 to Friday 6 March 2026, both days included.
START, END = date(2026, 3, 2), date(2026, 3, 6)


def local(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in March 2026 on the program's clock."""
    return datetime(2026, 3, day, hour, minute, tzinfo=program_zone())


def form(received: datetime, *, due: datetime | None = None, waited=None, **fields):
    """A form received at `received`, due two days on unless said, first contacted after
    `waited` (a timedelta) when given."""
    submission = Submission.objects.create(
        kind="birth_parent",
        first_name="Ana",
        phone="+15125550100",
        county=fields.pop("county", "Travis"),
        due_at=due or received + timedelta(days=2),
        first_contact_at=received + waited if waited is not None else None,
        sender="test",
        **fields,
    )
    # received_at is stamped on arrival; the figure reads the day it says.
    Submission.objects.filter(pk=submission.pk).update(received_at=received)
    return submission


def scope(**fields) -> Scope:
    return Scope(
        **{"partnerships": Partnership.objects.all(), "start": START, "end": END, **fields}
    )


def table_of(**fields):
    table = response_time(scope(**fields))
    return [(row.label, *row.values) for row in table.rows]


def test_the_forms_are_counted_by_where_they_stand_against_the_promise_with_the_median_wait():
    hours = timedelta(hours=1)
    # Kept: 6, 12 and 36 hours (due in three days); the middle is 12 hours.
    form(local(2, 0, 30), waited=6 * hours)
    form(local(3), waited=12 * hours)
    form(local(4), due=local(7), waited=36 * hours)
    # Late: four days, past the two.
    form(local(6, 23, 30), waited=96 * hours)
    # Not contacted: one still has time, one is past due, one was closed unanswered.
    form(local(5), due=timezone.now() + timedelta(days=1))
    form(local(5))
    form(local(5), closed_at=local(5, 11), outcome="not_eligible")

    assert table_of() == [
        ("Contacted within two business days", 3, Share(3, 7), 0.5),
        ("Contacted later", 1, Share(1, 7), 4.0),
        ("Not contacted yet, still within the promise", 1, Share(1, 7), None),
        ("Not contacted, past due", 1, Share(1, 7), None),
        ("Closed without a contact", 1, Share(1, 7), None),
    ]


def test_two_middle_waits_make_the_median_their_mean():
    form(local(2), waited=timedelta(hours=6))
    form(local(3), waited=timedelta(hours=18))

    assert table_of()[0] == ("Contacted within two business days", 2, Share(2, 2), 0.5)


def test_the_first_and_last_days_of_the_period_count_and_the_days_around_them_do_not():
    form(local(1, 23, 59))  # Sunday, the day before
    form(local(2, 0, 0))  # the first day's first minute
    form(local(6, 23, 59))  # the last day's last minute
    form(local(7, 0, 0))  # Saturday, the day after

    assert sum(row[1] for row in table_of()) == 2


def test_nothing_received_gives_every_row_at_zero():
    assert table_of() == [
        ("Contacted within two business days", 0, Share(0, 0), None),
        ("Contacted later", 0, Share(0, 0), None),
        ("Not contacted yet, still within the promise", 0, Share(0, 0), None),
        ("Not contacted, past due", 0, Share(0, 0), None),
        ("Closed without a contact", 0, Share(0, 0), None),
    ]


def test_the_county_filter_reads_the_form_s_county_whatever_its_case():
    form(local(3), county="Travis")
    form(local(3), county="TRAVIS")
    form(local(3), county="Hays")

    assert sum(row[1] for row in table_of(county=" travis ")) == 2


def test_the_coach_filter_counts_the_forms_assigned_to_that_coach(coach, other_coach):
    form(local(3), assigned_to=coach, waited=timedelta(hours=1))
    form(local(3), assigned_to=other_coach, waited=timedelta(hours=1))
    form(local(3))

    assert table_of(coach=coach)[0][1] == 1


def test_a_family_outside_the_scope_s_partnerships_is_not_counted(partnership, other_partnership):
    # The other family did not consent: the dashboard leaves its partnership out.
    form(local(3), partnership=partnership)
    form(local(3), partnership=other_partnership)
    form(local(3))  # an inquiry, no family yet

    consenting = Partnership.objects.exclude(pk=other_partnership.pk)
    assert sum(row[1] for row in table_of(partnerships=consenting)) == 2


def test_a_fund_s_report_counts_its_families_forms_and_no_inquiries(partnership):
    form(local(3), partnership=partnership)
    form(local(3))  # an inquiry belongs to no fund's family

    kept = Partnership.objects.filter(pk=partnership.pk)
    total = sum(row[1] for row in table_of(partnerships=kept, narrowed={"fund": "1"}))
    assert total == 1


def test_a_coach_s_own_caseload_counts_only_their_inquiries_and_their_families(
    coach, other_coach, partnership, other_partnership
):
    form(local(3), partnership=partnership)
    form(local(3), partnership=other_partnership, assigned_to=coach)
    form(local(3), assigned_to=coach)
    form(local(3), assigned_to=other_coach)
    form(local(3))

    caseload = Partnership.objects.filter(coach=coach)
    counted = table_of(partnerships=caseload, consented_only=False, user=coach)
    assert sum(row[1] for row in counted) == 2


def test_rows_open_the_queue_for_the_team_and_nothing_for_others(coach, finance):
    queue = reverse("intake:queue")
    assert {row.link for row in response_time(scope(user=coach)).rows} == {queue}
    assert response_time(scope(user=coach, county="Hays")).rows[0].link == f"{queue}?county=Hays"
    assert {row.link for row in response_time(scope(user=finance)).rows} == {""}
    assert {row.link for row in response_time(scope()).rows} == {""}


def test_the_figure_is_one_query_however_many_forms(django_assert_num_queries, director):
    director.roles  # noqa: B018 — the asker's roles are read once per request, not here
    form(local(3), waited=timedelta(hours=2))
    with django_assert_num_queries(1):
        response_time(scope(user=director))
    for day in range(2, 7):
        form(local(day), waited=timedelta(days=3), partnership=partnership_for(coach=director))
        form(local(day), closed_at=local(day, 12))
        form(local(day), due=local(day, 11))
    with django_assert_num_queries(1):
        table = response_time(scope(user=director))
    assert [row.values[0] for row in table.rows] == [1, 5, 0, 5, 5]


def test_the_dashboard_s_registry_holds_the_figure():
    (figure,) = [figure for figure in registered() if figure.name == "intake-response"]
    assert (figure.order, figure.compute) == (100, response_time)


def test_the_title_and_rows_speak_the_asker_s_language():
    from django.utils import translation

    with translation.override("es"):
        table = response_time(scope())
    assert table.title != "Intake response time against the two-day promise"
    assert table.rows[0].label != "Contacted within two business days"
