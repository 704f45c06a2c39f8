"""A visitor on a phone sends the interest form in Spanish; the coach finds it in the
queue with its due time."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    axe_violations,
    describe,
    finish_sign_in,
    navigate,
    page_overflows,
)
from home.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    load_demo()
    contexts = []

    def open_as(locale):
        context = browser.new_context(viewport=PHONE, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
        )
        page.base_url = live_server.url
        return page

    yield open_as
    for context in contexts:
        context.close()


def assert_sound(page):
    page.wait_for_load_state()  # a link just clicked may still be loading its page
    assert not page_overflows(page), f"{page.url} does not fit a 360 px screen"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.csp_violations == []


def test_a_visitor_sends_the_form_in_spanish_and_the_coach_sees_it_with_its_due_time(open_page):
    visitor = open_page("es-MX")
    visitor.goto(visitor.base_url + "/")
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

    coach = open_page("en-US")
    coach.goto(coach.base_url + reverse("accounts:sign_in"))
    coach.get_by_label("Email").fill("coach@example.org")
    coach.get_by_label("Password").fill(DEMO_PASSWORD)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Sign in", exact=True).click()
    finish_sign_in(coach, "coach@example.org")
    navigate(coach, "Interest forms")
    row = coach.locator("li", has_text="Marisela")
    assert "Birth parent or relative" in row.inner_text() and "Hays" in row.inner_text()
    assert "Contact by" in row.inner_text()
    assert_sound(coach)
    row.get_by_role("link", name="Marisela").click()
    expect(coach.get_by_role("heading", name="Marisela")).to_be_visible()
    assert_sound(coach)


def test_a_mistake_on_the_form_is_explained_and_nothing_typed_is_lost(open_page):
    visitor = open_page("en-US")
    visitor.goto(visitor.base_url + reverse("intake:interest"))
    visitor.get_by_label("First name").fill("Dee")
    visitor.get_by_label("Phone").fill("12")
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Send").click()
    expect(visitor.get_by_role("alert")).to_be_visible()
    assert visitor.get_by_label("First name").input_value() == "Dee"
    assert "Enter a phone number we can call" in visitor.locator("main").inner_text()
    assert_sound(visitor)


def test_the_directors_intake_pages_and_the_contact_page_are_accessible(open_page):
    visitor = open_page("en-US")
    visitor.goto(visitor.base_url + reverse("intake:contact"))
    assert_sound(visitor)
    director = open_page("en-US")
    director.goto(director.base_url + reverse("accounts:sign_in"))
    director.get_by_label("Email").fill("director@example.org")
    director.get_by_label("Password").fill(DEMO_PASSWORD)
    with director.expect_navigation():
        director.get_by_role("button", name="Sign in", exact=True).click()
    finish_sign_in(director, "director@example.org")
    for name in ("intake:figures", "intake:holidays", "intake:queue"):
        director.goto(director.base_url + reverse(name))
        assert_sound(director)
