"""The day-before reminder of a place at a gathering, sent by the worker's five-minute
sweep (schedule.tasks.remind), which GatheringsConfig.ready() adds it to.

Not audited, and kept out of services.py on purpose: no person changes anything here.
The reminder restates a reply whose making was audited (registration_make), and its one
write, a Reminder row per place and start, is the sweep's note that this reminder went,
so that it goes once; an entry for each would fill the trail with the program's own
mail."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.zones import program_zone
from gatherings.models import Registration, Reminder, Status
from gatherings.tasks import Message, tell

#: Someone who replies on the day needs no reminder of what they just said yes to.
REMINDER_NOT_WITHIN = timedelta(hours=12)


def reminders_send(*, now=None) -> int:
    """The day-before reminder for each place, once (a Reminder row per start), from the
    worker's five-minute sweep: on the day before (on the program's clock), from a day
    to twelve hours ahead. Replies already reminded are not looked at again; each new
    reminder is one row (its unique constraint is what makes it go once, whichever sweep
    gets there first), and they are queued together."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now, program_zone()) + timedelta(days=1)
    reminded = Reminder.objects.filter(
        registration=OuterRef("pk"), starts_at=OuterRef("gathering__starts_at")
    )
    due = (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            gathering__cancelled_at__isnull=True,
            gathering__starts_at__gt=now + REMINDER_NOT_WITHIN,
            gathering__starts_at__lte=now + timedelta(days=1),
        )
        .exclude(Exists(reminded))
        .select_related("gathering")
    )
    sent = []
    for registration in due:
        if timezone.localdate(registration.gathering.starts_at, program_zone()) != tomorrow:
            continue  # "see you tomorrow" must be true
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    registration=registration, starts_at=registration.gathering.starts_at
                )
        except IntegrityError:
            continue  # another sweep reminded them a moment ago
        sent.append(registration.pk)
    tell(sent, Message.REMINDER)
    return len(sent)
