"""Each audit entry's record named as people name it, with a link to its page.

The trail stores a record by its model label and id. Audit sits below the apps whose
records it watches, so it never imports them: it finds each model through Django's app
registry and names a record by the model's own `__str__` and `get_absolute_url`. An app
whose records read better another way, or whose name needs a related record, says so
from its `AppConfig.ready()` with `name_records`, so that relation is joined when the
records are loaded. Records are loaded one query per kind on the page, whatever the
number of entries; any other relation a name touches is fetched once for all the
records of its kind (FETCH_PEERS), never once per entry.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.fetch_modes import FETCH_PEERS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit.models import LIST, SECURITY


@dataclass(frozen=True)
class Naming:
    kind: object = None  # a string, or a function of the record; else the verbose name
    related: tuple[str, ...] = ()
    name: Callable[[models.Model], str] = str
    url: Callable[[models.Model], str] | None = None


_namings: dict[str, Naming] = {}
# Labels a model had before it was renamed: old entries keep them, the ids did not change.
_renamed: dict[str, str] = {}


def name_records(
    model: type[models.Model],
    *,
    kind=None,
    related: Iterable[str] = (),
    name: Callable[[models.Model], str] = str,
    url: Callable[[models.Model], str] | None = None,
    old_labels: Iterable[str] = (),
) -> None:
    """How the trail names one model's records. Called from an app's ready()."""
    label = model._meta.label_lower
    _namings[label] = Naming(kind=kind, related=tuple(related), name=name, url=url)
    for old in old_labels:
        _renamed[old] = label


@dataclass(frozen=True)
class NamedRecord:
    kind: str
    name: str
    url: str
    fields: list[str]

    def __str__(self):
        return f"{self.kind}: {self.name}" if self.name else self.kind


def _model_for(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(_renamed.get(label, label))
    except (LookupError, ValueError):
        return None


def _field_label(model: type[models.Model] | None, field: str) -> str:
    if model is not None:
        try:
            found = model._meta.get_field(field)
        except FieldDoesNotExist:
            found = None
        if found is not None and found.auto_created and found.is_relation:
            # A reverse relation has no label of its own: it holds the other model's records.
            return capfirst(found.related_model._meta.verbose_name_plural)
        if found is not None:
            return capfirst(found.verbose_name)
    return capfirst(field.replace("_", " "))


def _records_by_kind(entries) -> dict[type[models.Model], dict[str, models.Model]]:
    wanted = defaultdict(set)
    for entry in entries:
        if entry.record_id != LIST and (model := _model_for(entry.record_type)):
            wanted[model].add(entry.record_id)
    loaded = {}
    for model, ids in wanted.items():
        naming = _namings.get(model._meta.label_lower, Naming())
        records = model._default_manager.fetch_mode(FETCH_PEERS)
        if naming.related:
            records = records.select_related(*naming.related)
        pk = model._meta.pk
        valid = []
        for record_id in ids:
            try:
                valid.append(pk.to_python(record_id))
            except ValidationError:  # an id the model could never have had names nothing
                continue
        loaded[model] = {str(r.pk): r for r in records.filter(pk__in=valid)}
    return loaded


def _kind(model, naming, record) -> str:
    if callable(naming.kind) and record is not None:
        return str(naming.kind(record))
    if naming.kind and not callable(naming.kind):
        return str(naming.kind)
    return capfirst(model._meta.verbose_name)


def named_records(entries) -> dict[int, NamedRecord]:
    """Each entry's record (by the entry's pk), named and linked, in one query per kind."""
    entries = list(entries)
    loaded = _records_by_kind(entries)
    named = {}
    for entry in entries:
        if entry.record_type == SECURITY:
            # A security event names no record: its detail is a URL's name, a factor's kind.
            named[entry.pk] = NamedRecord(entry.record_id or "—", "", "", [])
            continue
        model = _model_for(entry.record_type)
        if model is not None and entry.record_id == LIST:
            # A list read as a whole: the kind listed, and the filters asked for as typed.
            kind = capfirst(model._meta.verbose_name_plural)
            named[entry.pk] = NamedRecord(kind, _("list"), "", list(entry.fields))
            continue
        fields = [_field_label(model, field) for field in entry.fields]
        if model is None:
            named[entry.pk] = NamedRecord(f"{entry.record_type} #{entry.record_id}", "", "", fields)
            continue
        naming = _namings.get(model._meta.label_lower, Naming())
        record = loaded[model].get(entry.record_id)
        kind = _kind(model, naming, record)
        if record is None:  # removed since, or never kept
            named[entry.pk] = NamedRecord(f"{kind} #{entry.record_id}", "", "", fields)
            continue
        if naming.url:
            url = naming.url(record)
        else:
            url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        named[entry.pk] = NamedRecord(kind, naming.name(record), url, fields)
    return named
