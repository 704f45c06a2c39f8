"""The Open Referral HSDS 3.0 exchange formats: the tabular data package (a zip of CSV
files with a datapackage.json) and the JSON form (services with everything nested).

Both go through the same rows: JSON is flattened into the tables' rows on the way in and
built from them on the way out. An import validates every row of every table before it
writes one, so a file with any error imports nothing, and it writes by id, so importing
the same file twice leaves the directory as the first import did.
"""

import csv
import io
import json
import math
import re
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from directory import models as m

#: Largest upload accepted: a county's whole directory is a few megabytes.
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    #: The HSDS columns kept, in the specification's order.
    columns: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def field_of(self, column: str) -> models.Field:
        if column == "id":
            return self.model._meta.pk
        if column.endswith("_id") and column != "link_id":
            return self.model._meta.get_field(column[:-3])
        return self.model._meta.get_field(column)


#: Parents before children, the order of the specification's data package.
TABLES = (
    Table(
        "organization",
        m.Organization,
        ("id", "name", "alternate_name", "description", "email", "website"),
    ),
    Table(
        "service",
        m.Service,
        (
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "alert",
        ),
    ),
    Table(
        "location",
        m.Location,
        (
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
        ),
    ),
    Table(
        "service_at_location",
        m.ServiceAtLocation,
        ("id", "service_id", "location_id", "description"),
    ),
    Table(
        "address",
        m.Address,
        (
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
    ),
    Table(
        "phone",
        m.Phone,
        (
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ),
    ),
    Table(
        "schedule",
        m.Schedule,
        (
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "freq",
            "interval",
            "byday",
            "description",
            "opens_at",
            "closes_at",
        ),
    ),
    Table(
        "language",
        m.Language,
        ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    ),
    Table("required_document", m.RequiredDocument, ("id", "service_id", "document", "uri")),
    Table(
        "service_area",
        m.ServiceArea,
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
    ),
    Table("taxonomy", m.Taxonomy, ("id", "name", "description", "uri", "version")),
    Table(
        "taxonomy_term",
        m.TaxonomyTerm,
        (
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "language",
            "taxonomy_id",
            "term_uri",
        ),
    ),
    Table(
        "cost_option",
        m.CostOption,
        (
            "id",
            "service_id",
            "valid_from",
            "valid_to",
            "option",
            "currency",
            "amount",
            "amount_description",
        ),
    ),
    Table(
        "attribute",
        m.Attribute,
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    ),
)
BY_NAME = {table.name: table for table in TABLES}
#: The plural file names older descriptors and exports still use.
PLURAL_PATHS = {
    "organizations.csv": "organization",
    "services.csv": "service",
    "locations.csv": "location",
    "addresses.csv": "address",
    "phones.csv": "phone",
    "schedules.csv": "schedule",
    "languages.csv": "language",
    "required_documents.csv": "required_document",
    "service_areas.csv": "service_area",
    "taxonomies.csv": "taxonomy",
    "taxonomy_terms.csv": "taxonomy_term",
    "cost_options.csv": "cost_option",
    "attributes.csv": "attribute",
}
_DAYS = {"MON": "MO", "TUE": "TU", "WED": "WE", "THU": "TH", "FRI": "FR", "SAT": "SA", "SUN": "SU"}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


# --- reading ------------------------------------------------------------------------


@dataclass
class Row:
    where: str  # how a person finds the row in their file: "service.csv, row 4"
    values: dict


@dataclass
class Report:
    """What an import did, or why it did nothing."""

    errors: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    #: Tables of the file the directory does not keep, with their row counts.
    not_kept: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> list[tuple[str, int, int, int]]:
        """(table, new, changed, unchanged) for each table the file had rows for."""
        return [
            (name, new, self.changed.get(name, 0), self.unchanged.get(name, 0))
            for name, new in self.created.items()
            if new or self.changed.get(name) or self.unchanged.get(name)
        ]

    def error(self, where: str, message: str) -> None:
        if len(self.errors) < 200:
            self.errors.append(f"{where}: {message}")


class ImportRefused(Exception):
    def __init__(self, report: Report):
        super().__init__("; ".join(report.errors[:3]))
        self.report = report


def read_upload(name: str, data: bytes, report: Report) -> dict[str, list[Row]]:
    """A zip data package, a lone CSV named after its table, or HSDS JSON."""
    if len(data) > MAX_BYTES:
        report.error(name, _("the file is larger than 50 MB."))
        return {}
    lowered = name.lower()
    if lowered.endswith(".json"):
        return read_json(data, report)
    if lowered.endswith(".csv"):
        return read_csv_files({name.rsplit("/", 1)[-1]: data}, report)
    if zipfile.is_zipfile(io.BytesIO(data)):
        return read_package(data, report)
    report.error(name, _("choose a zip data package, a CSV file or an HSDS JSON file."))
    return {}


def read_package(data: bytes, report: Report) -> dict[str, list[Row]]:
    files = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for info in package.infolist():
                if info.is_dir() or info.file_size > MAX_BYTES:
                    continue
                name = info.filename.rsplit("/", 1)[-1]
                if name in files:
                    report.error(name, _("the package holds two files of this name."))
                files[name] = package.read(info)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError):
        report.error(_("the zip file"), _("it is damaged or protected and cannot be read."))
        return {}
    paths = {}
    if "datapackage.json" in files:
        try:
            descriptor = json.loads(files.pop("datapackage.json"))
            for resource in descriptor.get("resources", []):
                paths[resource["path"].rsplit("/", 1)[-1]] = resource["name"]
        except (ValueError, KeyError, TypeError, AttributeError):
            report.error("datapackage.json", _("it is not a readable data package descriptor."))
            return {}
    return read_csv_files(files, report, paths)


