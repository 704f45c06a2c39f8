"""Changes to the calendar. The court's orders and the agreement are checked on every
save (schedule/rules.py); each change is audited."""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from schedule.models import Change, Event, FeedToken
from schedule.occurrences import _starts
from schedule.rules import check_event


@transaction.atomic
def event_create(*, actor, sharing: Sharing, data: dict) -> Event:
    check_event(sharing, data)
    event = Event(partnership=sharing.partnership, created_by=actor, **data)
    event.full_clean()
    event.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=event, fields=sorted(data))
    return event


@transaction.atomic
def occurrence_change(
    *, actor, sharing: Sharing, event: Event, occurrence: datetime, moved_to=None, note=""
) -> Change:
    """Cancel one occurrence (moved_to None) or move it. A move is checked like a new
    event: the court's orders hold on the new day too."""
    if occurrence not in _starts(event, occurrence, occurrence.replace(year=occurrence.year + 1)):
        raise ValidationError(_("That date is not one of this event's occurrences."))
    if moved_to is not None:
        checked = ("kind", "supervised", "supervisor", "place")
        check_event(sharing, {name: getattr(event, name) for name in checked})
    change, _created = Change.objects.update_or_create(
        event=event,
        occurrence=occurrence,
        defaults={"moved_to": moved_to, "note": note, "changed_by": actor},
    )
    audit_entry_create(
        actor=actor,
        action=Action.CHANGED,
        record=event,
        fields=["moved" if moved_to else "cancelled"],
    )
    return change


def feed_token_create(*, user) -> FeedToken:
    """A new secret address for the person's feed; any earlier one stops working."""
    feed_token_revoke(user=user)
    return FeedToken.objects.create(user=user, secret=secrets.token_urlsafe(32))


def feed_token_revoke(*, user) -> None:
    FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
