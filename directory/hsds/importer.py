"""Rows checked, then written. Every row of every table is validated before one is
written, so a file with any error imports nothing; rows are written by id, so importing
the same file twice leaves the directory as the first import did."""

import math
import re
import uuid
from collections import defaultdict
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from directory import models as m
from directory.hsds.reading import Report, Row
from directory.hsds.schema import BY_NAME, TABLES, Table, same_id, table_of

_DAYS = {"MON": "MO", "TUE": "TU", "WED": "WE", "THU": "TH", "FRI": "FR", "SAT": "SA", "SUN": "SU"}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


class ImportRefused(Exception):
    def __init__(self, report: Report):
        super().__init__("; ".join(report.errors[:3]))
        self.report = report


# --- checking -------------------------------------------------------------------------


def _parse(table: Table, column: str, raw: str):
    """A CSV or JSON value as the model field holds it; ValueError in plain words."""
    model_field = table.field_of(column)
    if raw == "":
        if model_field.null:
            return None
        return "" if not isinstance(model_field, (models.UUIDField, models.ForeignKey)) else None
    if isinstance(model_field, (models.UUIDField, models.ForeignKey)):
        try:
            return str(uuid.UUID(raw))
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not an HSDS id (a UUID).") % {"value": raw}
            ) from None
    if isinstance(model_field, models.TimeField):
        found = _TIME.match(raw)
        if not found:
            raise ValueError(_("“%(value)s” is not a time like 09:00.") % {"value": raw})
        hours, minutes, seconds = (int(part or 0) for part in found.groups())
        try:
            return time(hours, minutes, seconds)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a time like 09:00.") % {"value": raw}) from None
    if isinstance(model_field, models.DateField):
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date like 2026-03-15.") % {"value": raw}
            ) from None
    if isinstance(model_field, models.PositiveSmallIntegerField):
        try:
            number = Decimal(raw)
        except ArithmeticError:
            number = None
        if (
            number is None
            or not number.is_finite()
            or number != number.to_integral_value()
            or not 0 <= number < 32768
        ):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": raw})
        return int(number)
    if isinstance(model_field, models.FloatField):
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        limit = 90 if column == "latitude" else 180
        if not math.isfinite(number) or abs(number) > limit:
            message = _("“%(value)s” is not a number between -%(limit)d and %(limit)d.")
            raise ValueError(message % {"value": raw, "limit": limit})
        return number
    if isinstance(model_field, models.DecimalField):
        try:
            amount = Decimal(raw)
        except ArithmeticError:
            amount = None
        if amount is None or not amount.is_finite():
            if column == "timezone":
                message = _("“%(value)s” is not an offset from UTC in hours, like -5.")
            else:
                message = _("“%(value)s” is not an amount.")
            raise ValueError(message % {"value": raw})
        return amount
    if column == "byday":
        return ",".join(
            _DAYS.get(day.strip().upper(), day.strip().upper()) for day in raw.split(",")
        )
    if column in ("freq", "wkst"):
        return _DAYS.get(raw.upper(), raw.upper())
    if column in ("byweekno", "bymonthday", "byyearday"):
        return raw.replace(" ", "")
    return raw


def _check(rows: dict[str, list[Row]], report: Report) -> dict[str, list[models.Model]]:
    """Every row made into an unsaved instance and checked: types, choices, lengths,
    required columns, ids once per file, and every reference to a row that exists in the
    file or in the directory."""
    instances: dict[str, list[models.Model]] = {}
    ids: dict[str, set[str]] = {}
    for table in TABLES:
        found = set()
        for row in rows.get(table.name, []):
            row_id = same_id(row.values.get("id", ""))
            if row_id in found:
                report.error(row.where, _("the id %(id)s appears twice.") % {"id": row_id})
            found.add(row_id)
        ids[table.name] = found
    for table in TABLES:
        made = []
        for row in rows.get(table.name, []):
            instance = _instance(table, row, report)
            if instance is not None:
                made.append((row, instance))
        instances[table.name] = made
    _check_references(instances, ids, report)
    _check_term_codes(instances.get("taxonomy_term", []), report)
    return {name: [instance for _row, instance in made] for name, made in instances.items()}


def _check_term_codes(made, report: Report) -> None:
    """A code names one term of a taxonomy: within the file, and with the terms the
    directory already has (the program's own needs among them)."""
    if not made:
        return
    mine = {str(instance.pk) for _row, instance in made}
    taken = {
        (str(taxonomy_id), code): str(pk)
        for pk, taxonomy_id, code in m.TaxonomyTerm.objects.filter(
            taxonomy_id__in={instance.taxonomy_id for _row, instance in made}
        )
        .exclude(code="")
        .values_list("pk", "taxonomy_id", "code")
        if str(pk) not in mine
    }
    for row, instance in made:
        if str(instance.parent_id) == str(instance.pk):
            report.error(row.where, _("parent_id: a term cannot be its own broader term."))
        if not instance.code:
            continue
        key = (str(instance.taxonomy_id), instance.code)
        if key in taken and taken[key] != str(instance.pk):
            message = _("code: “%(code)s” already names another term of this taxonomy.")
            report.error(row.where, message % {"code": instance.code})
        taken[key] = str(instance.pk)


