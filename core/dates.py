"""Bounds on the dates people type into forms."""

from datetime import date, datetime, timedelta

from django.utils import timezone

#: How far ahead and back a date may be set: beyond it is a typing mistake.
YEARS_AROUND = 10


def within_reach(moment: datetime | date) -> bool:
    today = timezone.localdate()
    day = moment if not isinstance(moment, datetime) else moment.date()
    reach = timedelta(days=365 * YEARS_AROUND)
    return today - reach <= day <= today + reach
