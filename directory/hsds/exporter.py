"""The whole directory out as HSDS: the zip data package with its datapackage.json, or
the JSON form with each service's parts nested in it. Both are valid by the standard:
the package passes `frictionless validate`, and each service validates against HSDS's
compiled service.json (tests in directory/tests/test_hsds_valid.py)."""

import io
import json
import zipfile

from django.db import models

from core import spreadsheet
from directory.hsds.documents import EXPORT, Rows
from directory.hsds.schema import TABLES, table_of
from directory.hsds.values import columns_of, csv_value


def descriptor() -> dict:
    """The datapackage.json describing the exported tables, in the standard's types."""
    resources = []
    for table in TABLES:
        fields = []
        foreign_keys = []
        for column in columns_of(table):
            entry = {"name": column.name, "type": column.kind}
            if column.format:
                entry["format"] = column.format
            constraints = {}
            if column.required:
                constraints["required"] = True
            if column.name == "id":
                constraints["unique"] = True
            if column.choices:
                constraints["enum"] = list(column.choices)
            if constraints:
                entry["constraints"] = constraints
            fields.append(entry)
            model_field = table.field_of(column.name)
            # A term's broader term may name a term still to come (kept without a database
            # constraint for that reason); the standard declares no foreign key there either.
            if isinstance(model_field, models.ForeignKey) and model_field.db_constraint:
                foreign_keys.append(
                    {
                        "fields": column.name,
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
                "encoding": "utf-8",
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
            columns = columns_of(table)
            out = io.StringIO(newline="")
            # Every cell neutralised, as in every CSV (core.spreadsheet): the package's
            # typed columns (dates, numbers, ids, phones) never begin a formula.
            writer = spreadsheet.writer(out, lineterminator="\r\n")
            writer.writerow(table.columns)
            for values in (
                table.model.objects.order_by("pk")
                .values_list(*(column.attname for column in columns))
                .iterator(chunk_size=2000)
            ):
                writer.writerow(
                    [
                        csv_value(table.name, column, value)
                        for column, value in zip(columns, values, strict=True)
                    ]
                )
            package.writestr(table.path, out.getvalue())
    return buffer.getvalue()


def export_json() -> dict:
    """Every service with its parts nested, in the HSDS API's page wrapper."""
    rows = Rows.everything()
    services = [rows.document("service", row, EXPORT) for row in rows.tables["service"].values()]
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
