"""Training completion on the outcomes dashboard: worked by hand over a March."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from home.testing import partnership_for, person_with_account
from partnerships.figures import Kind, Scope, Share, registered
from partnerships.models import Partnership
from training.figures import training_completion
from training.models import Assignment, Completion, Module

pytestmark = pytest.mark.django_db

MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


def a_module(title, order, roles=()):
    module = Module.objects.create(title=title, order=order)
    module.roles.set(Group.objects.filter(name__in=roles))
    return module


def finished(user, module, on):
    Completion.objects.create(user=user, module=module, completed_on=on)


@pytest.fixture
def modules(coach, birth_parent, partner_parent, partnership, outsider, other_partnership):
    """Principles for both homes, Trauma for partner parents, Boundaries given to the
    birth parent by her coach. Finished on the first and last days of March, the day
    before and the day after, and by a parent outside the scope in mid-March."""
    principles = a_module("Principles", 1, roles=("birth_parent", "partner_parent"))
    trauma = a_module("Trauma", 2, roles=("partner_parent",))
    boundaries = a_module("Boundaries", 3)
    Assignment.objects.create(module=boundaries, user=birth_parent, assigned_by=coach)
    finished(birth_parent, principles, date(2026, 3, 1))
    finished(partner_parent, principles, date(2026, 3, 31))
    finished(partner_parent, trauma, date(2026, 2, 28))
    finished(birth_parent, boundaries, date(2026, 4, 1))
    finished(outsider, principles, date(2026, 3, 15))
    return principles, trauma, boundaries


def scope_without(other_partnership, user=None):
    """The program without the family who did not consent to the figures."""
    return Scope(
        partnerships=Partnership.objects.exclude(pk=other_partnership.pk), user=user, **MARCH
    )


def test_each_module_counts_who_it_is_for_and_who_finished_in_the_period(
    modules, other_partnership, coach
):
    table = training_completion(scope_without(other_partnership, coach))
    assert table.key == "training-completion"
    assert [c.kind for c in table.columns] == [Kind.LABEL, Kind.COUNT, Kind.COUNT, Kind.SHARE]
    assert [(row.label, row.values) for row in table.rows] == [
        ("Principles", (2, 2, Share(2, 2))),
        ("Trauma", (1, 0, Share(1, 1))),
        ("Boundaries", (1, 0, Share(0, 1))),
    ]
    assert table.chart == 1


def test_a_family_outside_the_scope_is_not_counted(modules, other_partnership, outsider):
    everyone = Scope(partnerships=Partnership.objects.all(), **MARCH)
    principles = training_completion(everyone).rows[0]
    assert principles.values == (3, 3, Share(3, 3))
    left_out = training_completion(scope_without(other_partnership)).rows[0]
    assert left_out.values == (2, 2, Share(2, 2))


def test_a_parent_in_two_partnerships_is_counted_once(
    modules, coach, partner_parent, other_partnership
):
    partnership_for(coach=coach, partner_parent=partner_parent)
    assert training_completion(scope_without(other_partnership)).rows[0].values[:2] == (2, 2)


def test_the_team_is_linked_to_each_module_and_a_parent_to_nothing(
    modules, other_partnership, coach, birth_parent
):
    principles = modules[0]
    for_coach = training_completion(scope_without(other_partnership, coach))
    assert for_coach.rows[0].link == reverse("training:module", args=[principles.pk])
    for_parent = training_completion(scope_without(other_partnership, birth_parent))
    assert {row.link for row in for_parent.rows} == {""}


def test_one_query_whatever_the_number_of_parents_and_modules(
    modules, coach, other_partnership, django_assert_num_queries
):
    scope = scope_without(other_partnership, coach)
    assert coach.roles  # read once a request, by the access rules, before any figure
    with django_assert_num_queries(1):
        training_completion(scope)
    extra = a_module("Healthy communication", 4, roles=("birth_parent",))
    for _ in range(4):
        parent = person_with_account("birth_parent")
        partnership_for(coach=coach, birth_parent=parent)
        finished(parent, extra, date(2026, 3, 10))
        finished(parent, modules[0], date(2026, 3, 11))
    with django_assert_num_queries(1):
        table = training_completion(scope)
    assert table.rows[0].values == (6, 6, Share(6, 6))
    assert table.rows[3].values == (5, 4, Share(4, 5))


def test_the_dashboard_registry_has_training_completion():
    figure = next(f for f in registered() if f.name == "training-completion")
    assert figure.order == 130 and figure.compute is training_completion


def test_the_table_speaks_spanish(modules, other_partnership):
    with translation.override("es"):
        table = training_completion(scope_without(other_partnership))
    assert table.title == "Capacitación terminada"
    assert [c.label for c in table.columns][1:3] == [
        "Madres y padres que lo tienen",
        "Terminado en el período",
    ]
