"""The "we'll connect within two business days" clock.

Business days skip weekends and the program's holidays, in the program's time zone. A
submission that arrives on a business day is due at the same time of day two business
days later; one that arrives on a weekend or holiday starts the clock when the office
opens on the next business day."""

from collections.abc import Container
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from core.zones import program_zone

OPENING = time(9, 0)
PROMISE_DAYS = 2


def is_business_day(day: date, holidays: Container[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_business_day(day: date, holidays: Container[date]) -> date:
    day += timedelta(days=1)
    while not is_business_day(day, holidays):
        day += timedelta(days=1)
    return day


def due_at(received: datetime, holidays: Container[date], days: int = PROMISE_DAYS) -> datetime:
    """When a submission received at `received` must have had its first contact."""
    zone = program_zone()  # the program's business days, whoever is reading
    local = timezone.localtime(received, zone)
    day, at = local.date(), local.time()
    if not is_business_day(day, holidays):
        day, at = next_business_day(day, holidays), OPENING
    for _ in range(days):
        day = next_business_day(day, holidays)
    return datetime.combine(day, at, tzinfo=zone)