def read_csv_files(
    files: dict[str, bytes], report: Report, paths: dict[str, str] | None = None
) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    for filename, content in sorted(files.items()):
        if not filename.lower().endswith(".csv"):
            continue
        table_name = (paths or {}).get(filename) or PLURAL_PATHS.get(filename) or filename[:-4]
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.error(filename, _("the file is not UTF-8 text."))
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            records = list(reader)
        except csv.Error as error:
            report.error(filename, _("it is not readable CSV (%(error)s).") % {"error": error})
            continue
        table = BY_NAME.get(table_name)
        if table is None:
            report.not_kept[table_name] = len(records)
            continue
        if "id" not in (reader.fieldnames or []):
            report.error(filename, _("the file has no “id” column."))
            continue
        if table.name in rows:
            report.error(
                filename,
                _("a second file for the %(table)s table; keep one.") % {"table": table.name},
            )
            continue
        rows[table.name] = [
            Row(
                where=_("%(file)s, row %(row)d") % {"file": filename, "row": number},
                values={k: (v or "").strip() for k, v in record.items() if k is not None},
            )
            for number, record in enumerate(records, start=2)
        ]
    return rows


# The JSON form nests a service's parts inside it; each entry says under which key a
# child table appears in its parent's object, and which column of the child points back.
_NESTED = {
    "service": {
        "phones": ("phone", "service_id"),
        "schedules": ("schedule", "service_id"),
        "service_areas": ("service_area", "service_id"),
        "languages": ("language", "service_id"),
        "required_documents": ("required_document", "service_id"),
        "cost_options": ("cost_option", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
    },
    "service_at_location": {
        "phones": ("phone", "service_at_location_id"),
        "schedules": ("schedule", "service_at_location_id"),
    },
    "location": {
        "addresses": ("address", "location_id"),
        "phones": ("phone", "location_id"),
        "schedules": ("schedule", "location_id"),
        "languages": ("language", "location_id"),
    },
    "organization": {"phones": ("phone", "organization_id")},
    "phone": {"languages": ("language", "phone_id")},
}
#: Objects nested one-to-one: the key in the object, its table, and the column of the
#: holding row that names it.
_SINGLE = {
    "service": {"organization": ("organization", "organization_id")},
    "service_at_location": {"location": ("location", "location_id")},
    "taxonomy_term": {
        "taxonomy_detail": ("taxonomy", "taxonomy_id"),
        # Not in HSDS: the broader term itself, so an export that names it by parent_id
        # also carries it. Other readers ignore the key; parent_id stays as HSDS has it.
        "parent": ("taxonomy_term", "parent_id"),
    },
}
#: Columns kept beside their nested object, because HSDS's JSON has them.
_KEPT_BESIDE = {"parent_id"}


def read_json(data: bytes, report: Report) -> dict[str, list[Row]]:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        report.error("JSON", _("the file is not valid JSON."))
        return {}
    if isinstance(document, dict) and "contents" in document:
        document = document["contents"]
    services = document if isinstance(document, list) else [document]
    flattener = _Flattener(report)
    for number, service in enumerate(services, start=1):
        where = _("service %(n)d") % {"n": number}
        if not isinstance(service, dict):
            report.error(where, _("it is not an object."))
            continue
        flattener.flatten("service", service, where, {})
    return dict(flattener.rows)


class _Flattener:
    """Nested JSON objects into their tables' rows. An object met twice (an organization
    shared by many services) becomes one row; the same id with other contents is an error,
    not a silent choice between them."""

    def __init__(self, report: Report):
        self.report = report
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.seen: dict[tuple[str, str], dict] = {}

    def flatten(self, table, obj, where, parent_columns):
        values = {k: v for k, v in obj.items() if not isinstance(v, (list, dict))}
        values.update(parent_columns)
        known = {*_NESTED.get(table, {}), *_SINGLE.get(table, {}), "attributes"}
        known |= {"taxonomy_term"} if table == "attribute" else set()
        for key, inner in obj.items():
            if key not in known and isinstance(inner, (list, dict)) and inner:
                # Parts the program does not keep (contacts, funding, metadata...):
                # named in the report with their count, as for the CSV tables.
                count = len(inner) if isinstance(inner, list) else 1
                self.report.not_kept[key] = self.report.not_kept.get(key, 0) + count
        for key, (single_table, column) in _SINGLE.get(table, {}).items():
            inner = obj.get(key)
            if isinstance(inner, dict):
                values.setdefault(column, inner.get("id"))
                self.flatten(single_table, inner, f"{where} › {key}", {})
        self._add(table, values, where)
        for list_key, (child_table, column) in _NESTED.get(table, {}).items():
            for index, child in self._list(obj, list_key, where):
                child_where = f"{where} › {list_key}[{index}]"
                self.flatten(child_table, child, child_where, {column: obj.get("id")})
        for index, attribute in self._list(obj, "attributes", where):
            term = attribute.get("taxonomy_term")
            columns = {"link_entity": table, "link_id": obj.get("id")}
            at = f"{where} › attributes[{index}]"
            if isinstance(term, dict):
                columns["taxonomy_term_id"] = term.get("id")
                self.flatten("taxonomy_term", term, at, {})
            self.flatten("attribute", attribute, at, columns)

    def _add(self, table, values, where):
        text = _as_text(values)
        key = (table, _same_id(text.get("id", "")))
        before = self.seen.get(key)
        if before is None:
            self.seen[key] = text
            self.rows[table].append(Row(where=where, values=text))
        elif before != text:
            message = _("the id %(id)s appears twice with different contents.")
            self.report.error(where, message % {"id": text.get("id", "")})

    def _list(self, obj, key, where):
        found = obj.get(key)
        if found is None:
            return []
        if not isinstance(found, list):
            self.report.error(where, _("“%(key)s” should be a list.") % {"key": key})
            return []
        return [(index, item) for index, item in enumerate(found) if isinstance(item, dict)]


def _same_id(value: str) -> str:
    """An id as the directory stores it: a UUID in lower case, so that "ABC…" and
    "abc…" name one row. Anything else as it came, for the checks to report."""
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return value


def _as_text(values: dict) -> dict:
    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value).strip()

    return {k: text(v) for k, v in values.items()}


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
            raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
        return amount
    if column == "byday":
        return ",".join(
            _DAYS.get(day.strip().upper(), day.strip().upper()) for day in raw.split(",")
        )
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
            row_id = _same_id(row.values.get("id", ""))
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
            target = _table_of(model_field.related_model)
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
                elif value is not None and str(value) not in known[target]:
                    report.error(
                        row.where,
                        _("%(column)s names no %(table)s in the file or the directory.")
                        % {"column": column, "table": target},
                    )


