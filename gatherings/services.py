"""Changes to gatherings and replies. Every change that touches who has a place runs in
one transaction that first locks the gathering's row (SELECT … FOR UPDATE on
PostgreSQL; SQLite's transactions take the write lock when they begin), so two replies
at once can never both take the last place (docs/decisions/0013)."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import Action
from audit.services import audit_entry_create
from core.uploads import checked_document
from core.visitor_forms import sender_key, sent_too_often
from gatherings.models import (
    REGISTERED,
    Gathering,
    Registration,
    Resource,
    ResourceKind,
    Status,
)
from gatherings.tasks import Message, tell

#: Changing these tells everyone registered and makes calendars replace their copy.
TOLD_FIELDS = ("starts_at", "minutes", "place", "online_link")
#: Kept by the service, never typed: left out of a reply's model validation.
NOT_TYPED = ["form_nonce", "secret", "sender"]
REPLY_FIELDS = (
    "name",
    "email",
    "phone",
    "texts_ok",
    "language",
    "adults",
    "children_ages",
    "dietary",
    "interpretation",
)


class TooManyReplies(Exception):
    """The same address replied more often in the last hour than a person would."""


class AlreadyReceived(Exception):
    """This rendering of the form was sent already (a double click): here is its reply."""

    def __init__(self, registration: Registration):
        self.registration = registration


class StaleForm(Exception):
    """A form already used by someone else (the back button on a shared computer): their
    reply is theirs alone, so this one must be sent again from a fresh form."""


def _sent_before(nonce: str, data: dict, sender: str) -> Registration | None:
    """The reply this rendering of the form made already, if it is the same person's
    double click: same address, same name and contact. Anyone else's is a StaleForm."""
    sent = Registration.objects.filter(form_nonce=nonce).first()
    if sent is None:
        return None
    same = (sent.sender, sent.name, sent.email, sent.phone) == (
        sender,
        data.get("name", ""),
        data.get("email", ""),
        data.get("phone", ""),
    )
    if not same:
        raise StaleForm
    return sent


def _tell(registrations, what: str) -> None:
    """Queue a message to each, once the transaction has committed (a rolled-back
    reply must not have been announced)."""
    ids = [r.pk for r in registrations]
    if ids:
        transaction.on_commit(lambda: tell(ids, what))


def _locked(gathering_pk: int) -> Gathering:
    return Gathering.objects.select_for_update().get(pk=gathering_pk)


def seats_taken(gathering: Gathering, *, leaving: Registration | None = None) -> int:
    """Adults with a place (walk-ins included), not counting `leaving`."""
    confirmed = Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED)
    if leaving is not None:
        confirmed = confirmed.exclude(pk=leaving.pk)
    return confirmed.aggregate(total=Sum("adults"))["total"] or 0


def _promote(gathering: Gathering) -> list[Registration]:
    """Give free places to the wait-list in the order people replied. A reply too large
    for the places left keeps its turn while smaller ones behind it come in: a place
    left empty on the night helps nobody. Call with the gathering locked."""
    if gathering.cancelled or gathering.started:
        return []  # nobody is told of a place at an event that is over or off
    free = gathering.capacity - seats_taken(gathering)
    promoted = []
    now = timezone.now()
    for waiting in Registration.objects.filter(gathering=gathering, status=Status.WAITING):
        if free <= 0:
            break
        if waiting.adults <= free:
            waiting.status = Status.CONFIRMED
            waiting.promoted_at = now
            waiting.save(update_fields=["status", "promoted_at"])
            free -= waiting.adults
            promoted.append(waiting)
    return promoted


def _refuse_if_closed(gathering: Gathering) -> None:
    if gathering.cancelled:
        raise ValidationError(_("This event was cancelled."))
    if gathering.started:
        raise ValidationError(_("This event has already started, so replies are closed."))


@transaction.atomic
def gathering_create(*, actor, data: dict) -> Gathering:
    gathering = Gathering(**data, created_by=actor)
    gathering.full_clean()
    gathering.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=gathering, fields=data.keys())
    return gathering


@transaction.atomic
def gathering_change(*, actor, gathering: Gathering, data: dict) -> list[str]:
    """Save the changes and return the names of the fields that changed. A smaller room
    cannot push out people who have a place; a larger one lets the wait-list in; a new
    time, place or link is told to everyone registered."""
    current = _locked(gathering.pk)
    changed = [name for name, value in data.items() if getattr(current, name) != value]
    if not changed:
        return []
    if current.cancelled:
        raise ValidationError(_("This event was cancelled, so it cannot change."))
    if "capacity" in changed:
        taken = seats_taken(current)
        if data["capacity"] < taken:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "%(taken)s adult already has a place, so the room cannot be smaller "
                        "than that.",
                        "%(taken)s adults already have a place, so the room cannot be smaller "
                        "than that.",
                        taken,
                    )
                    % {"taken": taken}
                }
            )
    for name in changed:
        setattr(current, name, data[name])
    told = [name for name in changed if name in TOLD_FIELDS]
    if told:
        current.sequence += 1
    current.full_clean()
    current.save()
    promoted = _promote(current)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=current, fields=changed)
    if told:
        _tell(
            current.registrations.filter(status__in=REGISTERED).exclude(pk__in=promoted),
            Message.CHANGED,
        )
    _tell(promoted, Message.PROMOTED)
    for name in changed:
        setattr(gathering, name, getattr(current, name))
    gathering.sequence = current.sequence
    return changed


