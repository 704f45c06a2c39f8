"""The specification's own examples (../shared/hsds/examples): each JSON document type
and the CSV data package is recognised by its shape and imported, its nested copies of
one object merged, its own errors reported in words and, corrected, imported."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from directory.hsds import importer, standard
from directory.hsds.schema import TABLES
from directory.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from directory.services import directory_import
from directory.tests.conftest import HSDS

pytestmark = pytest.mark.django_db

EXAMPLES = HSDS / "examples"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"
PHONE = "1554f2e2-a373-45db-a3fa-9fc48a61c15e"
LANGUAGE = "2989d3ed-c547-48f8-8f9d-432d81c7892e"
SCHEDULE = "48102e86-bb50-41c4-8f1e-e269368c41d1"
LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
AT_LOCATION = "e94c9f38-1e8f-4564-91d4-d53501ab1765"
ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
TERM = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
PARENT_TERM = "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"
LATITUDE_ERROR = "latitude: “100” is not a number between -90 and 90."


def example(name: str) -> str:
    return (EXAMPLES / name).read_text()


def on_earth(text: str) -> str:
    """The example's place (latitude 100, longitude 101) moved onto the earth."""
    return text.replace('"latitude": 100', '"latitude": 30.25').replace(
        '"longitude": 101', '"longitude": -97.75'
    )


def refused(name: str, data: bytes) -> list[str]:
    with pytest.raises(importer.ImportRefused) as refusal:
        directory_import(name=name, data=data)
    return refusal.value.report.errors


def test_the_full_service_is_refused_for_its_latitude_only_then_imports_whole():
    errors = refused("service_full.json", example("service_full.json").encode())
    assert errors == [f"service_full.json › organization › locations[0]: {LATITUDE_ERROR}"]
    report = directory_import(
        name="service_full.json", data=on_earth(example("service_full.json")).encode()
    )
    assert report.kind == "HSDS 3.0 service document × 1"
    # One phone, one language, one schedule, however often they are nested: each keeps
    # the links of every object it is nested in.
    phone = Phone.objects.get()
    assert str(phone.pk) == PHONE and phone.number == '"+44 1234 234567"'
    assert str(phone.service_id) == SERVICE and str(phone.location_id) == LOCATION
    assert str(phone.organization_id) == ORGANIZATION
    assert str(phone.service_at_location_id) == AT_LOCATION
    language = Language.objects.get()
    assert str(language.pk) == LANGUAGE and language.code == "ur"
    assert (str(language.service_id), str(language.location_id), str(language.phone_id)) == (
        SERVICE,
        LOCATION,
        PHONE,
    )
    schedule = Schedule.objects.get()
    assert str(schedule.pk) == SCHEDULE
    assert (str(schedule.service_id), str(schedule.location_id)) == (SERVICE, LOCATION)
    assert str(schedule.service_at_location_id) == AT_LOCATION
    assert (schedule.freq, schedule.interval, schedule.byday, schedule.bymonthday) == (
        "WEEKLY",
        1,
        "TH,FR",
        "2,3,4",
    )
    assert str(schedule.dtstart) == str(schedule.until) == str(schedule.valid_to) == "2005-01-01"
    assert schedule.count == 3 and schedule.wkst == "TU"
    assert (schedule.byweekno, schedule.byyearday, schedule.timezone) == ("41,42", "2,3,4", 3)
    assert schedule.notes.startswith("Some of our staff") and schedule.attending_type
    assert schedule.schedule_link == "http://example.com"
    assert str(Location.objects.get().organization_id) == ORGANIZATION
    # The term is kept without its broader term, which the file names but does not carry.
    term = TaxonomyTerm.objects.get(pk=TERM)
    assert str(term.parent_id) == PARENT_TERM
    assert any(PARENT_TERM in note and "kept" in note for note in report.notes)
    assert "schedule: kept all 20 columns" in report.column_lines
    assert (
        "service: kept 17 of 22 columns; not kept: accreditations, fees, last_modified, "
        "licenses, wait_time"
    ) in report.column_lines


@pytest.mark.parametrize(
    ("name", "kind", "counts"),
    [
        ("organization_full.json", "organization", {"organization": 1, "service": 1}),
        ("organization_list.json", "organization", {"organization": 1}),
        ("service_at_location_full.json", "service_at_location", {"service": 1, "phone": 1}),
        ("service_at_location_list.json", "service_at_location", {"service_at_location": 1}),
        ("location.json", "location", {"location": 1, "address": 1, "schedule": 1}),
        ("service_list.json", "service", {"service": 1, "organization": 1}),
        ("taxonomy.json", "taxonomy", {"taxonomy": 1}),
        ("taxonomy_list.json", "taxonomy", {"taxonomy": 1}),
        ("taxonomy_term.json", "taxonomy_term", {"taxonomy_term": 1, "taxonomy": 1}),
        ("taxonomy_term_list.json", "taxonomy_term", {"taxonomy_term": 1}),
    ],
)
def test_each_document_type_is_recognised_by_its_shape_and_imported(name, kind, counts):
    text = on_earth(example(name))
    if name == "location.json":
        # A location document alone names an organization it does not carry.
        Organization.objects.create(pk="985e4a42-bd9f-4edc-911d-0243a4640aca", name="Civic")
    report = directory_import(name=f"renamed-{kind}.json", data=text.encode())
    assert f"HSDS 3.0 {kind} document" in report.kind
    for table, count in counts.items():
        assert report.created[table] == count, (table, report.created)
    assert not any("status" in error for error in report.errors)