def _instance(table: Table, row: Row, report: Report):
    values = {}
    failed = False
    for column in table.columns:
        raw = row.values.get(column, "")
        try:
            values[table.field_of(column).attname] = _parse(table, column, raw)
        except ValueError as error:
            report.error(row.where, f"{column}: {error}")
            failed = True
    if failed:
        return None
    if values.get("id") is None:
        report.error(row.where, _("the row has no id."))
        return None
    instance = table.model(**values)
    references = [
        f.name for f in table.model._meta.concrete_fields if isinstance(f, models.ForeignKey)
    ]
    try:
        instance.clean_fields(exclude=references)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = name if name in table.columns else f"{name}"
            for message in messages:
                report.error(row.where, f"{column}: {message}")
        return None
    return instance


def _references(instance):
    """(column, table, id or None, required) for each row the instance points to: its
    foreign keys, and an attribute's link to the record it describes."""
    for model_field in instance._meta.concrete_fields:
        if isinstance(model_field, models.ForeignKey):
            value = getattr(instance, model_field.attname)
            target = table_of(model_field.related_model)
            yield model_field.attname, target, value, not model_field.null
    if isinstance(instance, m.Attribute) and instance.link_entity in BY_NAME:
        yield "link_id", instance.link_entity, instance.link_id, True


def _check_references(instances, ids, report: Report) -> None:
    wanted: dict[str, set[str]] = defaultdict(set)
    for made in instances.values():
        for _row, instance in made:
            for _column, target, value, _required in _references(instance):
                if value is not None:
                    wanted[target].add(str(value))
    known = {
        name: ids[name]
        | {
            str(pk)
            for pk in BY_NAME[name]
            .model.objects.filter(pk__in=wanted[name] - ids[name])
            .values_list("pk", flat=True)
            .iterator()
        }
        for name in wanted
    }
    for made in instances.values():
        for row, instance in made:
            for column, target, value, required in _references(instance):
                if value is None and required:
                    report.error(row.where, _("%(column)s is required.") % {"column": column})
                elif (
                    value is not None
                    and column == "parent_id"
                    and isinstance(instance, m.TaxonomyTerm)
                    and str(value) not in known[target]
                ):
                    # HSDS documents name a term's broader term without carrying it: the
                    # id is kept as it came, and links up when that term is imported.
                    report.note(
                        row.where,
                        _(
                            "parent_id %(id)s names a term not in the file nor the "
                            "directory; the term is kept, and linked to it when it is "
                            "imported."
                        )
                        % {"id": value},
                    )
                elif value is not None and str(value) not in known[target]:
                    report.error(
                        row.where,
                        _("%(column)s names no %(table)s in the file or the directory.")
                        % {"column": column, "table": target},
                    )


# --- writing ---------------------------------------------------------------------------


def import_rows(rows: dict[str, list[Row]], report: Report) -> Report:
    """Check everything, then write everything in one transaction, or nothing."""
    instances = _check(rows, report)
    if not report.ok:
        raise ImportRefused(report)
    with transaction.atomic():
        for table in TABLES:
            made = instances.get(table.name) or []
            if not made:
                continue
            attnames = [table.field_of(column).attname for column in table.columns]
            existing = {
                str(values["id"]): values
                for values in table.model.objects.filter(pk__in=[i.pk for i in made]).values(
                    *attnames
                )
            }
            new, changed = [], []
            unchanged = 0
            for instance in made:
                before = existing.get(str(instance.pk))
                if before is None:
                    new.append(instance)
                elif _same(before, instance, attnames):
                    unchanged += 1
                else:
                    changed.append(instance)
            table.model.objects.bulk_create(new, batch_size=500)
            if changed:
                table.model.objects.bulk_update(changed, attnames[1:], batch_size=500)
            report.created[table.name] = len(new)
            report.changed[table.name] = len(changed)
            report.unchanged[table.name] = unchanged
    return report


def _same(before: dict, instance, attnames) -> bool:
    for name in attnames:
        old, new = before[name], getattr(instance, name)
        if isinstance(old, uuid.UUID) or isinstance(new, uuid.UUID):
            old, new = (
                (str(old) if old is not None else None),
                (str(new) if new is not None else None),
            )
        if old != new:
            return False
    return True


def touched_services(rows: dict[str, list[Row]]) -> set[str]:
    """The services whose search words an import may have changed: its services, those
    its places, languages, phones, hours and tags belong to, and those of its
    organizations, places and terms already in the directory."""

    def column(table, name, where=lambda row: True):
        return {
            same_id(row.values.get(name, ""))
            for row in rows.get(table, [])
            if row.values.get(name) and where(row)
        }

    found = column("service", "id")
    for table in ("service_at_location", "language", "phone", "schedule"):
        found |= column(table, "service_id")
    found |= column("attribute", "link_id", lambda row: row.values.get("link_entity") == "service")
    places = column("location", "id") | column("address", "location_id")
    organizations = column("organization", "id")
    terms = column("taxonomy_term", "id")
    for ids, query in (
        (
            places,
            lambda ids: m.ServiceAtLocation.objects.filter(location_id__in=ids).values_list(
                "service_id", flat=True
            ),
        ),
        (
            organizations,
            lambda ids: m.Service.objects.filter(organization_id__in=ids).values_list(
                "pk", flat=True
            ),
        ),
        (
            terms,
            lambda ids: m.Attribute.objects.filter(
                link_entity="service", taxonomy_term_id__in=ids
            ).values_list("link_id", flat=True),
        ),
    ):
        valid = {value for value in ids if _is_uuid(value)}
        if valid:
            found |= {str(pk) for pk in query(valid)}
    return {value for value in found if _is_uuid(value)}


def _is_uuid(value: str) -> bool:
    return same_id(value) == value and value.count("-") == 4
