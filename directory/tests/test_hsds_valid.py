"""The directory's exports are valid by the Open Referral standard itself: each service
of the demo directory against HSDS's compiled service.json, the page against the list
schema, and the CSV package by Frictionless against its own datapackage.json, whose
file names and types are the standard's. The demo is loaded and exported once."""

import io
import json
import zipfile
from datetime import date, time
from decimal import Decimal

import frictionless
import pytest
from django.db import models, transaction

from directory.demo import load_directory
from directory.hsds import exporter
from directory.hsds.values import PLACEHOLDER, Column, json_value, kind_of
from directory.models import Organization, Phone, Schedule, Service
from directory.tests.conftest import HSDS, hsds_errors


@pytest.fixture(scope="module")
def demo_export(django_db_setup, django_db_blocker):
    """The demo directory's JSON and CSV exports, made once for the module; the demo is
    rolled back afterwards, so the other tests start from an empty directory."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_directory(date(2026, 11, 2))
        Phone.objects.filter(service__name="Little Learners Childcare").update(extension="x 204")
        # The rule's columns the demo does not use, set, so the export is checked with them.
        Schedule.objects.filter(service__name="Little Learners Childcare").update(
            byweekno="1,-1", byyearday="100,-1", timezone=Decimal("5.5")
        )
        exported = {"json": exporter.export_json(), "package": exporter.export_package()}
        transaction.set_rollback(True)
    return exported


def test_every_demo_service_validates_against_the_standard_s_service_schema(
    demo_export, hsds_standard
):
    services = demo_export["json"]["contents"]
    validator = hsds_standard("compiled/service.json")
    errors = {s["name"]: hsds_errors(validator, s) for s in services}
    assert len(services) == 31
    assert {name: found for name, found in errors.items() if found} == {}


def test_the_exported_page_validates_against_the_standard_s_list_of_services(
    demo_export, hsds_standard
):
    page = demo_export["json"]
    assert hsds_errors(hsds_standard("compiled/service_list.json", page_of=True), page) == []
    assert (page["total_items"], page["size"], page["last_page"]) == (31, 31, True)


def absent_values(document, where="") -> list[str]:
    if isinstance(document, dict):
        return [
            found
            for key, value in document.items()
            for found in ([f"{where}/{key}"] if value is None or value == "" else [])
            + absent_values(value, f"{where}/{key}")
        ]
    if isinstance(document, list):
        return [f for n, item in enumerate(document) for f in absent_values(item, f"{where}/{n}")]
    return []


def test_the_json_export_leaves_absent_values_out_and_writes_hsds_types(demo_export):
    services = demo_export["json"]["contents"]
    assert absent_values(services) == []
    childcare = next(s for s in services if s["name"] == "Little Learners Childcare")
    assert childcare["phones"][0]["extension"] == 204
    assert childcare["schedules"][0]["opens_at"] == "07:00:00"
    assert childcare["schedules"][0]["interval"] == 1
    assert childcare["schedules"][0]["timezone"] == 5.5
    assert (childcare["schedules"][0]["byweekno"], childcare["schedules"][0]["byyearday"]) == (
        "1,-1",
        "100,-1",
    )
    assert childcare["organization"]["description"] != PLACEHOLDER
    assert childcare["attributes"][0]["taxonomy_term"]["description"]


@pytest.fixture(scope="module")
def package_folder(demo_export, tmp_path_factory):
    folder = tmp_path_factory.mktemp("package")
    with zipfile.ZipFile(io.BytesIO(demo_export["package"])) as package:
        package.extractall(folder)
    return folder


def test_the_csv_package_passes_frictionless_against_its_own_descriptor(package_folder):
    report = frictionless.validate(package_folder / "datapackage.json")
    problems = [error.message for task in report.tasks for error in task.errors]
    assert problems == [] and report.valid


def test_the_package_s_file_names_and_types_are_the_standard_s(package_folder):
    standard = {
        resource["name"]: resource
        for resource in json.loads((HSDS / "datapackage.json").read_text())["resources"]
    }
    ours = json.loads((package_folder / "datapackage.json").read_text())["resources"]
    assert {r["path"] for r in ours} >= {"services.csv", "organizations.csv", "schedules.csv"}
    for resource in ours:
        theirs = standard[resource["name"]]
        assert resource["path"] == theirs["path"]
        types = {f["name"]: (f["type"], f.get("format")) for f in theirs["schema"]["fields"]}
        for column in resource["schema"]["fields"]:
            assert (column["type"], column.get("format")) == types[column["name"]], (
                resource["name"],
                column["name"],
            )
    hours = (package_folder / "schedules.csv").read_text().splitlines()
    assert ",07:00:00,18:00:00" in hours[1] or any(",07:00:00,18:00:00" in h for h in hours)


@pytest.mark.django_db
def test_an_organization_without_a_description_is_exported_with_a_marked_placeholder(
    hsds_standard,
):
    quiet = Organization.objects.create(name="Quiet Org")
    service = Service.objects.create(organization=quiet, name="Walk-in help")
    Schedule.objects.create(service=service, opens_at=time(9), closes_at=time(17), byday="MO")
    exported = exporter.export_json()
    assert exported["contents"][0]["organization"]["description"] == PLACEHOLDER
    assert hsds_errors(hsds_standard("compiled/service.json"), exported["contents"][0]) == []


@pytest.mark.parametrize(
    ("field", "table", "column", "value", "json", "kind"),
    [
        (models.PositiveSmallIntegerField(), "schedule", "count", 3, 3, "number"),
        (models.DecimalField(), "schedule", "timezone", Decimal("-6.00"), -6, "number"),
        (models.DecimalField(), "schedule", "timezone", Decimal("5.50"), 5.5, "number"),
        (models.DecimalField(), "schedule", "timezone", None, None, "number"),
        (models.CharField(), "schedule", "byweekno", "41,-1", "41,-1", "string"),
        (models.CharField(), "schedule", "byyearday", "", None, "string"),
        (models.CharField(), "phone", "extension", "ext. 12", 12, "number"),
        (models.DateField(), "schedule", "dtstart", date(2026, 1, 5), "2026-01-05", "date"),
        (models.TimeField(), "schedule", "opens_at", time(9, 30), "09:30:00", "time"),
        (models.DecimalField(), "cost_option", "amount", Decimal("12.50"), 12.5, "number"),
        (models.DecimalField(), "cost_option", "amount", Decimal("25.00"), 25, "number"),
        (models.CharField(), "schedule", "wkst", "", None, "string"),
        (models.TextField(), "schedule", "notes", None, None, "string"),
    ],
)
def test_a_column_of_any_field_type_is_written_as_hsds_types_it(
    field, table, column, value, json, kind
):
    """So a column added to schema.TABLES (the schedules' RRULE columns, say) is exported
    validly without the exporter changing."""
    field.blank = True
    field.choices = None
    written = Column(column, column, *kind_of(table, column, field), False, ())
    assert written.kind == kind
    assert json_value(table, written, value) == json
