"""A person's choice of how to hear that something is new for them. Delivering the
notices themselves is notices/delivery.py."""

from datetime import datetime

from django.db import transaction

from core.services import record_change_announce
from notices.models import DEFAULTS, Channel, Frequency, Preference
from notices.tasks import send_reminder


def preferences_of(user_id: int) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user_id=user_id).values_list("channel", "frequency"))
    return {channel: chosen.get(channel, default) for channel, default in DEFAULTS.items()}


def remind(*, user_id: int, starts_at: datetime) -> None:
    """A reminder of a date on the person's calendar, now, on each channel they have
    not turned off. A daily digest would come too late to remind, so a person who chose
    the digest gets reminders right away too."""
    for channel, frequency in preferences_of(user_id).items():
        if frequency != Frequency.NONE:
            send_reminder.enqueue(user_id, starts_at.isoformat(), channel)


@transaction.atomic
def preferences_set(*, user, choices: dict[str, str]) -> None:
    """The person's own choice; the trail names the channels whose frequency changed."""
    before = preferences_of(user.pk)
    for channel in Channel.values:
        Preference.objects.update_or_create(
            user=user, channel=channel, defaults={"frequency": choices[channel]}
        )
    changed = [f"notices.{c}" for c in Channel.values if before.get(c) != choices[c]]
    if changed:
        # notices may not import the audit trail (it stands beside it): core hands it over.
        record_change_announce(actor=user, action="changed", record=user, fields=changed)
