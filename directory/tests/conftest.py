import json
from pathlib import Path

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.demo import load_directory


@pytest.fixture
def directory(db):
    """The demo program's directory: thirty-odd services around Austin."""
    return {service.name: service for service in load_directory(timezone.localdate())}


#: The Open Referral specification's files, shared beside the project, never copied in.
HSDS = Path(__file__).resolve().parents[2].parent / "shared" / "hsds"
#: Where the specification's schemas name one another.
HSDS_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@pytest.fixture(scope="session")
def hsds_standard():
    """Validators for the standard's schemas, each loaded once per test session (the
    compiled ones are large): `hsds_standard("compiled/service.json").iter_errors(doc)`.
    A page of a list is checked against the API's Page wrapper with each item against
    the list schema, as the standard's openapi.json says."""
    registry = Registry()
    for path in sorted((HSDS / "schema").rglob("*.json")):
        contents = json.loads(path.read_text())
        relative = path.relative_to(HSDS / "schema").as_posix()
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry = registry.with_resource(HSDS_BASE + relative, resource)
    openapi = json.loads((HSDS / "schema" / "openapi.json").read_text())
    page = openapi["components"]["schemas"]["Page"]
    made = {}

    def validator(name: str, *, page_of: bool = False) -> Draft202012Validator:
        if (name, page_of) not in made:
            schema = {"$ref": HSDS_BASE + name}
            if page_of:
                schema = {
                    "allOf": [page],
                    "required": [*PAGE_KEYS, "contents"],
                    "properties": {"contents": {"type": "array", "items": schema}},
                }
            made[(name, page_of)] = Draft202012Validator(
                schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
        return made[(name, page_of)]

    return validator


PAGE_KEYS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
]


def hsds_errors(validator, document) -> list[str]:
    """Every way the document breaks the schema, each with where it is."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(document)
    ]
