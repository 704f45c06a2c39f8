from django.db import models


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


def audited_create(*, actor, record: models.Model, fields) -> models.Model:
    """Validate and save a new sensitive record, and audit its creation."""
    from audit.models import Action
    from audit.services import audit_entry_create

    record.full_clean()
    record.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=record, fields=fields)
    return record


def audited_update(*, actor, record: models.Model, data: dict) -> models.Model:
    """Apply, validate and save changes to a sensitive record; audit what changed."""
    from audit.models import Action
    from audit.services import audit_entry_create

    changed = apply_changes(record, data)
    if changed:
        record.save(update_fields=changed)
        audit_entry_create(actor=actor, action=Action.CHANGED, record=record, fields=changed)
    return record
