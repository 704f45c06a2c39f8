"""The HSDS 3.0 tables the directory keeps, in the specification's names and order, and
how the JSON form nests them. The importer and the exporter both read this, so a column
added here travels both ways."""

import uuid
from dataclasses import dataclass

from django.db import models

from directory import models as m
from directory.hsds import standard


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    #: The HSDS columns kept, in the specification's order.
    columns: tuple[str, ...]

    @property
    def path(self) -> str:
        """The file name the standard's datapackage.json gives the table."""
        return FILE_NAMES.get(self.name, f"{self.name}.csv")

    def field_of(self, column: str) -> models.Field:
        if column == "id":
            return self.model._meta.pk
        if column.endswith("_id") and column != "link_id":
            return self.model._meta.get_field(column[:-3])
        return self.model._meta.get_field(column)


#: Parents before children, the order of the specification's data package. A table
#: kept whole names the standard's own column list; the others name the columns kept.
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
    Table("service_at_location", m.ServiceAtLocation, standard.COLUMNS["service_at_location"]),
    Table("address", m.Address, standard.COLUMNS["address"]),
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
    Table("schedule", m.Schedule, standard.COLUMNS["schedule"]),
    Table("language", m.Language, standard.COLUMNS["language"]),
    Table("required_document", m.RequiredDocument, standard.COLUMNS["required_document"]),
    Table("service_area", m.ServiceArea, standard.COLUMNS["service_area"]),
    Table("taxonomy", m.Taxonomy, standard.COLUMNS["taxonomy"]),
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
    Table("cost_option", m.CostOption, standard.COLUMNS["cost_option"]),
    Table("attribute", m.Attribute, standard.COLUMNS["attribute"]),
)
BY_NAME = {table.name: table for table in TABLES}
#: The standard's file names (its datapackage.json), which an export writes and an
#: import accepts; service_at_location.csv is the one the standard keeps singular.
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
FILE_NAMES = {name: path for path, name in PLURAL_PATHS.items()}

# The JSON form nests a service's parts inside it; each entry says under which key a
# child table appears in its parent's object, and which column of the child points back.
NESTED = {
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
SINGLE = {
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
KEPT_BESIDE = {"parent_id"}


def table_of(model) -> str:
    return next(table.name for table in TABLES if table.model is model)


def same_id(value: str) -> str:
    """An id as the directory stores it: a UUID in lower case, so that "ABC…" and
    "abc…" name one row. Anything else as it came, for the checks to report."""
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return value
