"""A visitor on a phone sends the interest form in Spanish; the coach finds it in the
queue with its due time."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_sends_the_form_in_spanish_and_the_coach_sees_it_with_its_due_time(sign_in):
    visitor = sign_in(None, "es-MX")
    assert visitor.locator("html").get_attribute("lang") == "es"
    assert_sound(visitor)
    visitor.get_by_role("link", name="Me interesa").first.click()
    assert_sound(visitor)
    visitor.get_by_label("Madre o padre biológico, o familiar").check()
    visitor.get_by_label("Nombre", exact=True).fill("Marisela")
    visitor.get_by_label("Teléfono").fill("512 555 0144")
    visitor.get_by_label("Condado").fill("Hays")
    visitor.get_by_label("Sí, el programa puede comunicarse conmigo").check()
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Enviar").click()
    expect(visitor.get_by_role("heading", name="Gracias. Recibimos su formulario.")).to_be_visible()
    confirmation = visitor.locator("main").inner_text()
    assert "le contactará antes del" in confirmation
    assert_sound(visitor)

    coach = sign_in("coach@example.org")
    navigate(coach, "Interest forms")
    row = coach.locator("li", has_text="Marisela")
    assert "Birth parent or relative" in row.inner_text() and "Hays" in row.inner_text()
    assert "Contact by" in row.inner_text()
    assert_sound(coach)
    row.get_by_role("link", name="Marisela").click()
    expect(coach.get_by_role("heading", name="Marisela")).to_be_visible()
    assert_sound(coach)


def test_a_mistake_on_the_form_is_explained_and_nothing_typed_is_lost(sign_in):
    visitor = sign_in(None)
    visitor.goto(visitor.base_url + reverse("intake:interest"))
    visitor.get_by_label("First name").fill("Dee")
    visitor.get_by_label("Phone").fill("12")
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Send").click()
    expect(visitor.get_by_role("alert")).to_be_visible()
    assert visitor.get_by_label("First name").input_value() == "Dee"
    assert "Enter a phone number we can call" in visitor.locator("main").inner_text()
    assert_sound(visitor)


def test_the_directors_intake_pages_and_the_contact_page_are_accessible(sign_in):
    visitor = sign_in(None)
    visitor.goto(visitor.base_url + reverse("intake:contact"))
    assert_sound(visitor)
    director = sign_in("director@example.org")
    for name in ("intake:figures", "intake:holidays", "intake:queue"):
        director.goto(director.base_url + reverse(name))
        assert_sound(director)
