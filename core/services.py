from django.db import models


def apply_changes(instance: models.Model, data: dict) -> list[str]:
    """Set the given fields, validate the whole record, and return what really changed."""
    changed = []
    for name, value in data.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    instance.full_clean()
    return changed
