"""Browser fixtures shared by the browser tests: Chromium at 360 px and signing in as a
demo persona on the live server (or, with no e-mail, a visitor who does not sign in)."""

import os

import pytest

from core.tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    axe_violations,
    describe,
    page_overflows,
    sign_in_page,
)
from home.testing import demo_loaded

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not at {CHROMIUM}; `apt-get install chromium` (CI does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """A phone-sized page of its own browser context, in `locale`, that records the
    Content Security Policy's complaints in `page.csp_violations`."""
    contexts = []

    def open_(locale="en-US"):
        context = chromium.new_context(viewport=PHONE, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
        )
        page.base_url = live_server.url
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def sign_in(new_page, transactional_db):
    demo_loaded()

    def as_(email, locale="en-US"):
        page = new_page(locale)
        if email is None:  # a visitor, at the home page
            page.goto(page.base_url + "/")
            return page
        sign_in_page(page, email)
        return page

    return as_


def assert_sound(page):
    page.wait_for_load_state()  # a link just clicked may still be loading its page
    assert not page_overflows(page), f"{page.url} does not fit a 360 px screen"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.csp_violations == []
