"""HSDS 3.0 JSON documents into the tables' rows. The API's documents are read by their
shape, whatever the file's name: a service, an organization (with its services and
locations), a service at a location, a location, a taxonomy, a taxonomy term, a page of
any of these ({"contents": [...]}), and the tabular form ({"services.csv": [rows]}).

An object nested in several places (the same phone under the service, its location and
its organization) is one row: its identity is its id, and each copy adds the link to the
object that holds it (a phone under a service and under a location is one phone with
both service_id and location_id, as the standard's own CSV example has it). Copies that
say different things of one field are refused, naming both places, the field and both
values."""

from collections import defaultdict

from django.utils.translation import gettext as _

from directory.hsds import standard
from directory.hsds.reading import (
    OLD_TABLES,
    OTHER_PLURALS,
    Report,
    Row,
    old_version_refused,
    version_refused,
)
from directory.hsds.schema import BY_NAME, NESTED, PLURAL_PATHS, SINGLE, same_id

#: How a document nests objects beyond what the directory's own export nests: an
#: organization document lists its services and locations, a service at a location
#: holds its service.
READ_NESTED = {
    **NESTED,
    "organization": {
        **NESTED["organization"],
        "services": ("service", "organization_id"),
        "locations": ("location", "organization_id"),
    },
}
READ_SINGLE = {
    **SINGLE,
    "service_at_location": {
        **SINGLE["service_at_location"],
        "service": ("service", "service_id"),
    },
}
#: The document types, as the report names them.
DOCUMENTS = ("service", "organization", "service_at_location", "location", "taxonomy_term")
#: Keys of HSDS 1.x/2.x JSON (the HSDA API) that 3.0 replaced.
OLD_KEYS = {
    "regular_schedule",
    "regular_schedules",
    "holiday_schedule",
    "holiday_schedules",
    "physical_address",
    "physical_addresses",
    "postal_address",
    "postal_addresses",
    "accessibility_for_disabilities",
    "payment_accepted",
    "payments_accepted",
    "accepted_payments",
    "service_taxonomy",
}


def _keys_of(table: str) -> set[str]:
    return (
        set(standard.COLUMNS[table])
        | set(READ_NESTED.get(table, {}))
        | set(READ_SINGLE.get(table, {}))
    )


def _distinctive() -> dict[str, set[str]]:
    """For each document type, the keys no other type has."""
    types = (*DOCUMENTS, "taxonomy")
    keys = {name: _keys_of(name) for name in types}
    keys["organization"] |= {"programs", "organization_identifiers", "funding"}
    keys["location"] |= {"accessibility"}
    return {
        name: own - set().union(*(keys[other] for other in types if other != name)) - {"id"}
        for name, own in keys.items()
    }


DISTINCTIVE = _distinctive()


def shape_of(obj: dict) -> str | None:
    """The document type whose own keys the object has most of; None when no type's."""
    scores = {name: len(keys & obj.keys()) for name, keys in DISTINCTIVE.items()}
    best = max(scores.values())
    if not best:
        return None
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def read_document(document, report: Report, name: str) -> dict[str, list[Row]]:
    """The rows of a document; each place in it is named by the file's name and the path
    to the object ("service_full.json › organization › locations[0]")."""
    if isinstance(document, dict) and _is_tabular(document):
        return _read_tabular(document, report, name)
    if isinstance(document, dict) and "openapi_url" in document:
        if not version_refused(name, str(document.get("version") or ""), report):
            report.error(
                name,
                _(
                    "this is the description of an HSDS API (its version and address), "
                    "not directory data. Download its services, organizations or "
                    "locations instead."
                ),
            )
        return {}
    page = isinstance(document, dict) and isinstance(document.get("contents"), list)
    objects = document["contents"] if page else document
    objects = objects if isinstance(objects, list) else [objects]
    flattener = _Flattener(report)
    kinds = defaultdict(int)
    listed = page or isinstance(document, list)
    for index, obj in enumerate(objects):
        where = name
        if listed:
            where = f"{name} › contents[{index}]" if page else f"{name} › [{index}]"
        if not isinstance(obj, dict):
            report.error(where, _("it is not an object."))
            continue
        old = sorted(OLD_KEYS & obj.keys())
        if old:
            old_version_refused(_("1.x or 2.x"), f"{where} › {old[0]}", report)
            continue
        kind = shape_of(obj)
        if kind is None:
            report.error(
                where,
                _(
                    "it is no HSDS 3.0 document the directory reads: not a service, "
                    "organization, service at a location, location, taxonomy or taxonomy "
                    "term (its keys: %(keys)s)."
                )
                % {"keys": ", ".join(sorted(obj)[:12])},
            )
            continue
        kinds[kind] += 1
        flattener.flatten(kind, obj, where, {})
    report.kind = ", ".join(
        _("HSDS 3.0 %(type)s document × %(n)d") % {"type": kind, "n": n}
        for kind, n in kinds.items()
    )
    return flattener.rows_by_table()


def _is_tabular(document: dict) -> bool:
    return bool(document) and all(
        isinstance(key, str) and key.endswith(".csv") and isinstance(value, list)
        for key, value in document.items()
    )


