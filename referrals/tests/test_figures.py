"""Referrals' figure on the outcomes dashboard: referrals completed, by need."""

from datetime import date

import pytest
from django.utils import timezone

from directory.demo import load_directory
from home.testing import partnership_for
from partnerships.figures import Scope, Share, registered
from partnerships.models import Partnership
from referrals.figures import completed_by_need
from referrals.models import Referral, Status, Step

pytestmark = pytest.mark.django_db

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def service(db):
    return load_directory(timezone.localdate())[0]


@pytest.fixture
def refer(service, coach):
    """refer(partnership, need, sent_on, *later statuses): a referral sent on `sent_on`
    that went through the later statuses, each a step as the services write them."""

    def make(partnership, need, sent_on, *statuses):
        referral = Referral.objects.create(
            person=partnership.birth_family.parents.first() or coach.person,
            partnership=partnership,
            service=service,
            need=need,
            status=statuses[-1] if statuses else Status.SENT,
            status_on=sent_on,
            created_by=coach,
        )
        for status in (Status.SENT, *statuses):
            Step.objects.create(referral=referral, status=status, on=sent_on, by=coach)
        return referral

    return make


def scope(partnerships=None) -> Scope:
    partnerships = Partnership.objects.all() if partnerships is None else partnerships
    return Scope(partnerships=partnerships, start=START, end=END)


def rows_of(table) -> dict[str, tuple]:
    return {row.label: row.values for row in table.rows}


def test_every_need_has_a_row_with_the_referrals_made_and_those_completed(refer, partnership):
    refer(partnership, "housing", date(2026, 3, 1), Status.CONTACTED, Status.RECEIVED)
    refer(partnership, "housing", date(2026, 3, 10), Status.DECLINED)
    refer(partnership, "housing", date(2026, 3, 31))
    refer(partnership, "food", date(2026, 3, 12), Status.RECEIVED)
    refer(partnership, "legal", date(2026, 3, 12), Status.ACCEPTED)

    table = completed_by_need(scope())
    assert [row.label for row in table.rows][:3] == ["Housing", "Jobs and work", "Childcare"]
    assert len(table.rows) == 10
    rows = rows_of(table)
    assert rows["Housing"] == (3, 1, Share(1, 3))
    assert rows["Food"] == (1, 1, Share(1, 1))
    assert rows["Legal aid"] == (1, 0, Share(0, 1))
    assert rows["Counseling"] == (0, 0, Share(0, 0))
    assert table.chart == 1 and table.key == "referrals-by-need"


def test_the_first_and_last_days_count_and_the_days_around_them_do_not(refer, partnership):
    refer(partnership, "work", date(2026, 2, 28), Status.RECEIVED)
    refer(partnership, "work", date(2026, 3, 1), Status.RECEIVED)
    refer(partnership, "work", date(2026, 3, 31))
    refer(partnership, "work", date(2026, 4, 1), Status.RECEIVED)

    assert rows_of(completed_by_need(scope()))["Jobs and work"] == (2, 1, Share(1, 2))


def test_a_referral_is_counted_in_the_period_it_was_made_not_the_one_it_ended(refer, partnership):
    referral = refer(partnership, "food", date(2026, 2, 20))
    Step.objects.create(
        referral=referral, status=Status.RECEIVED, on=date(2026, 3, 5), by=referral.created_by
    )
    Referral.objects.filter(pk=referral.pk).update(status=Status.RECEIVED, status_on="2026-03-05")

    assert rows_of(completed_by_need(scope()))["Food"] == (0, 0, Share(0, 0))


def test_a_family_outside_the_scope_s_partnerships_is_not_counted(
    refer, partnership, other_partnership
):
    # The other family did not consent: the dashboard leaves its partnership out.
    refer(partnership, "health", date(2026, 3, 3), Status.RECEIVED)
    refer(other_partnership, "health", date(2026, 3, 3), Status.RECEIVED)

    consenting = Partnership.objects.exclude(pk=other_partnership.pk)
    assert rows_of(completed_by_need(scope(consenting)))["Health care"] == (1, 1, Share(1, 1))


def test_the_coach_filter_arrives_through_the_partnerships(
    refer, partnership, other_partnership, coach
):
    refer(partnership, "recovery", date(2026, 3, 3))
    refer(other_partnership, "recovery", date(2026, 3, 3))

    coached = Partnership.objects.filter(coach=coach)
    assert rows_of(completed_by_need(scope(coached)))["Recovery"] == (1, 0, Share(0, 1))


def test_the_figure_is_one_query_however_many_referrals(
    refer, partnership, coach, django_assert_num_queries
):
    refer(partnership, "housing", date(2026, 3, 3), Status.RECEIVED)
    with django_assert_num_queries(1):
        completed_by_need(scope())
    for day in range(1, 21):
        family = partnership_for(coach=coach)
        refer(family, "childcare", date(2026, 3, day), Status.RECEIVED)
        refer(family, "parenting", date(2026, 3, day), Status.NO_RESPONSE)
    with django_assert_num_queries(1):
        rows = rows_of(completed_by_need(scope()))
    assert rows["Childcare"] == (20, 20, Share(20, 20))
    assert rows["Parenting support"] == (20, 0, Share(0, 20))


def test_the_dashboard_s_registry_holds_the_figure():
    (figure,) = [figure for figure in registered() if figure.name == "referrals-by-need"]
    assert (figure.order, figure.compute) == (110, completed_by_need)


def test_the_title_and_needs_speak_the_asker_s_language():
    from django.utils import translation

    with translation.override("es"):
        table = completed_by_need(scope())
    assert table.title != "Referrals completed by need"
    assert table.rows[0].label == "Vivienda"
