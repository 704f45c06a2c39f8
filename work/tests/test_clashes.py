"""The issue's clash tests: a weekly shift and a moved shift against a proposed visit,
one-off and repeating, across a daylight-saving change, in the parent's time zone; the
clash message names no employer detail to anyone but the parent herself."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from audit.models import AuditEntry
from schedule.busy import clash_message, clashes_for
from schedule.occurrences import occurrences
from schedule.selectors import clashes_with
from work.services import shift_create, shift_date_change
from work.tests.conftest import CHICAGO, visit, weekly_shift

pytestmark = pytest.mark.django_db

PHOENIX = ZoneInfo("America/Phoenix")  # no daylight saving: her 3 p.m. moves on Chicago's clock
# The United States leave standard time on Sunday, March 14, 2027.
TUESDAYS_BEFORE = [date(2027, 3, 2), date(2027, 3, 9)]
TUESDAYS_AFTER = [date(2027, 3, 16), date(2027, 3, 23)]


def clash_days(event, reader):
    found = occurrences([event], event.starts_at, event.starts_at + timedelta(weeks=4))
    return [c.occurrence.starts_at.astimezone(CHICAGO).date() for c in clashes_for(found, reader)]


def test_a_weekly_shift_stays_at_three_on_the_parents_clock_across_the_change(
    coach, birth_parent, partnership
):
    # Ana lives on the program's clock: 3 to 11 p.m. is 3 to 11 p.m. before and after.
    weekly_shift(birth_parent, TUESDAYS_BEFORE[0], label="H-E-B bakery")
    weekly_visit = visit(
        partnership, datetime(2027, 3, 2, 14, 30, tzinfo=CHICAGO), repeat="FREQ=WEEKLY"
    )
    assert clash_days(weekly_visit, coach) == TUESDAYS_BEFORE + TUESDAYS_AFTER


def test_a_parent_in_another_zone_clashes_by_her_own_clock(coach, birth_parent, partnership):
    """Phoenix keeps standard time: her 3 p.m. is 4 p.m. in Chicago before the change and
    5 p.m. after it, so a 4 p.m. visit clashes only before."""
    birth_parent.time_zone = "America/Phoenix"
    birth_parent.save(update_fields=["time_zone"])
    shift = weekly_shift(birth_parent, TUESDAYS_BEFORE[0])
    assert shift.time_zone == "America/Phoenix"
    weekly_visit = visit(
        partnership, datetime(2027, 3, 2, 16, 0, tzinfo=CHICAGO), minutes=45, repeat="FREQ=WEEKLY"
    )
    assert clash_days(weekly_visit, coach) == TUESDAYS_BEFORE
    after = visit(partnership, datetime(2027, 3, 16, 17, 30, tzinfo=CHICAGO))
    assert clash_days(after, coach) == [date(2027, 3, 16)]
    clash = clashes_for(
        occurrences([after], after.starts_at, after.starts_at + timedelta(hours=1)), coach
    )[0]
    assert clash.starts_at == datetime(2027, 3, 16, 15, 0, tzinfo=PHOENIX)


def test_a_moved_shift_clashes_at_its_new_time_and_no_longer_at_its_old_one(
    coach, birth_parent, partnership
):
    shift = weekly_shift(birth_parent, date(2027, 3, 3))  # Wednesdays
    shift_date_change(
        actor=birth_parent,
        shift=shift,
        occurrence=datetime(2027, 3, 17, 15, tzinfo=CHICAGO),
        off=False,
        day=date(2027, 3, 16),  # the boss swapped it for the Tuesday, after the change
        starts=time(12),
        ends=time(20),
    )
    tuesday = visit(partnership, datetime(2027, 3, 16, 16, tzinfo=CHICAGO))
    wednesday = visit(partnership, datetime(2027, 3, 17, 16, tzinfo=CHICAGO))
    repeating = visit(partnership, datetime(2027, 3, 2, 19, tzinfo=CHICAGO), repeat="FREQ=WEEKLY")
    assert clash_days(tuesday, coach) == [date(2027, 3, 16)]
    assert clash_days(wednesday, coach) == []
    assert clash_days(repeating, coach) == [date(2027, 3, 16)]


def test_a_date_off_clashes_with_nothing(coach, birth_parent, partnership):
    shift = weekly_shift(birth_parent, date(2027, 3, 3))
    shift_date_change(
        actor=birth_parent,
        shift=shift,
        occurrence=datetime(2027, 3, 10, 15, tzinfo=CHICAGO),
        off=True,
    )
    weekly_visit = visit(
        partnership, datetime(2027, 3, 3, 16, tzinfo=CHICAGO), repeat="FREQ=WEEKLY"
    )
    assert clash_days(weekly_visit, coach) == [
        date(2027, 3, 3),
        date(2027, 3, 17),
        date(2027, 3, 24),
    ]


def test_a_night_shift_that_began_the_day_before_clashes_with_a_morning_visit(
    coach, birth_parent, partnership
):
    shift_create(actor=birth_parent, day=date(2027, 3, 1), starts=time(22), ends=time(6))
    morning = visit(partnership, datetime(2027, 3, 2, 5, tzinfo=CHICAGO))
    assert clash_days(morning, coach) == [date(2027, 3, 2)]


def test_only_the_parents_the_event_is_for_are_asked(
    coach, birth_parent, partner_parent, partnership
):
    weekly_shift(partner_parent, TUESDAYS_BEFORE[0])
    for_the_birth_family = visit(
        partnership, datetime(2027, 3, 2, 16, tzinfo=CHICAGO), attendees="birth"
    )
    for_both = visit(partnership, datetime(2027, 3, 2, 16, tzinfo=CHICAGO))
    assert clash_days(for_the_birth_family, coach) == []
    assert clash_days(for_both, coach) == [date(2027, 3, 2)]


def test_the_clash_names_the_label_to_the_parent_alone(
    coach, director, birth_parent, partner_parent, outsider, finance, volunteer, partnership
):
    weekly_shift(birth_parent, TUESDAYS_BEFORE[0], label="H-E-B bakery")
    proposed = visit(partnership, datetime(2027, 3, 2, 16, tzinfo=CHICAGO))
    (clash,) = clashes_for(
        occurrences([proposed], proposed.starts_at, proposed.starts_at + timedelta(hours=1)), coach
    )
    hers = clash_message(clash, birth_parent)
    assert "H-E-B bakery" in hers and "your shift" in hers
    for staff in (coach, director):
        said = clash_message(clash, staff)
        assert said.startswith("Clashes with Beatriz's shift on Tuesday, March 2")
        assert "3" in said and "11" in said
        assert "H-E-B" not in said and "bakery" not in said
    for anyone_else in (partner_parent, outsider, finance, volunteer):
        assert clash_message(clash, anyone_else) == ""


def test_what_the_coach_reads_before_saving_and_that_she_read_it(
    coach, birth_parent, partner_parent, partnership
):
    shift = weekly_shift(birth_parent, TUESDAYS_BEFORE[0], label="H-E-B bakery")
    proposed = visit(partnership, datetime(2027, 3, 2, 16, tzinfo=CHICAGO), repeat="FREQ=WEEKLY")
    said = clashes_with(proposed, coach)
    assert len(said) >= 4
    assert all("Beatriz's shift" in line and "bakery" not in line for line in said)
    assert AuditEntry.objects.filter(
        actor=coach, action="viewed", record_type="work.shift", record_id=str(shift.pk)
    ).exists()
    # The other home reads nothing of it, and its asking is no reading of her record.
    before = AuditEntry.objects.count()
    assert clashes_with(proposed, partner_parent) == []
    assert AuditEntry.objects.count() == before


def test_the_clash_is_said_in_spanish_too(coach, birth_parent, partnership):
    from django.utils import translation

    weekly_shift(birth_parent, TUESDAYS_BEFORE[0], label="H-E-B bakery")
    proposed = visit(partnership, datetime(2027, 3, 2, 16, tzinfo=CHICAGO))
    found = occurrences([proposed], proposed.starts_at, proposed.starts_at + timedelta(hours=1))
    (clash,) = clashes_for(found, coach)
    with translation.override("es"):
        said = clash_message(clash, coach)
    assert said.startswith("Coincide con el turno de trabajo de Beatriz el martes 2 de marzo")
    assert "15:00–23:00" in said
