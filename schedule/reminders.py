"""Reminders the day before and two hours before each date, to the parents it is for.

A sweep runs every few minutes on the worker (schedule/tasks.py). It finds the reminders
that are due, writes a Reminder row for each (its unique constraint is what makes a
reminder go once, however many sweeps run) and queues the notice. Quiet hours hold a
reminder back until they end; if they end after the date has begun, it is not sent."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements.selectors import sharing_for_many
from core.quiet_hours import quiet_until
from core.zones import zone_of
from notices.services import remind
from partnerships.models import Partnership, Stage
from partnerships.selectors import with_parents
from schedule.models import Attendees, Event, Lead, Reminder
from schedule.occurrences import Occurrence, events_between, occurrences
from schedule.rules import held_by_orders

LEADS = {Lead.DAY: timedelta(days=1), Lead.HOURS: timedelta(hours=2)}
#: How often the sweep runs, so how late at most a reminder can be.
SWEEP_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class Due:
    occurrence: Occurrence
    user_id: int
    lead: str


def _events_in(start: datetime, end: datetime):
    open_ones = Event.objects.exclude(partnership__stage=Stage.CLOSED)
    return events_between(open_ones, start, end, attendance=False)


def _lead_due(starts_at: datetime, now: datetime) -> str | None:
    """Which reminder an occurrence is due for now, if any: the two-hour one once its
    time has come; before that, the day-before one."""
    if now >= starts_at:
        return None
    if now >= starts_at - LEADS[Lead.HOURS]:
        return Lead.HOURS
    if now >= starts_at - LEADS[Lead.DAY]:
        return Lead.DAY
    return None


def reminders_due(now: datetime) -> list[Due]:
    """Every reminder whose time has come at `now`, sent or not. A fixed number of
    queries whatever the number of events."""
    end = now + LEADS[Lead.DAY] + timedelta(seconds=1)  # a date exactly a day away is due
    found = occurrences(_events_in(now, end), now, end)
    held = held_by_orders(found)
    found = [o for o in found if not o.cancelled and (o.event.pk, o.original) not in held]
    if not found:
        return []
    partnerships = with_parents(
        Partnership.objects.filter(pk__in={o.event.partnership_id for o in found})
    )
    sharing = sharing_for_many(partnerships)
    due = []
    for occurrence in found:
        lead = _lead_due(occurrence.starts_at, now)
        if lead is None:
            continue
        rules = sharing[occurrence.event.partnership_id]
        attendees = occurrence.event.attendees
        sides = ["birth", "partner"] if attendees == Attendees.BOTH else [attendees]
        for side in sides:
            terms = rules.terms.get(side)
            for person in rules.parents(side):
                user = person.user
                if user is None or not user.is_active:
                    continue
                if terms is not None and quiet_until(
                    now, terms.quiet_from, terms.quiet_until, zone_of(user)
                ):
                    continue  # a later sweep sends it when the quiet hours end
                due.append(Due(occurrence, user.pk, lead))
    return due


def reminders_send(*, now: datetime | None = None) -> int:
    """Send every due reminder not yet sent; how many were sent."""
    now = now or timezone.now()
    sent = 0
    for item in reminders_due(now):
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    event=item.occurrence.event,
                    starts_at=item.occurrence.starts_at,
                    user_id=item.user_id,
                    lead=item.lead,
                )
        except IntegrityError:
            continue  # sent already
        remind(user_id=item.user_id, starts_at=item.occurrence.starts_at)
        sent += 1
    return sent