def test_an_organization_document_is_not_read_as_a_service():
    """The finding: "service 1: status: This field cannot be blank"."""
    document = json.loads(example("organization_list.json"))["contents"][0]
    report = directory_import(name="org.json", data=json.dumps(document).encode())
    assert report.created == {"organization": 1} or report.created["organization"] == 1
    assert not Service.objects.exists()
    assert (
        "organization: kept 6 of 12 columns; not kept: legal_status, logo, "
        "parent_organization_id, tax_status, uri, year_incorporated"
    ) in report.column_lines


def test_the_tabular_json_imports_once_its_own_errors_are_corrected():
    errors = refused("tabular.json", example("tabular.json").encode())
    assert f"tabular.json › locations.csv, row 1: {LATITUDE_ERROR}" in errors
    tabular = json.loads(example("tabular.json"))
    for row in tabular["locations.csv"]:
        row["latitude"], row["longitude"] = 30.25, -97.75
        row["organization_id"] = ORGANIZATION
    tabular["taxonomies.csv"][0]["id"] = tabular["taxonomy_terms.csv"][0]["taxonomy_id"]
    report = directory_import(name="tabular.json", data=json.dumps(tabular).encode())
    assert report.created["service"] == 1 and report.created["schedule"] == 1


def package_of(folder: Path, **replace) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for path in sorted(folder.iterdir()):
            text = path.read_text()
            for old, new in replace.get(path.name, []):
                assert old in text, (path.name, old)
                text = text.replace(old, new)
            package.writestr(path.name, text)
    return buffer.getvalue()


def test_the_example_csv_package_says_its_own_errors_then_imports_corrected():
    errors = refused("csv.zip", package_of(EXAMPLES / "csv"))
    assert f"locations.csv, row 2: {LATITUDE_ERROR}" in errors
    assert any(
        error.startswith("taxonomy_terms.csv, row 2: taxonomy_id names no taxonomy")
        for error in errors
    ), errors
    # With the place on the earth, the next error shows: its organization is not there.
    errors = refused(
        "csv.zip", package_of(EXAMPLES / "csv", **{"locations.csv": [(",100,", ",30.25,")]})
    )
    assert (
        "locations.csv, row 2: organization_id names no organization in the file or the directory."
    ) in errors
    assert not Organization.objects.exists()
    location_organization = "985e4a42-bd9f-4edc-911d-0243a4640aca"
    taxonomy = "07ff6aee-a219-438c-b694-d2fcb6c5373b"
    corrected = package_of(
        EXAMPLES / "csv",
        **{
            "locations.csv": [
                (",100,", ",30.25,"),
                (location_organization, ORGANIZATION),
            ],
            "taxonomy_terms.csv": [(taxonomy, "5c4d79d7-cc55-470e-9f1f-8cad074e4892")],
        },
    )
    try:
        report = directory_import(name="csv.zip", data=corrected)
    except importer.ImportRefused as refusal:
        raise AssertionError(refusal.report.errors) from None
    assert report.kind == "HSDS 3.0.0 data package"
    assert report.created["service"] == 1 and report.created["phone"] == 1
    schedule = Schedule.objects.get()
    assert (schedule.byday, schedule.count, schedule.wkst) == ("TH,FR", 3, "TU")
    assert report.not_kept["program"] == 1 and report.not_kept["contact"] == 1
    assert "phone: kept 9 of 10 columns; not kept: contact_id" in report.column_lines
    assert Taxonomy.objects.filter(name="name").exists()


def test_differing_nested_copies_are_refused_naming_both_places_the_field_and_values():
    document = json.loads(on_earth(example("service_full.json")))
    document["service_at_locations"][0]["phones"][0]["extension"] = 200
    errors = refused("service.json", json.dumps(document).encode())
    assert errors == [
        "service.json › service_at_locations[0] › phones[0]: phone "
        f"{PHONE} is also at service.json › organization › phones[0], and the "
        "two copies "
        "differ in extension: “200” here, “100” there."
    ]


