"""Reads of work shifts. A parent reads and manages her own; the casework team reads the
shifts of the parents in the partnerships they see, without their labels; nobody else
reads them at all."""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from core.zones import zone_of
from families.models import Person
from partnerships.models import Partnership
from work.models import Shift
from work.times import ShiftTime, shift_times, shifts_between

#: How far ahead a parent's list, her calendar and the coach's page show her shifts.
AHEAD = timedelta(weeks=4)


def own_shifts(user) -> QuerySet[Shift]:
    return Shift.objects.filter(user=user)


def shift_for(user, shift_id: int) -> Shift:
    """One of the person's own shifts; 404 for anyone else's."""
    try:
        return own_shifts(user).get(pk=shift_id)
    except Shift.DoesNotExist:
        raise Http404 from None


def coming_times(user, *, ahead: timedelta = AHEAD) -> list[ShiftTime]:
    """The person's own shift dates from now on, changed ones at their new time."""
    start = timezone.now()
    return shift_times(shifts_between(own_shifts(user), start, start + ahead), start, start + ahead)


def times_of(shift: Shift, *, ahead: timedelta = AHEAD) -> list[ShiftTime]:
    """One shift's coming dates."""
    start = timezone.now()
    return shift_times(
        shifts_between(Shift.objects.filter(pk=shift.pk), start, start + ahead),
        start,
        start + ahead,
    )


def first_name(person: Person) -> str:
    return person.preferred_name or person.first_name


def parents_by_side(partnership_ids) -> dict[tuple[int, str], list[Person]]:
    """The parents with an account of each partnership, by home ("birth", "partner"):
    two queries whatever the number of partnerships."""
    found: dict[tuple[int, str], list[Person]] = defaultdict(list)
    for side, path in (("birth", "birth_families"), ("partner", "partner_homes")):
        people = (
            Person.objects.filter(
                **{f"{path}__partnerships__in": partnership_ids}, user__isnull=False
            )
            .annotate(partnership_id=F(f"{path}__partnerships"))
            .order_by("pk")
        )
        for person in people:
            found[(person.partnership_id, side)].append(person)
    return found


def partnership_times(partnership: Partnership, *, ahead: timedelta = AHEAD) -> list[dict]:
    """Each parent of the partnership with an account, and their coming shift dates, for
    the team's page: four queries."""
    people = parents_by_side([partnership.pk])
    parents = [p for side in ("birth", "partner") for p in people[(partnership.pk, side)]]
    start = timezone.now()
    shifts = shifts_between(
        Shift.objects.filter(user_id__in=[p.user_id for p in parents]), start, start + ahead
    )
    times = shift_times(shifts, start, start + ahead)
    return [
        {"name": first_name(p), "times": [t for t in times if t.shift.user_id == p.user_id]}
        for p in parents
    ]


def week_initial(user, monday) -> dict:
    """The week's one-off shifts already entered, as the week form's starting values."""
    zone = zone_of(user)
    start = datetime.combine(monday, time.min, tzinfo=zone)
    end = start + timedelta(days=7)
    initial = {}
    for shift in own_shifts(user).filter(repeat="", starts_at__gte=start, starts_at__lt=end):
        local = timezone.localtime(shift.starts_at, zone)
        n = (local.date() - monday).days
        initial[f"starts_{n}"] = local.time()
        initial[f"ends_{n}"] = (local + timedelta(minutes=shift.minutes)).time()
        initial.setdefault("label", shift.label)
    return initial
