from collections.abc import Iterable

from django.db import models

from audit.context import current_ip, current_path
from audit.models import LIST, SECURITY, Action, AuditEntry
from core.services import apply_changes


def audit_entry_create(
    *,
    actor,
    action: Action,
    record: models.Model,
    fields: Iterable[str] = (),
) -> AuditEntry:
    """Append one entry to the trail. Called by every view and change of a sensitive record."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        record_type=record._meta.label_lower,
        record_id=str(record.pk),
        fields=sorted(fields),
        ip=current_ip.get(),
        path=current_path.get(),
    )


def changed_fields(form) -> list[str]:
    """The names of the fields a bound, valid model form changed."""
    return list(form.changed_data)


def audit_read(*, user, record: models.Model, fields: Iterable[str] = (), **signal) -> None:
    """The trail's entry for a record an access rule loaded (core.access.record_read)."""
    audit_entry_create(actor=user, action=Action.VIEWED, record=record, fields=fields)


def audit_change(*, actor, action: str, record: models.Model, fields, **signal) -> None:
    """The trail's entry for a change announced from below (core.services.record_changed)."""
    audit_entry_create(actor=actor, action=Action(action), record=record, fields=fields)


def audit_list_read(*, user, model: str, filters: Iterable[str] = (), **signal) -> None:
    """The trail's entry for a page that lists records (core.access.list_read): one a
    page shown, however many rows it shows, naming the listed model and the filters."""
    AuditEntry.objects.create(
        actor=user if user is not None and user.is_authenticated else None,
        action=Action.VIEWED,
        record_type=model,
        record_id=LIST,
        fields=list(filters),
        ip=current_ip.get(),
        path=current_path.get(),
    )


def audit_security_event(*, event: str, user=None, detail: str = "", **signal) -> None:
    """The trail's entry for a security event (core.security.security_event): the account
    it concerns as its actor (none when an address matched no account, or for a visitor
    not signed in), the event, and its detail: a URL's name, a factor's kind.

    A refusal keeps no path: the URL's name says which page, and the path would keep the
    id that was guessed."""
    action = Action(event)
    AuditEntry.objects.create(
        actor=user if user is not None and getattr(user, "pk", None) else None,
        action=action,
        record_type=SECURITY,
        record_id=detail[:40],
        ip=current_ip.get(),
        path="" if action == Action.REFUSED else current_path.get(),
    )


def audited_create(*, actor, record: models.Model, fields) -> models.Model:
    """Validate and save a new sensitive record, and audit its creation."""
    record.full_clean()
    record.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=record, fields=fields)
    return record


def audited_update(*, actor, record: models.Model, data: dict) -> models.Model:
    """Apply, validate and save changes to a sensitive record; audit what changed."""
    changed = apply_changes(record, data)
    if changed:
        record.save(update_fields=changed)
        audit_entry_create(actor=actor, action=Action.CHANGED, record=record, fields=changed)
    return record