def _table_of(model) -> str:
    return next(table.name for table in TABLES if table.model is model)


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
            _same_id(row.values.get(name, ""))
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
    return _same_id(value) == value and value.count("-") == 4


# --- exporting --------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, time):
        return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return _text(value)


_TYPES = {
    models.UUIDField: ("string", "uuid"),
    models.ForeignKey: ("string", "uuid"),
    models.DateField: ("date", None),
    models.TimeField: ("time", None),
    models.FloatField: ("number", None),
    models.DecimalField: ("number", None),
    models.PositiveSmallIntegerField: ("number", None),
    models.EmailField: ("string", "email"),
    models.URLField: ("string", "uri"),
}


def descriptor() -> dict:
    """The datapackage.json describing the exported tables."""
    resources = []
    for table in TABLES:
        fields = []
        foreign_keys = []
        for column in table.columns:
            model_field = table.field_of(column)
            kind, form = next(
                (value for cls, value in _TYPES.items() if isinstance(model_field, cls)),
                ("string", None),
            )
            entry = {"name": column, "type": kind}
            if form:
                entry["format"] = form
            constraints = {}
            if column == "id":
                constraints = {"required": True, "unique": True}
            elif not model_field.blank:
                constraints["required"] = True
            if model_field.choices:
                constraints["enum"] = [value for value, _label in model_field.choices]
            if constraints:
                entry["constraints"] = constraints
            fields.append(entry)
            if isinstance(model_field, models.ForeignKey):
                foreign_keys.append(
                    {
                        "fields": column,
                        "reference": {
                            "resource": _table_of(model_field.related_model),
                            "fields": "id",
                        },
                    }
                )
        schema = {"fields": fields, "primaryKey": "id"}
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "format": "csv",
                "mediatype": "text/csv",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "human_services_data",
        "version": "3.0",
        "resources": resources,
    }


