"""HSDS exchange: the specification's sample layout imports, is searchable, and exports
so that importing the export changes nothing; a bad file imports nothing at all."""

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from directory.hsds import exporter, importer
from directory.models import (
    Attribute,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.needs import TAXONOMY_ID
from directory.search import Criteria, place_of, services_matching
from directory.services import directory_import

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "hsds_sample"
LITTLE_STEPS = "6b2d4a1f-9e8c-4d2f-8a4b-2c3d4e5f6071"


def sample_package(**replace: str) -> bytes:
    """The sample folder as a zip data package; `replace` swaps a file's whole text."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for path in sorted(SAMPLE.glob("*.csv")):
            package.writestr(path.name, replace.get(path.stem, path.read_text()))
    return buffer.getvalue()


def csv_files(package: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        return {name: opened.read(name).decode() for name in opened.namelist()}


def empty_the_directory():
    Attribute.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.exclude(taxonomy_id=TAXONOMY_ID).delete()
    Taxonomy.objects.exclude(pk=TAXONOMY_ID).delete()


def test_the_sample_package_imports_is_found_and_round_trips_through_export():
    report = directory_import(name="sample.zip", data=sample_package())
    assert report.created["service"] == 2 and report.created["attribute"] == 2
    # The tables the program does not keep are named, with their rows, not dropped silently.
    assert report.not_kept == {
        "accessibility": 1,
        "contact": 1,
        "funding": 1,
        "meta_table_description": 1,
        "metadata": 1,
        "organization_identifier": 1,
        "program": 1,
    }
    spanish_childcare_nearby = Criteria(
        words="guarderia", language="es", place=place_of("78702"), miles=10
    )
    found = list(services_matching(spanish_childcare_nearby, now=datetime.now().astimezone()))
    assert [str(s.pk) for s in found] == [LITTLE_STEPS]

    first = exporter.export_package()
    empty_the_directory()
    assert not Service.objects.exists()
    again = directory_import(name="export.zip", data=first)
    assert sum(again.created.values()) == sum(report.created.values())
    assert csv_files(exporter.export_package()) == csv_files(first)


def test_importing_the_same_file_twice_changes_nothing():
    directory_import(name="sample.zip", data=sample_package())
    counts = (Service.objects.count(), ServiceAtLocation.objects.count())
    second = directory_import(name="sample.zip", data=sample_package())
    assert sum(second.created.values()) == 0 and sum(second.changed.values()) == 0
    assert second.unchanged["service"] == 2
    assert (Service.objects.count(), ServiceAtLocation.objects.count()) == counts


def test_a_malformed_file_says_what_is_wrong_row_by_row_and_imports_nothing():
    service = (SAMPLE / "service.csv").read_text().splitlines()
    service[1] = service[1].replace(",active,", ",open,").replace("2026-10-01", "first of October")
    service[2] = service[2].replace(
        "5a1c3f0e-8d7b-4c1e-9f3a-1b2c3d4e5f60", "00000000-0000-4000-8000-000000000000"
    )
    with pytest.raises(importer.ImportRefused) as refused:
        directory_import(name="bad.zip", data=sample_package(service="\n".join(service)))
    errors = refused.value.report.errors
    assert (
        "service.csv, row 2: assured_date: “first of October” is not a date like 2026-03-15."
        in errors
    )
    assert any(
        e.startswith("service.csv, row 3: organization_id names no organization") for e in errors
    )
    assert not Organization.objects.exists() and not Service.objects.exists()
    fixed = "\n".join(service).replace("first of October", "2026-10-01")
    with pytest.raises(importer.ImportRefused) as refused:
        directory_import(name="bad.zip", data=sample_package(service=fixed))
    assert any("status" in e and "not a valid choice" in e for e in refused.value.report.errors)


def test_the_json_form_round_trips_and_nests_each_service_s_parts():
    directory_import(name="sample.zip", data=sample_package())
    exported = exporter.export_json()
    little_steps = next(s for s in exported["contents"] if s["id"] == LITTLE_STEPS)
    assert little_steps["organization"]["name"] == "Riverside Family Center"
    location = little_steps["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "78741"
    assert little_steps["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["version"] == "2"
    assert "service_id" not in little_steps["phones"][0]
    empty_the_directory()
    directory_import(name="directory.json", data=json.dumps(exported).encode())
    assert exporter.export_json() == exported


def test_a_file_that_is_no_hsds_is_refused_in_plain_words():
    with pytest.raises(importer.ImportRefused) as refused:
        directory_import(name="notes.txt", data=b"hello")
    assert refused.value.report.errors == [
        "notes.txt: choose a zip data package, a CSV file or an HSDS JSON file."
    ]


def test_a_need_tagged_on_a_service_that_is_nowhere_is_refused():
    attribute = (
        (SAMPLE / "attribute.csv")
        .read_text()
        .replace(LITTLE_STEPS, "11111111-2222-4333-8444-555555555555")
    )
    with pytest.raises(importer.ImportRefused) as refused:
        directory_import(name="tags.zip", data=sample_package(attribute=attribute))
    assert refused.value.report.errors == [
        "attribute.csv, row 2: link_id names no service in the file or the directory."
    ]


def test_a_service_in_the_standard_s_full_json_shape_imports_and_round_trips():
    """service_full.json has every part the HSDS 3.0 JSON example nests in a service,
    with this program's own made-up content."""
    report = directory_import(
        name="service_full.json", data=(SAMPLE / "service_full.json").read_bytes()
    )
    assert report.created["service"] == 1 and report.created["address"] == 1
    assert report.created["language"] == 3  # two spoken at the service, one on its phone
    # Named as the data package names them, each object once however often nested.
    assert report.not_kept == {
        "accessibility": 1,
        "contact": 1,
        "funding": 1,
        "metadata": 1,
        "organization_identifier": 1,
        "program": 1,
    }
    line = Service.objects.get(name="Parent Support Line")
    assert line.minimum_age == 16 and line.schedules.get().opens_at.hour == 8
    found = services_matching(
        Criteria(words="apoyo", language="es", place=place_of("78702"), miles=5),
        now=datetime.now().astimezone(),
    )
    assert [service.name for service in found] == ["Parent Support Line"]
    exported = exporter.export_json()
    empty_the_directory()
    directory_import(name="again.json", data=json.dumps(exported).encode())
    assert exporter.export_json() == exported