@transaction.atomic
def gathering_cancel(*, actor, gathering: Gathering) -> Gathering:
    current = _locked(gathering.pk)
    if current.cancelled:
        return current
    current.cancelled_at = timezone.now()
    current.sequence += 1
    current.save(update_fields=["cancelled_at", "sequence"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=current, fields=["cancelled"])
    _tell(current.registrations.filter(status__in=REGISTERED), Message.CANCELLED)
    return current


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def registration_make(
    *,
    gathering: Gathering,
    data: dict,
    user=None,
    ip: str | None = None,
    nonce: str | None = None,
) -> Registration:
    """A reply: a place if the adults fit and nobody is waiting ahead of them, else the
    wait-list. A signed-in person replies once per gathering (a reply they cancelled
    comes back, at the end of the line)."""
    sender = sender_key(ip) if user is None else ""
    if nonce:
        sent = _sent_before(nonce, data, sender)
        if sent is not None:
            raise AlreadyReceived(sent)
    current = _locked(gathering.pk)
    _refuse_if_closed(current)
    registration = None
    if user is not None:
        registration = Registration.objects.filter(gathering=current, user=user).first()
        if registration is not None and registration.status in REGISTERED:
            raise ValidationError(_("You have already replied. You can change your reply."))
    elif sent_too_often(Registration.objects.filter(sender=sender), sent_at="created_at"):
        raise TooManyReplies
    if registration is None:
        registration = Registration(gathering=current, user=user, secret=_new_secret())
    if user is None:
        registration.sender = sender
        registration.form_nonce = nonce
    for name in REPLY_FIELDS:
        if name in data:
            setattr(registration, name, data[name])
    registration.status = Status.WAITING
    registration.created_at = timezone.now()  # a reply that comes back joins the end
    registration.cancelled_at = registration.promoted_at = registration.checked_in_at = None
    registration.full_clean(exclude=NOT_TYPED)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # the same form sent twice at the same moment
        raise AlreadyReceived(_sent_before(nonce, data, sender)) from None
    promoted = _promote(current)
    if registration in promoted:
        registration.status = Status.CONFIRMED
        promoted.remove(registration)
    audit_entry_create(actor=user, action=Action.CREATED, record=registration, fields=sorted(data))
    what = Message.CONFIRMED if registration.status == Status.CONFIRMED else Message.WAITING
    _tell([registration], what)
    _tell(promoted, Message.PROMOTED)  # a larger reply ahead may have let smaller ones in
    return registration


@transaction.atomic
def registration_change(*, registration: Registration, data: dict, actor=None) -> list[str]:
    """Change a reply. More adults than the places left are refused for someone who has a
    place (they keep it as it was); fewer let the wait-list in."""
    current = _locked(registration.gathering_id)
    _refuse_if_closed(current)
    mine = Registration.objects.select_for_update().get(pk=registration.pk)
    if mine.status not in REGISTERED:
        raise ValidationError(_("This reply was cancelled. Reply again to come."))
    changed = [name for name, value in data.items() if getattr(mine, name) != value]
    if not changed:
        return []
    if mine.status == Status.CONFIRMED and data.get("adults", mine.adults) > mine.adults:
        free = max(current.capacity - seats_taken(current, leaving=mine), mine.adults)
        if data["adults"] > free:
            raise ValidationError(
                {
                    "adults": ngettext(
                        "There is room for %(free)s adult in your reply. Your place is kept "
                        "as it was.",
                        "There is room for %(free)s adults in your reply. Your place is kept "
                        "as it was.",
                        free,
                    )
                    % {"free": free}
                }
            )
    for name in changed:
        setattr(mine, name, data[name])
    mine.full_clean(exclude=NOT_TYPED)
    mine.save()
    promoted = _promote(current)
    if mine in promoted:
        promoted.remove(mine)
        _tell([mine], Message.PROMOTED)
    _tell(promoted, Message.PROMOTED)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=mine, fields=changed)
    for name in (*changed, "status"):
        setattr(registration, name, getattr(mine, name))
    return changed


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None) -> list[Registration]:
    """Cancel a reply; the places it frees go to the wait-list at once. Returns the
    replies that got a place."""
    current = _locked(registration.gathering_id)
    mine = Registration.objects.select_for_update().get(pk=registration.pk)
    if mine.status == Status.CANCELLED:
        return []
    if not current.cancelled and current.started:
        raise ValidationError(_("This event has already started, so replies are closed."))
    if mine.checked_in_at is not None:
        raise ValidationError(_("You are checked in already. Tell the person at the door."))
    mine.status = Status.CANCELLED
    mine.cancelled_at = timezone.now()
    mine.save(update_fields=["status", "cancelled_at"])
    promoted = _promote(current)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=mine, fields=["status"])
    _tell(promoted, Message.PROMOTED)
    registration.status, registration.cancelled_at = mine.status, mine.cancelled_at
    return promoted


