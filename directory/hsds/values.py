"""How each column's values are written out, decided by the model field's type, so a
column added to schema.TABLES is exported validly without the exporter changing.

HSDS gives every column a type (string, number, date, time...): a number is written as a
number in JSON, a time as 10:00:00, and an absent value is left out, never written as
null or "". The same types describe the CSV package's datapackage.json, so the package
agrees with its own descriptor.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import models

from directory.hsds.schema import Table

#: Columns HSDS types as numbers that the directory keeps as text (a phone extension
#: typed "x12"): written when they read as a number, else left out (decision
#: 0024-hsds-export-and-api).
NUMBER_AS_TEXT = {("phone", "extension")}
#: Columns HSDS requires that the directory may hold empty: an imported organization or
#: taxonomy term without a description. The export writes PLACEHOLDER until the team
#: writes one; the manage page lists the organizations still missing theirs.
REQUIRED_TEXT = {
    ("organization", "description"),
    ("taxonomy", "description"),
    ("taxonomy_term", "description"),
}
PLACEHOLDER = "[No description yet] The directory's team has not described this yet."

_NUMBER = re.compile(r"\s*(?:ext\.?|x)?\s*(-?\d+(?:\.\d+)?)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    name: str
    attname: str
    #: The Frictionless type and format, as the standard's datapackage.json names them.
    kind: str
    format: str | None
    required: bool
    choices: tuple[str, ...]


def columns_of(table: Table) -> list[Column]:
    found = []
    for name in table.columns:
        field = table.field_of(name)
        kind, form = kind_of(table.name, name, field)
        found.append(
            Column(
                name=name,
                attname=field.attname,
                kind=kind,
                format=form,
                required=name == "id" or not field.blank or (table.name, name) in REQUIRED_TEXT,
                choices=tuple(value for value, _label in field.choices or ()),
            )
        )
    return found


def kind_of(table: str, column: str, field: models.Field) -> tuple[str, str | None]:
    if (table, column) in NUMBER_AS_TEXT:
        return "number", None
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, models.UUIDField):
        return "string", "uuid"
    if isinstance(field, models.DateTimeField):
        return "datetime", None
    if isinstance(field, models.DateField):
        return "date", None
    if isinstance(field, models.TimeField):
        return "time", None
    if isinstance(field, models.BooleanField):
        return "boolean", None
    if isinstance(field, (models.IntegerField, models.FloatField, models.DecimalField)):
        return "number", None
    if isinstance(field, models.EmailField):
        return "string", "email"
    if isinstance(field, models.URLField):
        return "string", "uri"
    return "string", None


def json_value(table: str, column: Column, value):
    """The value as HSDS's JSON has it, or None when it is absent (and left out)."""
    if value is None or value == "":
        return PLACEHOLDER if (table, column.name) in REQUIRED_TEXT else None
    if column.kind == "number":
        return _number(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_value(table: str, column: Column, value) -> str:
    """The value as the package's CSV has it: what its descriptor says, "" when absent."""
    written = json_value(table, column, value)
    if written is None:
        return ""
    if isinstance(written, bool):
        return "true" if written else "false"
    if isinstance(value, Decimal) and column.kind == "number":
        return str(value)
    return str(written)


def _number(value) -> int | float | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    match = _NUMBER.fullmatch(str(value))
    if not match:
        return None
    text = match.group(1)
    return float(text) if "." in text else int(text)
