"""Driving the real Chromium at /usr/bin/chromium through Playwright, for browser tests."""

import functools
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import reverse

from accounts.testing import single_use_code

CHROMIUM = os.environ.get("VILLAGE_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# As root in a container Chromium needs --no-sandbox; the rest keep it off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


def sign_in_page(page, email, password=None):
    """Sign in on the sign-in page as a person would, then the code step if asked."""
    from home.demo import DEMO_PASSWORD

    page.goto(page.base_url + reverse("accounts:sign_in"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    finish_sign_in(page, email)


def finish_sign_in(page, email):
    """Type a code on the second step, when the account asks for one (staff do)."""
    page.wait_for_load_state()
    path = urlsplit(page.url).path
    assert path != reverse("accounts:sign_in"), page.locator("main").inner_text()
    if path != reverse("accounts:second_factor"):
        return
    page.locator("main form input[name='code']").fill(single_use_code(email))
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    path = urlsplit(page.url).path
    assert path != reverse("accounts:second_factor"), page.locator("main").inner_text()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core in the page; return the violations of the given impact.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
    so the pages are tested under their real policy."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def preload_axe(page) -> None:
    """Have every page the context opens from now on start with axe-core already in it,
    for a test that runs axe on each page it visits: the script is handed to Chromium once
    rather than sent and parsed again after each navigation. Like axe_violations' own
    injection it goes through the DevTools protocol, so the page's CSP still governs the
    page's own scripts, and it is not a download the page's weight counts."""
    page.context.add_init_script(script=_axe_source())


@functools.cache
def _axe_source() -> str:
    return AXE.read_text() + "\n;undefined"


def describe(violations) -> str:
    return json.dumps(violations, indent=1, ensure_ascii=False)


def page_overflows(page) -> bool:
    """True when the page scrolls sideways: it does not fit the screen."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def open_menu(page) -> bool:
    """Open the staff's menu, if this page shows one (a phone): their links and their
    language button are in it. True when there is one."""
    menu = page.locator("details.menu > summary")
    if not (menu.count() and menu.is_visible()):
        return False
    if not page.locator(".menu-panel").is_visible():
        menu.click()
    return True


def switch_language(page, name):
    """Press the language button, `name` in its own language ("Español"): in the top bar,
    or in the staff's menu on a phone. Hidden copies of it are not buttons to a role query."""
    open_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def navigate(page, name):
    """Follow the main navigation to `name` as a person would: on a phone the staff open
    their menu first, and a parent finds what is not a tab under More; on a laptop the
    staff open the group that holds it."""
    wide = page.locator("nav.staff-nav-wide")
    tabs = page.locator("nav.tabbar")
    if open_menu(page):
        link = page.locator(".menu-panel").get_by_role("link", name=name, exact=True)
    elif wide.count() and wide.is_visible():
        link = wide.get_by_role("link", name=name, exact=True)
        if not link.is_visible():
            wide.locator("details.menu-group", has=link).locator("summary").click()
    else:
        link = tabs.get_by_role("link", name=name, exact=True)
        if not link.count():
            with page.expect_navigation():
                tabs.get_by_role("link").last.click()  # "More", in any language
            link = page.locator("main").get_by_role("link", name=name, exact=True)
    with page.expect_navigation():
        link.click()
