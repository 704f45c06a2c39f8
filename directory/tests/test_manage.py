"""The team's import and export pages."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import Service
from directory.tests.test_hsds import sample_package

pytestmark = pytest.mark.django_db


def test_the_coach_imports_a_package_and_reads_what_it_brought(client_for, coach):
    upload = SimpleUploadedFile("riverside.zip", sample_package(), "application/zip")
    page = client_for(coach).post(reverse("directory:manage"), {"file": upload}).content.decode()
    assert "The file was imported." in page
    assert "Not kept, because the program does not use them:" in page and "funding (1)" in page
    assert Service.objects.count() == 2


def test_a_broken_file_shows_each_problem_and_imports_nothing(client_for, coach):
    broken = sample_package(service="id,organization_id,name,status\nnot-an-id,,,open\n")
    upload = SimpleUploadedFile("broken.zip", broken, "application/zip")
    page = client_for(coach).post(reverse("directory:manage"), {"file": upload}).content.decode()
    assert "Nothing was imported" in page
    assert "service.csv, row 2: id: “not-an-id” is not an HSDS id (a UUID)." in page
    assert not Service.objects.exists()


def test_the_export_is_a_data_package_the_team_can_download(client_for, coach, directory):
    response = client_for(coach).get(reverse("directory:export_package"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert "datapackage.json" in package.namelist() and "services.csv" in package.namelist()
        rows = package.read("services.csv").decode().splitlines()
    assert len(rows) == 1 + len(directory)
    listing = client_for(coach).get(reverse("directory:export_json")).json()
    assert listing["total_items"] == len(directory)


def test_a_large_file_can_be_imported_from_the_command_line(tmp_path):
    from django.core.management import CommandError, call_command

    good, bad = tmp_path / "riverside.zip", tmp_path / "broken.json"
    good.write_bytes(sample_package())
    bad.write_bytes(b"[1]")
    out = io.StringIO()
    call_command("import_hsds", str(good), stdout=out)
    # The whole report, as the import page's download has it.
    assert "- service: 2, 0, 0" in out.getvalue()
    assert "Columns:" in out.getvalue()
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_hsds", str(bad), stderr=errors)
    assert "broken.json" in errors.getvalue()
