"""Changes to the calendar. The court's orders and the agreement are checked on every
save (schedule/rules.py); each change is audited, and the homes it concerns hear that
something is new (never what)."""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from notices.delivery import notify
from partnerships.models import Stage
from schedule.models import (
    Attendance,
    Attendees,
    Change,
    Confirmation,
    Event,
    FeedToken,
    Outcome,
)
from schedule.occurrences import Occurrence, _starts
from schedule.rules import check_event


def _tell_the_homes(sharing: Sharing, event: Event) -> None:
    """An update notice to each parent with an account the event is for."""
    sides = ["birth", "partner"] if event.attendees == Attendees.BOTH else [event.attendees]
    path = reverse("schedule:agenda")
    for side in sides:
        for person in sharing.parents(side):
            if person.user_id:
                notify(user_id=person.user_id, path=path, quiet=sharing.terms.get(side))


@transaction.atomic
def event_create(*, actor, sharing: Sharing, data: dict) -> Event:
    check_event(sharing, data)
    event = Event(partnership=sharing.partnership, created_by=actor, **data)
    event.full_clean()
    event.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=event, fields=sorted(data))
    transaction.on_commit(lambda: _tell_the_homes(sharing, event))
    return event


@transaction.atomic
def event_update(*, actor, sharing: Sharing, event: Event, data: dict) -> Event:
    """Change a whole event or series. Dates already moved or cancelled stay so; the
    court's orders and the agreement are checked as on creation."""
    check_event(sharing, data)
    changed = sorted(name for name, value in data.items() if getattr(event, name) != value)
    timing = {"starts_at", "repeat"} & set(changed)
    if timing and (event.changes.exists() or event.attendances.exists()):
        # Moved, cancelled and recorded dates are tied to the old times: changing them
        # would bring back a cancelled date or lose what happened at one.
        raise ValidationError(
            {
                "starts_at": _(
                    "Some dates of this event were moved, cancelled or recorded, so its day "
                    "and time stay as they are. To change them from now on, set its last day "
                    "(“Until”) and schedule the new time as a new event."
                )
            }
        )
    for name, value in data.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    if changed:
        audit_entry_create(actor=actor, action=Action.CHANGED, record=event, fields=changed)
        transaction.on_commit(lambda: _tell_the_homes(sharing, event))
    return event


def _check_occurrence(event: Event, occurrence: datetime) -> None:
    if occurrence not in _starts(event, occurrence, occurrence + timedelta(minutes=1)):
        raise ValidationError(_("That date is not one of this event's occurrences."))


@transaction.atomic
def occurrence_change(
    *, actor, sharing: Sharing, event: Event, occurrence: datetime, moved_to=None, note=""
) -> Change:
    """Cancel one occurrence (moved_to None) or move it. A move is checked like a new
    event: the court's orders hold on the new day too."""
    _check_occurrence(event, occurrence)
    if moved_to is not None:
        checked = ("kind", "supervised", "supervisor", "place", "attendees")
        check_event(sharing, {name: getattr(event, name) for name in checked}, on=moved_to)
    elif sharing.partnership.stage == Stage.CLOSED:
        raise ValidationError(_("This partnership is closed: its calendar no longer changes."))
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
    transaction.on_commit(lambda: _tell_the_homes(sharing, event))
    return change


@transaction.atomic
def attendance_record(
    *, actor, event: Event, occurrence: datetime, outcome: str, by: str = "", note: str = ""
) -> Attendance:
    """What happened at one date, once it has begun. Recording again corrects it."""
    _check_occurrence(event, occurrence)
    moved = next((c.moved_to for c in event.changes.all() if c.occurrence == occurrence), None)
    if (moved or occurrence) > timezone.now():
        raise ValidationError(_("That date has not come yet: record what happened afterwards."))
    if outcome == Outcome.ATTENDED:
        by = ""
    elif not by:
        raise ValidationError({"by": _("Say who cancelled or did not come.")})
    attendance, _created = Attendance.objects.update_or_create(
        event=event,
        occurrence=occurrence,
        defaults={"outcome": outcome, "by": by, "note": note, "recorded_by": actor},
    )
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=event, fields=[f"attendance.{outcome}"]
    )
    return attendance


@transaction.atomic
def feed_token_create(*, user) -> FeedToken:
    """A new secret address for the person's feed; any earlier one stops working. The
    trail names the field, never the secret."""
    feed_token_revoke(user=user)
    token = FeedToken.objects.create(user=user, secret=secrets.token_urlsafe(32))
    audit_entry_create(actor=user, action=Action.CREATED, record=token, fields=["secret"])
    return token


@transaction.atomic
def feed_token_revoke(*, user) -> None:
    """The person's feed address stops working: whoever holds it sees their dates no more."""
    live = list(FeedToken.objects.filter(user=user, revoked_at__isnull=True))
    FeedToken.objects.filter(pk__in=[token.pk for token in live]).update(revoked_at=timezone.now())
    for token in live:
        audit_entry_create(actor=user, action=Action.CHANGED, record=token, fields=["revoked_at"])


def occurrence_confirm(*, actor, occurrence: Occurrence) -> Confirmation:
    """The parent will come to this date (they texted "C"). Saying it again, or the
    provider sending the same text twice, makes one confirmation."""
    confirmation, created = Confirmation.objects.get_or_create(
        event=occurrence.event, occurrence=occurrence.original, user=actor
    )
    if created:
        audit_entry_create(
            actor=actor, action=Action.CREATED, record=confirmation, fields=["occurrence"]
        )
    return confirmation
