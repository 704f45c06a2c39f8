"""The year after reunification on the outcomes dashboard: worked by hand over the second
half of February and March."""

from datetime import date

import pytest
from django.utils import translation

from aftercare.figures import year_after
from aftercare.models import FollowUp
from home.testing import partnership_for
from partnerships.figures import Kind, Scope, Share, registered
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

PERIOD = {"start": date(2026, 2, 15), "end": date(2026, 3, 31)}


def check_in(partnership, due_on, done_on=None, warning=False, job=""):
    return FollowUp.objects.create(
        partnership=partnership, due_on=due_on, done_on=done_on, warning=warning, job=job
    )


@pytest.fixture
def check_ins(partnership, other_partnership):
    """Due and held on the period's first and last days and just outside them; one held
    late, after the period; one not held; one with warning signs outside the scope. The
    parent kept her job, then lost it, then found another."""
    check_in(partnership, date(2026, 2, 10), done_on=date(2026, 2, 14), job="same")
    check_in(partnership, date(2026, 2, 14), done_on=date(2026, 2, 16), job="same")
    check_in(partnership, date(2026, 2, 15), done_on=date(2026, 2, 20), warning=True, job="lost")
    check_in(partnership, date(2026, 3, 10), done_on=date(2026, 3, 31), job="changed")
    check_in(partnership, date(2026, 3, 20))
    check_in(partnership, date(2026, 3, 31), done_on=date(2026, 4, 1), warning=True)
    check_in(partnership, date(2026, 4, 1))
    check_in(
        other_partnership, date(2026, 3, 5), done_on=date(2026, 3, 5), warning=True, job="same"
    )


def scope_without(other_partnership):
    """The program without the family who did not consent to the figures."""
    return Scope(partnerships=Partnership.objects.exclude(pk=other_partnership.pk), **PERIOD)


def test_each_month_counts_check_ins_due_held_and_warning_signs(check_ins, other_partnership):
    table = year_after(scope_without(other_partnership))
    assert table.key == "year-after"
    assert [c.kind for c in table.columns] == [
        Kind.LABEL,
        Kind.COUNT,
        Kind.SHARE,
        Kind.COUNT,
        Kind.COUNT,
        Kind.COUNT,
    ]
    assert [(row.label, row.values) for row in table.rows] == [
        ("February 2026", (1, Share(1, 1), 2, 1, 1)),
        ("March 2026", (3, Share(1, 3), 1, 0, 1)),
    ]
    assert table.columns[table.chart + 1].label == "Check-ins held"


def test_a_family_outside_the_scope_is_not_counted(check_ins, other_partnership):
    everyone = year_after(Scope(partnerships=Partnership.objects.all(), **PERIOD))
    assert everyone.rows[1].values == (4, Share(2, 4), 2, 1, 2)
    assert year_after(scope_without(other_partnership)).rows[1].values == (
        3,
        Share(1, 3),
        1,
        0,
        1,
    )


def test_a_period_within_one_month_has_one_row():
    scope = Scope(
        partnerships=Partnership.objects.all(), start=date(2026, 3, 5), end=date(2026, 3, 5)
    )
    assert [(row.label, row.values) for row in year_after(scope).rows] == [
        ("March 2026", (0, Share(0, 0), 0, 0, 0))
    ]


def test_the_table_speaks_spanish(check_ins, other_partnership):
    with translation.override("es"):
        table = year_after(scope_without(other_partnership))
    assert table.title == "El año después de la reunificación"
    assert [row.label for row in table.rows] == ["febrero de 2026", "marzo de 2026"]
    assert table.columns[4].label == "Con señales de alerta"


def test_one_query_whatever_the_number_of_families(
    check_ins, coach, other_partnership, django_assert_num_queries
):
    scope = scope_without(other_partnership)
    with django_assert_num_queries(1):
        year_after(scope)
    for _ in range(4):
        more = partnership_for(coach=coach)
        check_in(more, date(2026, 3, 1), done_on=date(2026, 3, 2), warning=True)
    with django_assert_num_queries(1):
        table = year_after(scope)
    assert table.rows[1].values == (7, Share(5, 7), 5, 4, 1)


def test_the_dashboard_registry_has_the_year_after():
    figure = next(f for f in registered() if f.name == "year-after")
    assert figure.order == 150 and figure.compute is year_after
