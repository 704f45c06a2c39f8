"""Browser fixtures shared by the browser tests: Chromium at 360 px and signing in as a
demo persona on the live server (or, with no e-mail, a visitor who does not sign in)."""

import os

import pytest
from django.urls import reverse

from core.tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    axe_violations,
    describe,
    finish_sign_in,
    page_overflows,
)
from home.demo import DEMO_PASSWORD, load_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sign_in(chromium, live_server, transactional_db):
    load_demo()
    contexts = []

    def as_(email, locale="en-US"):
        context = chromium.new_context(viewport=PHONE, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
        )
        page.base_url = live_server.url
        if email is None:  # a visitor, at the home page
            page.goto(live_server.url + "/")
            return page
        page.goto(live_server.url + reverse("accounts:sign_in"))
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in", exact=True).click()
        finish_sign_in(page, email)
        return page

    yield as_
    for context in contexts:
        context.close()


def assert_sound(page):
    page.wait_for_load_state()  # a link just clicked may still be loading its page
    assert not page_overflows(page), f"{page.url} does not fit a 360 px screen"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.csp_violations == []