#: The door opens this long before a gathering begins, and closes a day after it ends
#: (for whoever records the sign-in sheet the morning after).
DOOR_OPENS, DOOR_CLOSES = timedelta(hours=3), timedelta(days=1)


def door_is_open(gathering: Gathering, now=None) -> bool:
    now = now or timezone.now()
    ends = gathering.starts_at + timedelta(minutes=gathering.minutes)
    return gathering.starts_at - DOOR_OPENS <= now <= ends + DOOR_CLOSES


def _refuse_unless_door_open(gathering: Gathering) -> None:
    if gathering.cancelled:
        raise ValidationError(_("This event was cancelled."))
    if not door_is_open(gathering):
        raise ValidationError(
            _("Check-in opens three hours before the event and closes a day after it.")
        )


@transaction.atomic
def registration_check_in(*, actor, registration: Registration, undo: bool = False) -> None:
    """Mark someone as here, or not (a tap by mistake). Someone on the wait-list who
    comes anyway is let in, since they are at the door; undoing that puts them back on
    the wait-list (let in at the door: promoted at the moment of check-in)."""
    current = _locked(registration.gathering_id)
    _refuse_unless_door_open(current)
    mine = Registration.objects.select_for_update().get(pk=registration.pk)
    if mine.status == Status.CANCELLED:
        raise ValidationError(_("This reply was cancelled. Add them as someone who did not reply."))
    if undo:
        if mine.walk_in:  # a walk-in tapped by mistake never came: their place is freed
            mine.status, mine.cancelled_at = Status.CANCELLED, timezone.now()
        elif mine.checked_in_at is not None and mine.promoted_at == mine.checked_in_at:
            mine.status, mine.promoted_at = Status.WAITING, None
        mine.checked_in_at = None
    elif mine.checked_in_at is None:
        mine.checked_in_at = timezone.now()
        if mine.status == Status.WAITING:
            mine.status, mine.promoted_at = Status.CONFIRMED, mine.checked_in_at
    mine.save(update_fields=["status", "checked_in_at", "promoted_at", "cancelled_at"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=mine, fields=["checked_in"])
    if undo:
        _tell(_promote(current), Message.PROMOTED)  # before the start, a freed place is given
    registration.status, registration.checked_in_at = mine.status, mine.checked_in_at
    registration.promoted_at = mine.promoted_at


@transaction.atomic
def walk_in_add(*, actor, gathering: Gathering, data: dict) -> Registration:
    """Someone who came without replying, checked in at once."""
    current = _locked(gathering.pk)
    _refuse_unless_door_open(current)
    now = timezone.now()
    registration = Registration(
        gathering=current,
        status=Status.CONFIRMED,
        walk_in=True,
        checked_in_at=now,
        secret=_new_secret(),
        **{name: value for name, value in data.items() if name in REPLY_FIELDS},
    )
    registration.full_clean(exclude=NOT_TYPED)
    registration.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=registration, fields=sorted(data))
    return registration


@transaction.atomic
def resource_share(
    *,
    actor,
    gathering: Gathering,
    kind: str,
    title: str = "",
    url: str = "",
    service=None,
    upload=None,
) -> Resource:
    """Share something with the people who came; each is told there is something new."""
    resource = Resource(gathering=gathering, kind=kind, title=title, shared_by=actor)
    if kind == ResourceKind.LINK:
        if not url:
            raise ValidationError({"url": _("Give the link to share.")})
        resource.url = url
    elif kind == ResourceKind.SERVICE:
        if service is None:
            raise ValidationError({"service": _("Choose the listing to share.")})
        resource.service = service
    else:
        if upload is None:
            raise ValidationError({"upload": _("Choose the file to share.")})
        content, resource.content_type = checked_document(
            upload,
            field="upload",
            too_big=_("Choose a file under 10 MB."),
            refused=_("Choose a PDF or a photo (JPEG or PNG)."),
        )
        resource.file.save(content.name, content, save=False)
    if not resource.title and kind == ResourceKind.FILE:
        raise ValidationError({"title": _("Give the file a title people will recognize.")})
    resource.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=resource, fields=[kind])
    came = gathering.registrations.filter(checked_in_at__isnull=False, status=Status.CONFIRMED)
    _tell(came, Message.RESOURCES)
    return resource
