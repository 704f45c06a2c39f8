"""The issue's proof, end to end: every example of the standard (../shared/hsds/examples,
its own errors corrected as test_hsds_examples shows they are reported) is imported, then
exported; the JSON validates against the compiled schemas and the CSV package passes
Frictionless; and the export imported into an empty directory exports again identically,
from the package and from the JSON alike."""

import io
import json
import zipfile

import frictionless
import pytest

from directory.hsds import exporter
from directory.hsds.schema import TABLES
from directory.models import Organization
from directory.services import directory_import
from directory.tests.conftest import hsds_errors
from directory.tests.test_hsds_examples import (
    EXAMPLES,
    ORGANIZATION,
    example,
    on_earth,
    package_of,
)

pytestmark = pytest.mark.django_db

JSON_EXAMPLES = [
    "service_full.json",
    "service_list.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
    "organization_full.json",
    "organization_list.json",
    "location.json",
    "taxonomy.json",
    "taxonomy_list.json",
    "taxonomy_term.json",
    "taxonomy_term_list.json",
    "tabular.json",
    "csv",
]


def corrected(name: str) -> tuple[str, bytes]:
    """The example with its own errors corrected: places moved onto the earth, and the
    ids that name rows the example does not carry pointed at rows it does."""
    if name == "csv":
        return "csv.zip", package_of(
            EXAMPLES / "csv",
            **{
                "locations.csv": [
                    (",100,", ",30.25,"),
                    ("985e4a42-bd9f-4edc-911d-0243a4640aca", ORGANIZATION),
                ],
                "taxonomy_terms.csv": [
                    (
                        "07ff6aee-a219-438c-b694-d2fcb6c5373b",
                        "5c4d79d7-cc55-470e-9f1f-8cad074e4892",
                    )
                ],
            },
        )
    if name == "tabular.json":
        tabular = json.loads(example(name))
        for row in tabular["locations.csv"]:
            row["latitude"], row["longitude"] = 30.25, -97.75
            row["organization_id"] = ORGANIZATION
        tabular["taxonomies.csv"][0]["id"] = tabular["taxonomy_terms.csv"][0]["taxonomy_id"]
        return name, json.dumps(tabular).encode()
    if name == "location.json":
        # A location document alone names an organization it does not carry.
        Organization.objects.create(
            pk="985e4a42-bd9f-4edc-911d-0243a4640aca",
            name="Civic",
            description="The organization the example location names.",
        )
    return name, on_earth(example(name)).encode()


def directory_emptied():
    for table in reversed(TABLES):
        table.model.objects.all().delete()


def package_problems(data: bytes, folder) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        package.extractall(folder)
    report = frictionless.validate(folder / "datapackage.json")
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]


def package_files(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name).decode() for name in package.namelist()}


@pytest.mark.parametrize("name", JSON_EXAMPLES)
def test_each_example_imports_exports_valid_and_comes_back_identical(name, hsds_standard, tmp_path):
    file_name, data = corrected(name)
    directory_import(name=file_name, data=data)
    first_json, first_package = exporter.export_json(), exporter.export_package()

    validator = hsds_standard("compiled/service.json")
    invalid = {s["name"]: hsds_errors(validator, s) for s in first_json["contents"]}
    assert {service: found for service, found in invalid.items() if found} == {}
    assert hsds_errors(hsds_standard("compiled/service_list.json", page_of=True), first_json) == []
    assert package_problems(first_package, tmp_path / "first") == []

    directory_emptied()
    directory_import(name="directory-hsds.zip", data=first_package)
    assert package_files(exporter.export_package()) == package_files(first_package)
    assert exporter.export_json() == first_json

    # The JSON form is a page of services: a file with none (a taxonomy alone) has nothing
    # to carry, and its tables travel in the package above.
    if first_json["contents"]:
        directory_emptied()
        directory_import(
            name="directory-hsds.json", data=json.dumps(first_json, ensure_ascii=False).encode()
        )
        assert exporter.export_json() == first_json
    else:
        assert first_json["empty"] and first_json["total_items"] == 0
