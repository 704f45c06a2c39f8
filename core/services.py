from collections.abc import Iterable

from django.db import models
from django.dispatch import Signal

#: Sent for a change to be written to the audit trail by a layer that may not import it
#: (notices stands beside audit, not above it): `actor`, `action` (an audit Action's
#: value), `record` and `fields`. The audit trail listens (audit/apps.py), as it does for
#: core.access.record_read; core knows nothing of it.
record_changed = Signal()


def record_change_announce(
    *, actor, action: str, record: models.Model, fields: Iterable[str]
) -> None:
    """Hand a change to the audit trail from below it."""
    record_changed.send(
        sender=type(record), actor=actor, action=action, record=record, fields=list(fields)
    )


def apply_changes(instance: models.Model, data: dict) -> list[str]:
    """Set the given fields, validate the whole record, and return what really changed.

    Compares against the stored row, not the instance: a ModelForm has already copied the
    submitted values onto the instance by the time a service sees it."""
    stored = {}
    if instance.pk is not None:
        columns = {name: instance._meta.get_field(name).attname for name in data}
        stored = type(instance)._base_manager.filter(pk=instance.pk).values(*columns.values()).get()
    changed = []
    for name, value in data.items():
        attname = instance._meta.get_field(name).attname
        new = value.pk if isinstance(value, models.Model) else value
        if attname not in stored or stored[attname] != new:
            changed.append(name)
        setattr(instance, name, value)
    instance.full_clean()
    return changed