def export_package() -> bytes:
    """The whole directory as a zip: datapackage.json and one CSV per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("datapackage.json", json.dumps(descriptor(), indent=2))
        for table in TABLES:
            attnames = [table.field_of(column).attname for column in table.columns]
            out = io.StringIO(newline="")
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(table.columns)
            for values in (
                table.model.objects.order_by("pk").values_list(*attnames).iterator(chunk_size=2000)
            ):
                writer.writerow([_text(value) for value in values])
            package.writestr(table.path, out.getvalue())
    return buffer.getvalue()


def export_json() -> dict:
    """Every service with its parts nested, in the HSDS API's page wrapper."""
    tables = {table.name: _rows_of(table) for table in TABLES}
    children: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for nested in _NESTED.values():
        for _key, (child_table, column) in nested.items():
            for row in tables[child_table].values():
                if row.get(column):
                    children[(child_table, column, row[column])].append(row)
    attributes = defaultdict(list)
    for row in tables["attribute"].values():
        attributes[(row["link_entity"], row["link_id"])].append(row)

    def build(table: str, row: dict, drop: str = "", within: tuple = ()) -> dict:
        """The row as a JSON object, without the column that says which object holds it."""
        own = {k: v for k, v in row.items() if k != drop}
        for key, (single_table, column) in _SINGLE.get(table, {}).items():
            target = row.get(column)
            if target and target in tables[single_table] and target not in within:
                inner = tables[single_table][target]
                own[key] = build(single_table, inner, within=(*within, row["id"]))
            if column not in _KEPT_BESIDE:
                own.pop(column, None)
        for key, (child_table, column) in _NESTED.get(table, {}).items():
            own[key] = [
                build(child_table, child, column)
                for child in children[(child_table, column, row["id"])]
            ]
        if table not in ("attribute", "taxonomy_term", "taxonomy"):
            own["attributes"] = [
                {
                    **{
                        k: v
                        for k, v in attribute.items()
                        if k not in ("link_id", "taxonomy_term_id")
                    },
                    "taxonomy_term": build(
                        "taxonomy_term", tables["taxonomy_term"][attribute["taxonomy_term_id"]]
                    ),
                }
                for attribute in attributes[(table, row["id"])]
            ]
        return own

    services = [build("service", row) for row in tables["service"].values()]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }


def _rows_of(table: Table) -> dict[str, dict]:
    attnames = [table.field_of(column).attname for column in table.columns]
    found = {}
    for values in (
        table.model.objects.order_by("pk").values_list(*attnames).iterator(chunk_size=2000)
    ):
        row = {
            column: (str(value) if isinstance(value, uuid.UUID) else _json_value(value))
            for column, value in zip(table.columns, values, strict=True)
        }
        found[row["id"]] = row
    return found
