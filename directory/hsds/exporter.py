"""The whole directory out as HSDS: the zip data package with its datapackage.json, or
the JSON form with each service's parts nested in it."""

import io
import json
import uuid
import zipfile
from collections import defaultdict
from datetime import date, time
from decimal import Decimal

from django.db import models

from core import spreadsheet
from directory.hsds.schema import KEPT_BESIDE, NESTED, SINGLE, TABLES, Table, table_of


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
                            "resource": table_of(model_field.related_model),
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
            # Every cell neutralised, as in every CSV (core.spreadsheet): the package's
            # typed columns (dates, numbers, ids, phones) never begin a formula.
            writer = spreadsheet.writer(out, lineterminator="\r\n")
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
    for nested in NESTED.values():
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
        for key, (single_table, column) in SINGLE.get(table, {}).items():
            target = row.get(column)
            if target and target in tables[single_table] and target not in within:
                inner = tables[single_table][target]
                own[key] = build(single_table, inner, within=(*within, row["id"]))
            if column not in KEPT_BESIDE:
                own.pop(column, None)
        for key, (child_table, column) in NESTED.get(table, {}).items():
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
