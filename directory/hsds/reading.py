"""Uploaded files into the tables' rows: the zip data package, a lone CSV, or the JSON
form flattened. Nothing here touches the database; the importer checks and writes the
rows. The Report starts here, as reading names what it cannot read, and the importer adds
what it checked and wrote."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.spreadsheet import read_back
from directory.hsds.schema import BY_NAME, PLURAL_PATHS, TABLES

TABLE_ORDER = [table.name for table in TABLES]
#: The standard's own plural file names of the tables the directory does not keep
#: (its example package's), so the report names them as the standard does.
OTHER_PLURALS = {
    "programs": "program",
    "contacts": "contact",
    "organization_identifiers": "organization_identifier",
    "meta_table_descriptions": "meta_table_description",
}

#: Largest upload accepted: a county's whole directory is a few megabytes.
MAX_BYTES = 50 * 1024 * 1024
#: The longest value one field may hold: csv's default limit, checked here rather than
#: left to csv, whose limit is the whole process's and which frictionless raises as it is
#: imported. A file was refused or taken depending on what else the process had loaded.
MAX_FIELD_CHARS = 131_072


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
    #: For each kept table the file has: the columns it brought, kept or not.
    columns: dict[str, set[str]] = field(default_factory=dict)
    #: What the import did that a person should know, beside the counts.
    notes: list[str] = field(default_factory=list)
    #: What the file was: "HSDS 3.0 data package", "HSDS 3.0 service document"...
    kind: str = ""
    #: The file's name as the person chose it, for the downloaded report.
    file_name: str = ""

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

    def note(self, where: str, message: str) -> None:
        if len(self.notes) < 200:
            self.notes.append(f"{where}: {message}")

    def saw_columns(self, table: str, columns) -> None:
        self.columns.setdefault(table, set()).update(c for c in columns if c)

    @property
    def column_lines(self) -> list[str]:
        """For each kept table: how many of the file's columns were kept, and which were
        not, by name ("schedule: kept 20 of 23 columns; not kept: byweekno, ...")."""
        lines = []
        for table in TABLE_ORDER:
            seen = self.columns.get(table)
            if not seen:
                continue
            kept = [column for column in BY_NAME[table].columns if column in seen]
            dropped = sorted(seen - set(kept))
            if dropped:
                message = _("%(table)s: kept %(kept)d of %(all)d columns; not kept: %(names)s")
                names = ", ".join(dropped)
            else:
                message = _("%(table)s: kept all %(all)d columns")
                names = ""
            lines.append(
                message % {"table": table, "kept": len(kept), "all": len(seen), "names": names}
            )
        return lines

    def as_text(self) -> str:
        """The whole report as plain text, for a person to download and keep."""
        lines = [_("HSDS import report"), ""]
        if self.file_name:
            lines += [_("File: %(name)s") % {"name": self.file_name}, ""]
        if self.kind:
            lines += [self.kind, ""]
        if self.errors:
            lines.append(_("Nothing was imported. Problems to fix first:"))
            lines += [f"- {error}" for error in self.errors]
        else:
            lines.append(_("Rows: table, new, changed, unchanged"))
            lines += [
                f"- {name}: {new}, {changed}, {same}" for name, new, changed, same in self.rows
            ]
        if self.column_lines:
            lines += ["", _("Columns:")] + [f"- {line}" for line in self.column_lines]
        if self.not_kept:
            lines += ["", _("Not kept, because the program does not use them:")]
            lines += [f"- {name} ({count})" for name, count in self.not_kept.items()]
        if self.notes:
            lines += ["", _("Notes:")] + [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def read_upload(name: str, data: bytes, report: Report) -> dict[str, list[Row]]:
    """A zip data package, a lone CSV named after its table, or HSDS JSON."""
    if len(data) > MAX_BYTES:
        report.error(name, _("the file is larger than 50 MB."))
        return {}
    lowered = name.lower()
    if lowered.endswith(".json"):
        return read_json(data, report, name.rsplit("/", 1)[-1])
    if lowered.endswith(".csv"):
        return read_csv_files({name.rsplit("/", 1)[-1]: data}, report)
    if zipfile.is_zipfile(io.BytesIO(data)):
        return read_package(data, report, name.rsplit("/", 1)[-1])
    report.error(name, _("choose a zip data package, a CSV file or an HSDS JSON file."))
    return {}


def read_package(data: bytes, report: Report, name: str = "") -> dict[str, list[Row]]:
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
        report.error(name or _("the zip file"), _("it is damaged or protected and cannot be read."))
        return {}
    paths = {}
    version = ""
    if "datapackage.json" in files:
        try:
            descriptor = json.loads(files.pop("datapackage.json"))
            version = str(descriptor.get("version") or "")
            for resource in descriptor.get("resources", []):
                paths[resource["path"].rsplit("/", 1)[-1]] = resource["name"]
        except (ValueError, KeyError, TypeError, AttributeError):
            report.error("datapackage.json", _("it is not a readable data package descriptor."))
            return {}
    if not version_refused("datapackage.json", version, report):
        old = sorted(name for name in files if name.lower().removesuffix(".csv") in OLD_TABLES)
        if old:
            old_version_refused(name_of_old(version), old[0], report)
    if not report.ok:
        return {}
    report.kind = _("HSDS %(version)s data package") % {"version": version or "3.0"}
    return read_csv_files(files, report, paths)


#: Tables of HSDS 1.x and 2.x that 3.0 replaced (regular_schedule and holiday_schedule
#: by schedule, physical_address and postal_address by address, service_taxonomy and
#: service_attribute by attribute...). A file that has one is of the older versions.
OLD_TABLES = {
    "regular_schedule",
    "regular_schedules",
    "holiday_schedule",
    "holiday_schedules",
    "physical_address",
    "physical_addresses",
    "postal_address",
    "postal_addresses",
    "payment_accepted",
    "payments_accepted",
    "accessibility_for_disabilities",
    "service_taxonomy",
    "service_attribute",
    "other_attribute",
    "eligibility",
}


def name_of_old(version: str) -> str:
    return version or _("1.x or 2.x")


def version_refused(where: str, version: str, report: Report) -> bool:
    """A version other than 3.x is refused, naming it. No version says nothing."""
    major = version.strip().lstrip("vV").split(".", 1)[0]
    if not major or major == "3":
        return False
    old_version_refused(version.strip(), where, report)
    return True


def old_version_refused(version: str, where: str, report: Report) -> None:
    report.error(
        where,
        _(
            "this is HSDS %(version)s, and the directory reads HSDS 3.0 only. Ask the "
            "publisher for an HSDS 3.0 file, or convert it first (Open Referral's "
            "documentation lists the changes from the older versions)."
        )
        % {"version": version},
    )


def _too_long(record: dict) -> bool:
    return any(isinstance(v, str) and len(v) > MAX_FIELD_CHARS for v in record.values())


def read_csv_files(
    files: dict[str, bytes], report: Report, paths: dict[str, str] | None = None
) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    for filename, content in sorted(files.items()):
        if not filename.lower().endswith(".csv"):
            continue
        stem = filename[:-4].lower()
        if stem in OLD_TABLES:
            old_version_refused(name_of_old(""), filename, report)
            continue
        table_name = (
            (paths or {}).get(filename)
            or PLURAL_PATHS.get(filename)
            or OTHER_PLURALS.get(stem)
            or filename[:-4]
        )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.error(filename, _("the file is not UTF-8 text."))
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            records = list(reader)
            if any(_too_long(record) for record in records):
                raise csv.Error(f"field larger than field limit ({MAX_FIELD_CHARS})")
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
        report.saw_columns(table.name, reader.fieldnames or [])
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


def read_json(data: bytes, report: Report, name: str = "JSON") -> dict[str, list[Row]]:
    from directory.hsds.kinds import read_document

    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        report.error(name, _("the file is not valid JSON."))
        return {}
    return read_document(document, report, name)
