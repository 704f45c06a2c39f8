"""HSDS's JSON documents: a service with its parts nested, an organization with its
places and services, a service at a location with both. The whole export and the API
build them alike, from rows loaded either all at once (the export) or for one page of
records, one query for each way the documents nest whatever the page's size (the API).

The nesting is read from schema.NESTED and schema.SINGLE (shared with the importer), plus
the API's own shapes below, so a table or column added there appears here too.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from directory.hsds.schema import BY_NAME, KEPT_BESIDE, NESTED, SINGLE, TABLES
from directory.hsds.values import columns_of, json_value
from directory.models import Status

#: Not part of the shared nesting because only the API's documents hold them: an
#: organization's places and services, and the service a service_at_location offers.
#: Each entry: the key, and (its table, the column linking them, "nested" or "single").
API_EXTRA = {
    "organization": {
        "locations": ("location", "organization_id", "nested"),
        "services": ("service", "organization_id", "nested"),
    },
    "service_at_location": {"service": ("service", "service_id", "single")},
}
#: What the public API leaves out: who on the team checked a listing is the team's.
PRIVATE_COLUMNS = {("service", "assurer_email")}
#: The rows the public sees: the listings the public search shows.
PUBLIC_ROWS = {"service": Q(status=Status.ACTIVE)}
#: Tables whose rows carry no attributes of their own in HSDS's JSON.
NO_ATTRIBUTES = {"attribute", "taxonomy_term", "taxonomy"}


@dataclass
class Shape:
    """How a kind of document nests: the shared nesting plus `extra` keys, or only the
    (table, key) pairs in `only`; objects under a pair in `flat` come with their own
    columns only."""

    extra: dict = field(default_factory=dict)
    only: frozenset | None = None
    flat: frozenset = frozenset()
    #: Whether objects carry their attributes (a service's needs), with the terms.
    attributes: bool = True

    def edges(self, table: str):
        """(key, child table, linking column, "single" or "nested") for each nested key."""
        found = [(key, *pair, "single") for key, pair in SINGLE.get(table, {}).items()]
        found += [(key, *pair, "nested") for key, pair in NESTED.get(table, {}).items()]
        known = {key for key, *_rest in found}
        found += [
            (key, child, column, how)
            for key, (child, column, how) in self.extra.get(table, {}).items()
            if key not in known
        ]
        if self.only is not None:
            found = [edge for edge in found if (table, edge[0]) in self.only]
        return found


EXPORT = Shape()
#: Full documents for the API: a service, a service at a location, an organization with
#: its places and its services in full.
FULL = Shape(extra=API_EXTRA)
#: An organization with its places, and its services' own columns only.
ORGANIZATION = Shape(extra=API_EXTRA, flat=frozenset({("organization", "services")}))
#: A page of a list: each record's own columns and its one-to-one objects, flat.
_SERVICE_ONES = frozenset({("service", "organization")})
LIST_OF_SERVICES = Shape(only=_SERVICE_ONES, flat=_SERVICE_ONES, attributes=False)
_AT_ONES = frozenset({("service_at_location", "location"), ("service_at_location", "service")})
LIST_OF_SERVICE_AT_LOCATIONS = Shape(
    extra=API_EXTRA, only=_AT_ONES, flat=_AT_ONES, attributes=False
)
OWN_COLUMNS = Shape(only=frozenset(), attributes=False)
#: A taxonomy, or a term with its taxonomy (taxonomy_detail).
TERMS = Shape(attributes=False)


class Rows:
    """Rows of the HSDS tables as JSON objects (absent values left out), by table and id."""

    def __init__(self, *, public: bool):
        self.public = public
        self.tables: dict[str, dict[str, dict]] = {table.name: {} for table in TABLES}
        self._children: dict[tuple[str, str], dict[str, list[dict]]] = {}

    @classmethod
    def everything(cls) -> "Rows":
        """Every row of every table, for the team's export: one query per table."""
        rows = cls(public=False)
        for table in TABLES:
            rows.fetch(table.name)
        return rows

    def fetch(self, table: str, condition: Q | None = None) -> list[dict]:
        """The rows of `table` matching `condition`, kept and returned."""
        spec = BY_NAME[table]
        columns = [
            column
            for column in columns_of(spec)
            if not (self.public and (table, column.name) in PRIVATE_COLUMNS)
        ]
        found = spec.model.objects.order_by("pk")
        if condition is not None:
            found = found.filter(condition)
        if self.public and table in PUBLIC_ROWS:
            found = found.filter(PUBLIC_ROWS[table])
        fetched = []
        for values in found.values_list(*(c.attname for c in columns)).iterator(chunk_size=2000):
            row = {}
            for column, value in zip(columns, values, strict=True):
                written = json_value(table, column, value)
                if written is not None:
                    row[column.name] = written
            self.tables[table][row["id"]] = row
            fetched.append(row)
        self._children.clear()
        return fetched

    def children(self, table: str, column: str, parent_id: str) -> list[dict]:
        key = (table, column)
        if key not in self._children:
            index = defaultdict(list)
            for row in self.tables[table].values():
                if column in row:
                    index[row[column]].append(row)
            self._children[key] = index
        return self._children[key].get(parent_id, [])

    def load(self, table: str, ids: Iterable[str], shape: Shape) -> list[dict]:
        """The rows of `table` with these ids and everything `shape` nests in them, one
        query per kind of nesting: the same number for one record or a hundred."""
        roots = self.fetch(table, Q(pk__in=list(ids)))
        self._load_parts(table, roots, shape, path=(table,))
        if shape.attributes:
            self._load_attributes()
        return roots

    def _load_parts(self, table: str, rows: list[dict], shape: Shape, path: tuple) -> None:
        for key, child, column, how in shape.edges(table):
            if child in path:
                continue  # a record never nests what holds it
            if how == "single":
                wanted = {row[column] for row in rows if column in row}
                found = self.fetch(child, Q(pk__in=wanted)) if wanted else []
            else:
                wanted = [row["id"] for row in rows]
                found = self.fetch(child, Q(**{f"{column}__in": wanted})) if wanted else []
            if (table, key) not in shape.flat:
                self._load_parts(child, found, shape, (*path, child))

    def _load_attributes(self) -> None:
        linked = [
            row_id
            for table, rows in self.tables.items()
            if table not in NO_ATTRIBUTES
            for row_id in rows
        ]
        attributes = self.fetch("attribute", Q(link_id__in=linked)) if linked else []
        terms = {a["taxonomy_term_id"] for a in attributes if "taxonomy_term_id" in a}
        terms = self.fetch("taxonomy_term", Q(pk__in=terms)) if terms else []
        taxonomies = {t["taxonomy_id"] for t in terms if "taxonomy_id" in t}
        if taxonomies:
            self.fetch("taxonomy", Q(pk__in=taxonomies))

    def document(
        self, table: str, row: dict, shape: Shape = EXPORT, drop: str = "", within: tuple = ()
    ) -> dict:
        """The row as an HSDS object with its parts nested, without the column that says
        which object holds it (`drop`). `within` names the (table, id) of the objects
        around it: an object never nests one of those again."""
        own = {key: value for key, value in row.items() if key != drop}
        around = {name for name, _id in within}
        inside = (*within, (table, row["id"]))
        for key, child, column, how in shape.edges(table):
            flat = (table, key) in shape.flat
            if how == "single":
                target = self.tables[child].get(row.get(column, ""))
                if target and self._may_nest(table, row, child, target, within, around):
                    own[key] = (
                        dict(target) if flat else self.document(child, target, shape, within=inside)
                    )
                if column not in KEPT_BESIDE:
                    own.pop(column, None)
            elif child not in around and child != table:
                own[key] = [
                    {k: v for k, v in part.items() if k != column}
                    if flat
                    else self.document(child, part, shape, column, inside)
                    for part in self.children(child, column, row["id"])
                ]
        if shape.attributes and table not in NO_ATTRIBUTES:
            own["attributes"] = [
                self._attribute(attribute)
                for attribute in self.children("attribute", "link_id", row["id"])
                if attribute.get("link_entity") == table
            ]
        return own

    @staticmethod
    def _may_nest(table, row, child, target, within, around) -> bool:
        """A broader term nests in its narrower one (the same table) unless it is one of
        them already; any other object only if no object of its kind is around it."""
        if child == table:
            return target["id"] != row["id"] and (child, target["id"]) not in within
        return child not in around

    def _attribute(self, attribute: dict) -> dict:
        own = {k: v for k, v in attribute.items() if k not in ("link_id", "taxonomy_term_id")}
        term = self.tables["taxonomy_term"].get(attribute.get("taxonomy_term_id", ""))
        if term:
            own["taxonomy_term"] = self.document("taxonomy_term", term)
        return own
