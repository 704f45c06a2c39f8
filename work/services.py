"""Changes to a parent's work shifts, each audited: her work schedule is a sensitive
record. Only she changes it (core/access.py gives these pages to no one else)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from core.zones import zone_of
from schedule.occurrences import _starts
from work.models import LONGEST_SHIFT_MINUTES, Shift, ShiftChange


def shift_minutes(starts: time, ends: time) -> int:
    """How long a shift from `starts` to `ends` lasts; an end before the start is the
    next morning (a night shift crosses midnight)."""
    minutes = (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)
    return minutes if minutes > 0 else minutes + 24 * 60


def check_length(minutes: int) -> None:
    if minutes > LONGEST_SHIFT_MINUTES:
        raise ValidationError(
            {"ends": _("A shift lasts at most 16 hours. Check the start and end times.")}
        )


def _at(user, day: date, starts: time) -> datetime:
    """The moment `starts` on `day` on the person's own clock."""
    return timezone.make_aware(datetime.combine(day, starts), zone_of(user))


@transaction.atomic
def shift_create(
    *,
    actor,
    day: date,
    starts: time,
    ends: time,
    repeat: str = "",
    repeat_until: date | None = None,
    label: str = "",
) -> Shift:
    """A shift on the person's own clock: a weekly 3–11 p.m. shift stays 3–11 p.m. where
    she lives, whatever daylight saving does."""
    minutes = shift_minutes(starts, ends)
    check_length(minutes)
    if repeat_until and repeat_until < day:
        raise ValidationError({"repeat_until": _("The last day is before the first.")})
    shift = Shift(
        user=actor,
        starts_at=_at(actor, day, starts),
        minutes=minutes,
        repeat=repeat,
        repeat_until=repeat_until if repeat else None,
        label=label,
        time_zone=zone_of(actor).key,
    )
    shift.full_clean()
    shift.save()
    audit_entry_create(
        actor=actor,
        action=Action.CREATED,
        record=shift,
        fields=["starts_at", "minutes", "repeat", "repeat_until", "label"],
    )
    return shift


def _check_date(shift: Shift, occurrence: datetime) -> None:
    zone = ZoneInfo(shift.time_zone)
    if occurrence not in _starts(shift, occurrence, occurrence + timedelta(minutes=1), zone):
        raise ValidationError({"occurrence": _("That day is not one of this shift's days.")})


@transaction.atomic
def shift_date_change(
    *,
    actor,
    shift: Shift,
    occurrence: datetime,
    off: bool,
    day: date | None = None,
    starts: time | None = None,
    ends: time | None = None,
) -> ShiftChange:
    """One date of a shift off, or moved to another day, time or length."""
    _check_date(shift, occurrence)
    moved_to, minutes = None, None
    if not off:
        if day is None or starts is None or ends is None:
            raise ValidationError(_("Give the new day and times, or choose “I am off that day”."))
        minutes = shift_minutes(starts, ends)
        check_length(minutes)
        moved_to = _at(actor, day, starts)
    change, _created = ShiftChange.objects.update_or_create(
        shift=shift, occurrence=occurrence, defaults={"moved_to": moved_to, "minutes": minutes}
    )
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=shift, fields=["off" if off else "moved"]
    )
    return change


@transaction.atomic
def shift_end(*, actor, shift: Shift, last_day: date) -> Shift:
    """A repeating shift's last day: she no longer works it after."""
    if last_day < timezone.localtime(shift.starts_at, zone_of(actor)).date():
        raise ValidationError({"last_day": _("The last day is before the shift's first day.")})
    shift.repeat_until = last_day
    shift.save(update_fields=["repeat_until"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=shift, fields=["repeat_until"])
    return shift


@transaction.atomic
def shift_delete(*, actor, shift: Shift) -> None:
    audit_entry_create(actor=actor, action=Action.REMOVED, record=shift)
    shift.delete()


@transaction.atomic
def week_set(*, actor, monday: date, days: list[tuple[time, time] | None], label: str = "") -> int:
    """This week's schedule as posted: the one-off shifts of that week (on her clock)
    are replaced by one for each day with times. Repeating shifts stay as they are.
    Returns how many shifts the week now has."""
    lengths = [shift_minutes(*times) if times else 0 for times in days]
    if any(minutes > LONGEST_SHIFT_MINUTES for minutes in lengths):
        raise ValidationError(_("A shift lasts at most 16 hours. Check the start and end times."))
    start = _at(actor, monday, time.min)
    end = _at(actor, monday + timedelta(days=7), time.min)
    for shift in Shift.objects.filter(
        user=actor, repeat="", starts_at__gte=start, starts_at__lt=end
    ):
        shift_delete(actor=actor, shift=shift)
    made = 0
    for offset, times in enumerate(days):
        if times:
            starts, ends = times
            shift_create(
                actor=actor,
                day=monday + timedelta(days=offset),
                starts=starts,
                ends=ends,
                label=label,
            )
            made += 1
    return made
