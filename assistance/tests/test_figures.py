"""Financial support's figure on the outcomes dashboard: help paid by fund and need."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assistance.figures import paid_by_fund_and_need
from assistance.models import AssistanceRequest, Entry, Fund, Source, Status
from home.testing import partnership_for, payment_made
from partnerships.figures import Scope, registered
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def general(db):
    return Fund.objects.create(name="General fund", source=Source.GENERAL, budget=Decimal("9000"))


@pytest.fixture
def pay(coach, finance):
    """pay(partnership, fund, need, amount, paid_on): a request approved and paid, its
    payment in the ledger as finance records it."""

    def make(partnership, fund, need, amount, paid_on):
        return payment_made(
            partnership,
            fund,
            need=need,
            amount=amount,
            paid_on=paid_on,
            requested_by=coach,
            paid_by=finance,
        )

    return make


def scope(partnerships=None, **fields) -> Scope:
    partnerships = Partnership.objects.all() if partnerships is None else partnerships
    return Scope(partnerships=partnerships, start=START, end=END, **fields)


def rows_of(table) -> list[tuple]:
    return [(row.label, *row.values) for row in table.rows]


def test_the_help_paid_is_counted_and_summed_by_fund_and_need(pay, partnership, fund, general):
    pay(partnership, fund, "car_repair", "400.00", date(2026, 3, 2))
    pay(partnership, fund, "car_repair", "150.50", date(2026, 3, 20))
    pay(partnership, fund, "work_tools", "89.99", date(2026, 3, 9))
    pay(partnership, general, "rent", "1200.00", date(2026, 3, 5))

    table = paid_by_fund_and_need(scope())
    assert rows_of(table) == [
        ("General fund — Rent or deposit", 1, 1200),
        ("Keep Families Working grant — Car repair", 2, 551),
        ("Keep Families Working grant — Work clothes, tools or uniforms", 1, 90),
    ]
    assert (table.key, table.chart) == ("assistance-paid", 1)


def test_the_first_and_last_days_count_and_the_days_around_them_do_not(pay, partnership, fund):
    pay(partnership, fund, "transportation", "10", date(2026, 2, 28))
    pay(partnership, fund, "transportation", "20", date(2026, 3, 1))
    pay(partnership, fund, "transportation", "30", date(2026, 3, 31))
    pay(partnership, fund, "transportation", "40", date(2026, 4, 1))

    assert rows_of(paid_by_fund_and_need(scope())) == [
        ("Keep Families Working grant — Transportation", 2, 50)
    ]


def test_a_reversed_payment_is_not_counted_and_the_new_one_is(pay, partnership, fund, finance):
    voided = pay(partnership, fund, "car_repair", "300", date(2026, 3, 3))
    Entry.objects.create(
        fund=fund,
        request=voided.request,
        amount=-voided.amount,
        paid_on=date(2026, 3, 4),
        payee=voided.payee,
        reverses=voided,
        note="Check lost in the mail.",
        by=finance,
    )
    # Approved again and not yet paid anew: nothing paid.
    AssistanceRequest.objects.filter(pk=voided.request_id).update(status=Status.APPROVED)
    assert rows_of(paid_by_fund_and_need(scope())) == []

    Entry.objects.create(
        fund=fund,
        request=voided.request,
        amount=voided.amount,
        paid_on=date(2026, 3, 6),
        payee=voided.payee,
        by=finance,
    )
    AssistanceRequest.objects.filter(pk=voided.request_id).update(status=Status.PAID)
    assert rows_of(paid_by_fund_and_need(scope())) == [
        ("Keep Families Working grant — Car repair", 1, 300)
    ]


def test_a_family_outside_the_scope_s_partnerships_is_not_counted(
    pay, partnership, other_partnership, fund
):
    # The other family did not consent: the dashboard leaves its partnership out.
    pay(partnership, fund, "car_repair", "100", date(2026, 3, 3))
    pay(other_partnership, fund, "car_repair", "700", date(2026, 3, 3))

    consenting = Partnership.objects.exclude(pk=other_partnership.pk)
    assert rows_of(paid_by_fund_and_need(scope(consenting))) == [
        ("Keep Families Working grant — Car repair", 1, 100)
    ]


def test_the_coach_filter_arrives_through_the_partnerships(
    pay, partnership, other_partnership, fund, coach
):
    pay(partnership, fund, "work_tools", "60", date(2026, 3, 3))
    pay(other_partnership, fund, "work_tools", "80", date(2026, 3, 3))

    coached = Partnership.objects.filter(coach=coach)
    assert rows_of(paid_by_fund_and_need(scope(coached))) == [
        ("Keep Families Working grant — Work clothes, tools or uniforms", 1, 60)
    ]


def test_rows_open_the_fund_s_ledger_or_the_support_page_for_those_who_may(
    pay, partnership, fund, director, coach, birth_parent
):
    pay(partnership, fund, "car_repair", "100", date(2026, 3, 3))

    def link(user):
        (row,) = paid_by_fund_and_need(scope(user=user)).rows
        return row.link

    assert link(director) == reverse("assistance:fund", args=[fund.pk])
    assert link(coach) == reverse("assistance:index")
    assert link(birth_parent) == ""
    assert link(None) == ""


def test_the_figure_is_one_query_however_many_payments(
    pay, partnership, fund, general, coach, django_assert_num_queries
):
    pay(partnership, fund, "car_repair", "100", date(2026, 3, 3))
    with django_assert_num_queries(1):
        paid_by_fund_and_need(scope())
    for day in range(1, 21):
        family = partnership_for(coach=coach)
        pay(family, general, "utilities", "25", date(2026, 3, day))
        pay(family, fund, "transportation", "5", date(2026, 3, day))
    with django_assert_num_queries(1):
        rows = rows_of(paid_by_fund_and_need(scope()))
    assert rows == [
        ("General fund — Utilities", 20, 500),
        ("Keep Families Working grant — Car repair", 1, 100),
        ("Keep Families Working grant — Transportation", 20, 100),
    ]


def test_the_dashboard_s_registry_holds_the_figure():
    (figure,) = [figure for figure in registered() if figure.name == "assistance-paid"]
    assert (figure.order, figure.compute) == (120, paid_by_fund_and_need)


def test_the_title_and_needs_speak_the_asker_s_language(pay, partnership, fund):
    from django.utils import translation

    pay(partnership, fund, "car_repair", "100", date(2026, 3, 3))
    with translation.override("es"):
        table = paid_by_fund_and_need(scope())
    assert table.title != "Assistance paid by fund and need"
    assert table.rows[0].label.startswith("Keep Families Working grant — ")
    assert not table.rows[0].label.endswith("Car repair")


def test_a_fund_narrows_the_figures_to_the_families_it_paid_for_in_the_period(
    pay, partnership, coach, fund, general
):
    from assistance.figures import families_paid_by

    other = partnership_for(coach=coach, children=0)
    pay(partnership, fund, "car_repair", "400.00", date(2026, 3, 2))
    pay(other, general, "rent", "1200.00", date(2026, 3, 5))
    pay(other, fund, "rent", "50.00", date(2026, 4, 2))  # after the period

    kept = families_paid_by(Partnership.objects.all(), str(fund.pk), START, END)
    assert list(kept) == [partnership]
    assert list(families_paid_by(Partnership.objects.all(), "not-a-fund", START, END)) == []
    table = paid_by_fund_and_need(scope(narrowed={"fund": str(fund.pk)}))
    assert rows_of(table) == [("Keep Families Working grant — Car repair", 1, 400)]


def test_the_help_that_kept_a_job_is_added_up_again_as_job_security(
    pay, partnership, other_partnership, fund, general, django_assert_num_queries
):
    brakes = pay(partnership, fund, "car_repair", "400.00", date(2026, 3, 2))
    pay(partnership, fund, "car_repair", "100.00", date(2026, 3, 3))
    boots = pay(other_partnership, general, "work_tools", "89.60", date(2026, 3, 9))
    pay(partnership, general, "rent", "1200.00", date(2026, 3, 5))
    AssistanceRequest.objects.filter(pk__in=[brakes.request_id, boots.request_id]).update(
        for_work=True
    )
    with django_assert_num_queries(1):
        table = paid_by_fund_and_need(scope())
    assert rows_of(table) == [
        ("General fund — Rent or deposit", 1, 1200),
        ("General fund — Work clothes, tools or uniforms", 1, 90),
        ("Keep Families Working grant — Car repair", 2, 500),
        ("Job security", 2, 490),
    ]
    assert table.rows[-1].link == ""