def _read_tabular(document: dict, report: Report, name: str) -> dict[str, list[Row]]:
    """The tabular form as JSON: each CSV file of the package, its rows as objects."""
    rows: dict[str, list[Row]] = {}
    for filename, records in document.items():
        stem = filename[:-4]
        if stem in OLD_TABLES:
            old_version_refused(_("1.x or 2.x"), f"{name} › {filename}", report)
            continue
        table = PLURAL_PATHS.get(filename) or OTHER_PLURALS.get(stem) or stem
        if table not in BY_NAME:
            report.not_kept[table] = report.not_kept.get(table, 0) + len(records)
            continue
        found = []
        for number, record in enumerate(records, start=1):
            where = _("%(file)s, row %(row)d") % {"file": f"{name} › {filename}", "row": number}
            if not isinstance(record, dict):
                report.error(where, _("it is not an object."))
                continue
            report.saw_columns(table, record.keys())
            found.append(Row(where=where, values=_as_text(record)))
        rows[table] = found
    report.kind = _("HSDS 3.0 tabular JSON")
    return rows


class _Flattener:
    """Nested objects into their tables' rows, one row per id."""

    def __init__(self, report: Report):
        self.report = report
        # (table, id) -> (row, where first met, links given by nesting)
        self.seen: dict[tuple[str, str], Row] = {}
        self.order: list[tuple[str, Row]] = []

    def rows_by_table(self) -> dict[str, list[Row]]:
        rows: dict[str, list[Row]] = defaultdict(list)
        for table, row in self.order:
            rows[table].append(row)
        return dict(rows)

    def flatten(self, table, obj, where, links):
        values = {k: v for k, v in obj.items() if not isinstance(v, (list, dict))}
        known = {*READ_NESTED.get(table, {}), *READ_SINGLE.get(table, {}), "attributes"}
        known |= {"taxonomy_term"} if table == "attribute" else set()
        for key, inner in obj.items():
            if key not in known and isinstance(inner, (list, dict)) and inner:
                # Parts the program does not keep (contacts, funding, metadata...):
                # named in the report with their count, as for the CSV tables. Each
                # object once, however often it is nested.
                name = OTHER_PLURALS.get(key) or PLURAL_PATHS.get(f"{key}.csv") or key
                for item in inner if isinstance(inner, list) else [inner]:
                    ident = item.get("id") if isinstance(item, dict) else None
                    if ident is not None and (name, same_id(str(ident))) in self.seen:
                        continue
                    if ident is not None:
                        self.seen[(name, same_id(str(ident)))] = Row(where, {})
                    self.report.not_kept[name] = self.report.not_kept.get(name, 0) + 1
        for key, (single_table, column) in READ_SINGLE.get(table, {}).items():
            inner = obj.get(key)
            if isinstance(inner, dict):
                values.setdefault(column, inner.get("id"))
                self.flatten(single_table, inner, f"{where} › {key}", {})
        self.report.saw_columns(table, values.keys())
        self._add(table, _as_text(values), where, _as_text(links))
        for list_key, (child_table, column) in READ_NESTED.get(table, {}).items():
            for index, child in self._list(obj, list_key, where):
                child_where = f"{where} › {list_key}[{index}]"
                self.flatten(child_table, child, child_where, {column: obj.get("id")})
        for index, attribute in self._list(obj, "attributes", where):
            term = attribute.get("taxonomy_term")
            at = f"{where} › attributes[{index}]"
            if isinstance(term, dict):
                self.flatten("taxonomy_term", term, f"{at} › taxonomy_term", {})
            # Nested, the attribute describes the object that holds it, whatever its own
            # link_entity says (the standard's example says "link_entity").
            own = {k: v for k, v in attribute.items() if k not in ("link_entity", "link_id")}
            if isinstance(term, dict):
                own.setdefault("taxonomy_term_id", term.get("id"))
            self.flatten("attribute", own, at, {"link_entity": table, "link_id": obj.get("id")})

    def _add(self, table, values, where, links):
        for column, value in links.items():
            said = values.get(column, "")
            if said and value and same_id(said) != same_id(value):
                message = _(
                    "%(column)s is “%(said)s”, but the object is nested in the %(table)s %(value)s."
                )
                self.report.error(
                    where,
                    message
                    % {"column": column, "said": said, "table": column[:-3], "value": value},
                )
                return
            if value:
                values[column] = value
        key = (table, same_id(values.get("id", "")))
        before = self.seen.get(key)
        if before is None or not values.get("id"):
            row = Row(where=where, values=values)
            self.seen[key] = row
            self.order.append((table, row))
            return
        for column, value in values.items():
            had = before.values.get(column)
            if had is None or had == "":
                before.values[column] = value
            elif (
                value != ""
                and value != had
                and not (column.endswith("_id") and same_id(value) == same_id(had))
            ):
                message = _(
                    "%(table)s %(id)s is also at %(other)s, and the two copies differ in "
                    "%(column)s: “%(here)s” here, “%(there)s” there."
                )
                self.report.error(
                    where,
                    message
                    % {
                        "table": table,
                        "id": values.get("id"),
                        "other": before.where,
                        "column": column,
                        "here": _short(value),
                        "there": _short(had),
                    },
                )

    def _list(self, obj, key, where):
        found = obj.get(key)
        if found is None:
            return []
        if not isinstance(found, list):
            self.report.error(where, _("“%(key)s” should be a list.") % {"key": key})
            return []
        return [(index, item) for index, item in enumerate(found) if isinstance(item, dict)]


def _short(value: str) -> str:
    return value if len(value) <= 80 else value[:77] + "…"


def _as_text(values: dict) -> dict:
    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    return {k: text(v) for k, v in values.items()}
