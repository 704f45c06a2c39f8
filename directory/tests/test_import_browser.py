"""A coach imports a publisher's HSDS file on a phone, in Spanish: the refusal names the
file, the path, the field and what is wrong; corrected, the file is imported, the page
says what it brought, and the report downloads as text."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser import switch_language
from core.tests.browser_fixtures import assert_sound
from directory.models import Service
from directory.tests.conftest import HSDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coach_imports_the_standard_s_service_after_its_error_is_explained(sign_in, tmp_path):
    original = (HSDS / "examples" / "service_full.json").read_text()
    refused, corrected = tmp_path / "service_full.json", tmp_path / "service_corrected.json"
    refused.write_text(original)
    corrected.write_text(
        original.replace('"latitude": 100', '"latitude": 30.25').replace(
            '"longitude": 101', '"longitude": -97.75'
        )
    )
    coach = sign_in("coach@example.org")
    switch_language(coach, "Español")
    coach.goto(coach.base_url + reverse("directory:manage"))
    assert_sound(coach)

    coach.get_by_label("Archivo HSDS").set_input_files(refused)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Importar el archivo").click()
    problem = coach.get_by_role("alert")
    expect(problem).to_contain_text("No se importó nada")
    expect(problem).to_contain_text(
        "service_full.json › organization › locations[0]: latitude: “100” no es un número"
    )
    assert not Service.objects.filter(name="Community Counselling").exists()
    assert_sound(coach)

    coach.get_by_label("Archivo HSDS").set_input_files(corrected)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Importar el archivo").click()
    expect(coach.get_by_text("El archivo se importó.")).to_be_visible()
    assert Service.objects.filter(name="Community Counselling").exists()
    assert_sound(coach)

    with coach.expect_download() as download:
        coach.get_by_role("link", name="Descargar el informe de la última importación").click()
    report = download.value.path().read_text()
    assert "Archivo: service_corrected.json" in report
    assert "- service: 1, 0, 0" in report
    assert "Columnas:" in report and "schedule:" in report
