"""Gathering attendance on the outcomes dashboard: worked by hand over a March."""

from datetime import date, datetime, time, timedelta
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gatherings.figures import gathering_attendance
from gatherings.models import Gathering, Kind, Registration, Status
from home.testing import partnership_for, person_with_account
from partnerships.figures import Scope, Share, registered
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}
secrets = count()


def held(coach, day, hour, minute=0, kind=Kind.GATHERING, **more):
    """A gathering at the program's local time: the period's days are local days."""
    return Gathering.objects.create(
        title=f"{kind} on {day}",
        kind=kind,
        starts_at=timezone.make_aware(datetime.combine(day, time(hour, minute))),
        place="Fellowship Hall",
        capacity=10,
        created_by=coach,
        **more,
    )


def reply(gathering, user, status=Status.CONFIRMED, came=False, name=""):
    return Registration.objects.create(
        gathering=gathering,
        user=user,
        name=name or user.person.first_name,
        status=status,
        secret=f"secret-{next(secrets)}",
        checked_in_at=gathering.starts_at if came else None,
    )


@pytest.fixture
def march(coach, birth_parent, partner_parent, partnership, outsider, other_partnership):
    """Gatherings just inside March's first and last days and just outside them, a
    training in mid-March, and one called off."""
    first = held(coach, date(2026, 3, 1), 0, 30)
    reply(first, birth_parent, came=True)
    reply(first, partner_parent)
    reply(first, outsider, came=True)
    reply(first, None, came=True, name="A guest")
    last = held(coach, date(2026, 3, 31), 23, 30)
    reply(last, partner_parent, came=True)
    reply(last, birth_parent, status=Status.WAITING)
    reply(held(coach, date(2026, 2, 28), 23, 30), birth_parent, came=True)
    reply(held(coach, date(2026, 4, 1), 0, 30), partner_parent, came=True)
    training = held(coach, date(2026, 3, 15), 18, kind=Kind.TRAINING)
    reply(training, birth_parent, status=Status.CANCELLED)
    reply(training, partner_parent, came=True)
    called_off = held(coach, date(2026, 3, 10), 18, cancelled_at=timezone.now())
    reply(called_off, birth_parent)


def scope_without(other_partnership, user=None):
    """The program without the family who did not consent to the figures."""
    return Scope(
        partnerships=Partnership.objects.exclude(pk=other_partnership.pk), user=user, **MARCH
    )


def test_each_kind_of_event_counts_the_places_taken_and_who_came(march, other_partnership):
    table = gathering_attendance(scope_without(other_partnership))
    assert table.key == "gathering-attendance"
    assert [(row.label, row.values) for row in table.rows] == [
        ("Partner Parent Gathering", (2, 3, 2, Share(2, 3))),
        ("Training", (1, 1, 1, Share(1, 1))),
        ("Program event", (0, 0, 0, Share(0, 0))),
    ]
    assert table.columns[table.chart + 1].label == "Came"


def test_a_family_outside_the_scope_is_not_counted(march, other_partnership):
    everyone = gathering_attendance(Scope(partnerships=Partnership.objects.all(), **MARCH))
    assert everyone.rows[0].values == (2, 4, 3, Share(3, 4))
    assert gathering_attendance(scope_without(other_partnership)).rows[0].values[1:3] == (3, 2)


def test_a_gathering_not_yet_held_is_not_counted(coach, partnership, birth_parent):
    now = timezone.now()
    for starts_at in (now - timedelta(hours=1), now + timedelta(hours=1)):
        gathering = Gathering.objects.create(
            title="Around now", starts_at=starts_at, place="Hall", capacity=5, created_by=coach
        )
        reply(gathering, birth_parent)
    today = timezone.localdate()
    scope = Scope(
        partnerships=Partnership.objects.all(),
        start=today - timedelta(days=1),
        end=today + timedelta(days=1),
    )
    assert gathering_attendance(scope).rows[0].values[:3] == (1, 1, 0)


def test_the_team_is_linked_to_who_comes_and_a_parent_to_nothing(
    march, other_partnership, coach, partner_parent
):
    for_coach = gathering_attendance(scope_without(other_partnership, coach))
    assert {row.link for row in for_coach.rows} == {reverse("gatherings:attendance")}
    for_parent = gathering_attendance(scope_without(other_partnership, partner_parent))
    assert {row.link for row in for_parent.rows} == {""}


def test_one_query_whatever_the_number_of_gatherings_and_replies(
    march, coach, other_partnership, django_assert_num_queries
):
    scope = scope_without(other_partnership, coach)
    assert coach.roles  # read once a request, by the access rules, before any figure
    with django_assert_num_queries(1):
        gathering_attendance(scope)
    for day in (5, 6, 7):
        gathering = held(coach, date(2026, 3, day), 18, kind=Kind.OTHER)
        for came in (True, False):
            parent = person_with_account("partner_parent")
            partnership_for(coach=coach, partner_parent=parent)
            reply(gathering, parent, came=came)
    with django_assert_num_queries(1):
        table = gathering_attendance(scope)
    assert table.rows[2].values == (3, 6, 3, Share(3, 6))


def test_the_dashboard_registry_has_gathering_attendance():
    figure = next(f for f in registered() if f.name == "gathering-attendance")
    assert figure.order == 140 and figure.compute is gathering_attendance


def test_the_table_speaks_spanish(march, other_partnership):
    with translation.override("es"):
        table = gathering_attendance(scope_without(other_partnership))
    assert table.title == "Asistencia a las reuniones"
    assert [row.label for row in table.rows] == [
        "Reunión de madres y padres de acogida",
        "Capacitación",
        "Evento del programa",
    ]