def test_a_term_without_its_parent_is_kept_and_links_up_when_the_parent_comes():
    term = json.loads(example("taxonomy_term.json"))
    directory_import(name="term.json", data=json.dumps(term).encode())
    kept = TaxonomyTerm.objects.get(pk=TERM)
    assert str(kept.parent_id) == PARENT_TERM
    assert not TaxonomyTerm.objects.filter(pk=PARENT_TERM).exists()
    parent = {**term, "id": PARENT_TERM, "code": "parent", "name": "Broader", "parent_id": None}
    report = directory_import(name="parent.json", data=json.dumps(parent).encode())
    assert not report.notes
    assert TaxonomyTerm.objects.select_related("parent").get(pk=TERM).parent.name == "Broader"
    assert [t.pk for t in TaxonomyTerm.objects.get(pk=PARENT_TERM).children.all()] == [kept.pk]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "old.zip",
            "datapackage",
            "datapackage.json: this is HSDS 2.0.1, and the directory reads HSDS 3.0 only.",
        ),
        ("old.zip", "regular_schedules", "regular_schedules.csv: this is HSDS 1.x or 2.x,"),
        ("old.csv", "holiday", "holiday_schedule.csv: this is HSDS 1.x or 2.x,"),
        ("old.json", "hsda", "old.json › regular_schedule: this is HSDS 1.x or 2.x,"),
        (
            "base.json",
            "base",
            "base.json: this is HSDS 1.1, and the directory reads HSDS 3.0 only.",
        ),
    ],
    ids=["descriptor version", "old table in a package", "old table alone", "old JSON", "api"],
)
def test_an_hsds_1_or_2_file_is_refused_naming_the_version(name, data, expected):
    service = "id,organization_id,name\n1,2,A\n"
    files = {
        "datapackage": {
            "datapackage.json": json.dumps({"version": "2.0.1", "resources": []}),
            "services.csv": service,
        },
        "regular_schedules": {"services.csv": service, "regular_schedules.csv": "id\n1\n"},
    }
    if name.endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            for filename, text in files[data].items():
                package.writestr(filename, text)
        upload = buffer.getvalue()
        name = "old.zip"
    elif data == "holiday":
        upload, name = b"id,service_id,closed\n1,2,true\n", "holiday_schedule.csv"
    elif data == "hsda":
        upload = json.dumps({"id": "1", "name": "A", "regular_schedule": []}).encode()
    else:
        upload = json.dumps({**json.loads(example("base.json")), "version": "1.1"}).encode()
    errors = refused(name, upload)
    assert any(error.startswith(expected) for error in errors), errors


def test_the_api_description_is_not_directory_data():
    errors = refused("base.json", example("base.json").encode())
    assert errors[0].startswith("base.json: this is the description of an HSDS API")


def test_the_embedded_column_lists_are_the_standard_s():
    for path in sorted((HSDS / "schema").glob("*.json")):
        if path.stem == "openapi":
            continue
        properties = json.loads(path.read_text())["properties"]
        columns = tuple(
            name
            for name, spec in properties.items()
            if spec.get("type") not in ("array", "object") and "$ref" not in spec
        )
        assert standard.COLUMNS[path.stem] == columns, path.stem
    for table in TABLES:
        assert set(table.columns) <= set(standard.COLUMNS[table.name]), table.name


def test_the_report_can_be_downloaded_after_the_import(client_for, coach):
    client = client_for(coach)
    assert client.get(reverse("directory:import_report")).status_code == 302
    upload = io.BytesIO(on_earth(example("service_full.json")).encode())
    upload.name = "service_full.json"
    page = client.post(reverse("directory:manage"), {"file": upload}).content.decode()
    assert "schedule: kept all 20 columns" in page
    response = client.get(reverse("directory:import_report"))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert "HSDS 3.0 service document × 1" in text
    assert "- service: 1, 0, 0" in text
    assert "- schedule: kept all 20 columns" in text
    assert PARENT_TERM in text
    bad = io.BytesIO(example("service_full.json").encode())
    bad.name = "service_full.json"
    client.post(reverse("directory:manage"), {"file": bad})
    text = client.get(reverse("directory:import_report")).content.decode()
    assert "Nothing was imported" in text and LATITUDE_ERROR in text


def test_an_object_of_no_document_type_is_refused_naming_its_keys():
    errors = refused("mystery.json", json.dumps({"id": SERVICE, "name": "A"}).encode())
    assert errors == [
        "mystery.json: it is no HSDS 3.0 document the directory reads: not a service, "
        "organization, service at a location, location, taxonomy or taxonomy term (its "
        "keys: id, name)."
    ]


def test_an_object_nested_under_one_parent_that_names_another_is_refused():
    document = json.loads(on_earth(example("service_full.json")))
    document["phones"][0]["service_id"] = "11111111-2222-4333-8444-555555555555"
    errors = refused("service.json", json.dumps(document).encode())
    assert errors == [
        "service.json › phones[0]: service_id is “11111111-2222-4333-8444-555555555555”, "
        f"but the object is nested in the service {SERVICE}."
    ]
