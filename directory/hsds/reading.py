"""Uploaded files into the tables' rows: the zip data package, a lone CSV, or the JSON
form flattened. Nothing here touches the database; the importer checks and writes the
rows. The Report starts here, as reading names what it cannot read, and the importer adds
what it checked and wrote."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.spreadsheet import read_back
from directory.hsds.schema import BY_NAME, NESTED, PLURAL_PATHS, SINGLE, same_id

#: Largest upload accepted: a county's whole directory is a few megabytes.
MAX_BYTES = 50 * 1024 * 1024


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
                values={
                    k: read_back((v or "").strip()) for k, v in record.items() if k is not None
                },
            )
            for number, record in enumerate(records, start=2)
        ]
    return rows


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
        known = {*NESTED.get(table, {}), *SINGLE.get(table, {}), "attributes"}
        known |= {"taxonomy_term"} if table == "attribute" else set()
        for key, inner in obj.items():
            if key not in known and isinstance(inner, (list, dict)) and inner:
                # Parts the program does not keep (contacts, funding, metadata...):
                # named in the report with their count, as for the CSV tables.
                count = len(inner) if isinstance(inner, list) else 1
                self.report.not_kept[key] = self.report.not_kept.get(key, 0) + count
        for key, (single_table, column) in SINGLE.get(table, {}).items():
            inner = obj.get(key)
            if isinstance(inner, dict):
                values.setdefault(column, inner.get("id"))
                self.flatten(single_table, inner, f"{where} › {key}", {})
        self._add(table, values, where)
        for list_key, (child_table, column) in NESTED.get(table, {}).items():
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
        key = (table, same_id(text.get("id", "")))
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


def _as_text(values: dict) -> dict:
    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value).strip()

    return {k: text(v) for k, v in values.items()}
