"""Quiet hours hold notifications back until they end; they never hold back the record."""

from datetime import datetime, time, timedelta, tzinfo

from django.utils import timezone

from core.zones import program_zone


def quiet_until(
    now: datetime, start: time | None, end: time | None, zone: tzinfo | None = None
) -> datetime | None:
    """When the quiet hours that `now` falls in end, read on the clock of `zone` (the
    person's own; the program's when None); None when `now` is not in quiet hours. Quiet
    hours may run past midnight (21:00 to 07:00)."""
    if start is None or end is None or start == end:
        return None
    local = timezone.localtime(now, zone or program_zone())
    clock = local.time()
    overnight = start > end
    inside = (clock >= start or clock < end) if overnight else (start <= clock < end)
    if not inside:
        return None
    day = local.date()
    if overnight and clock >= start:
        day += timedelta(days=1)
    return datetime.combine(day, end, tzinfo=local.tzinfo)
