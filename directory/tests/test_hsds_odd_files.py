"""Files that are not what they should be: each is refused whole, in words that say what
to fix, and never with a server error."""

import io
import json
import zipfile
from datetime import datetime

import pytest

from directory.hsds import exporter, importer, reading
from directory.models import Organization, Service, TaxonomyTerm
from directory.needs import TAXONOMY_ID, needs_ensure
from directory.search import Criteria, services_matching
from directory.services import directory_import
from directory.tests.test_hsds import (
    LITTLE_STEPS,
    SAMPLE,
    csv_files,
    empty_the_directory,
    sample_package,
)

pytestmark = pytest.mark.django_db
ORGANIZATION = "5a1c3f0e-8d7b-4c1e-9f3a-1b2c3d4e5f60"


def sample(name: str) -> str:
    return (SAMPLE / f"{name}.csv").read_text()


def refused(name: str, data: bytes) -> list[str]:
    with pytest.raises(importer.ImportRefused) as refusal:
        directory_import(name=name, data=data)
    assert not Organization.objects.exists(), "a refused file imported something"
    return refusal.value.report.errors


def damaged_zip() -> bytes:
    data = bytearray(sample_package())
    start = data.index(b"Riverside Family Center")
    data[start : start + 5] = b"XXXXX"  # the stored CRC no longer matches
    return bytes(data)


def zip_of(**files: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("sample.zip", damaged_zip(), "it is damaged or protected and cannot be read."),
        (
            "sample.zip",
            sample_package(service=sample("service").replace("Anyone in need", "x" * 200_000)),
            "it is not readable CSV",
        ),
        (
            "sample.zip",
            sample_package(service=sample("service").replace(",0,5,", ",sNaN,5,")),
            "minimum_age: “sNaN” is not a whole number.",
        ),
        (
            "sample.zip",
            sample_package(location=sample("location").replace("30.2488", "nan")),
            "latitude: “nan” is not a number between -90 and 90.",
        ),
        (
            "sample.zip",
            sample_package(location=sample("location").replace("-97.7296", "-297.7")),
            "longitude: “-297.7” is not a number between -180 and 180.",
        ),
        (
            "sample.zip",
            sample_package(
                organization=sample("organization") + sample("organization").splitlines()[1].upper()
            ),
            "appears twice",
        ),
        (
            "sample.zip",
            sample_package(taxonomy_term=sample("taxonomy_term").replace(",FP,", ",CC,")),
            "code: “CC” already names another term of this taxonomy.",
        ),
        (
            "sample.zip",
            sample_package(
                taxonomy_term=sample("taxonomy_term").replace(
                    "Free groceries.,,", "Free groceries.,e3a5c291-706e-4fa1-8c23-041526374859,"
                )
            ),
            "parent_id: a term cannot be its own broader term.",
        ),
        (
            "two.zip",
            zip_of(**{"service.csv": sample("service"), "services.csv": sample("service")}),
            "a second file for the service table; keep one.",
        ),
        (
            "list.json",
            json.dumps({"id": LITTLE_STEPS, "status": "active", "phones": 5}).encode(),
            "“phones” should be a list.",
        ),
        ("numbers.json", b"[1, 2, 3]", "numbers.json › [0]: it is not an object."),
    ],
    ids=[
        "damaged zip",
        "a field too long for CSV",
        "an age that is not a number",
        "a latitude that is not a number",
        "a longitude off the earth",
        "one id twice, in two cases",
        "one code for two terms",
        "a term broader than itself",
        "two files for one table",
        "a list that is a number",
        "services that are numbers",
    ],
)
def test_an_odd_file_is_refused_whole_and_says_why(name, data, expected):
    errors = refused(name, data)
    assert any(expected in error for error in errors), errors


def test_the_same_service_twice_in_json_with_other_contents_is_refused():
    directory_import(name="sample.zip", data=sample_package())
    services = exporter.export_json()["contents"]
    twin = json.loads(json.dumps(services[0]))
    twin["name"] = "Another name"
    empty_the_directory()
    errors = refused("twice.json", json.dumps([services[0], twin]).encode())
    assert (
        f"twice.json › [1]: service {LITTLE_STEPS} is also at twice.json › [0], and the two "
        "copies differ in name: “Another name” here, “Little Steps Childcare” there."
    ) in errors


def test_a_term_may_not_take_a_code_the_program_s_needs_use():
    needs_ensure()
    terms = (
        sample("taxonomy_term")
        .replace("c183a07f-5e4c-4d8f-8a01-829304152637,", f"{TAXONOMY_ID},")
        .replace(",FP,", ",food,")
    )
    errors = refused("sample.zip", sample_package(taxonomy_term=terms))
    assert any("“food” already names another term" in error for error in errors), errors
    assert TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID).count() == 10


def test_ids_in_capitals_are_the_same_ids():
    files = {path.stem: path.read_text() for path in SAMPLE.glob("*.csv")}
    files["organization"] = files["organization"].replace(ORGANIZATION, ORGANIZATION.upper())
    report = directory_import(name="capitals.zip", data=sample_package(**files))
    assert report.ok and Organization.objects.get().pk.hex == ORGANIZATION.replace("-", "")


def test_a_broader_term_travels_with_the_json_export():
    terms = sample("taxonomy_term").rstrip("\n") + (
        "\naaaaaaaa-6f5d-4e90-9b12-930415263748,ROOT,Family services,For families.,,"
        "Riverside service types,en,c183a07f-5e4c-4d8f-8a01-829304152637,\n"
    )
    terms = terms.replace(
        "parents work or study.,,", "parents work or study.,aaaaaaaa-6f5d-4e90-9b12-930415263748,"
    )
    directory_import(name="sample.zip", data=sample_package(taxonomy_term=terms))
    package = csv_files(exporter.export_package())
    document = json.dumps(exporter.export_json()).encode()
    empty_the_directory()
    directory_import(name="directory.json", data=document)
    assert csv_files(exporter.export_package()) == package


def test_a_renamed_term_is_found_by_its_new_name():
    directory_import(name="sample.zip", data=sample_package())
    renamed = sample("taxonomy_term").replace(",CC,Childcare,", ",CC,Daycare,")
    directory_import(name="taxonomy_term.csv", data=renamed.encode())
    found = services_matching(Criteria(words="daycare"), now=datetime.now().astimezone())
    assert [str(service.pk) for service in found] == [LITTLE_STEPS]
    assert Service.objects.count() == 2


def test_a_field_too_long_is_refused_whatever_the_process_loaded_before():
    import csv

    import frictionless.formats.csv.parser  # noqa: F401  # raises csv's limit as it loads

    assert csv.field_size_limit() > reading.MAX_FIELD_CHARS
    long_service = sample("service").replace("Anyone in need", "x" * 200_000)
    errors = refused("sample.zip", sample_package(service=long_service))
    assert any("it is not readable CSV" in error for error in errors)
