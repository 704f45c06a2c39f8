"""The idle warning in a real browser, with the timeout shortened to seconds."""

import pytest
from django.urls import reverse

from core.tests.browser_fixtures import assert_sound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(new_page):
    return new_page()


def test_a_parent_is_warned_before_the_idle_sign_out_stays_from_the_keyboard_then_leaves(
    page, live_server, settings, birth_parent, password
):
    # Seconds, with room for a busy machine: the warning comes 5 s after the page.
    settings.SESSION_IDLE_SECONDS = 20
    settings.SESSION_WARNING_SECONDS = 15
    page.goto(live_server.url + reverse("accounts:sign_in"))
    page.get_by_label("Email").fill(birth_parent.email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(live_server.url + reverse("accounts:settings"))

    warning = page.get_by_role("alertdialog", name="Are you still there?")
    warning.wait_for(state="visible", timeout=20_000)
    stay = warning.get_by_role("button", name="Stay signed in")
    assert stay.evaluate("button => button === document.activeElement")
    assert_sound(page)

    page.keyboard.press("Enter")
    warning.wait_for(state="hidden", timeout=5000)
    assert page.url.endswith(reverse("accounts:settings"))

    # Left alone, the page goes to sign-in by itself, nothing of the page left on screen.
    page.wait_for_url("**/accounts/sign-in/?next=/accounts/settings/", timeout=40_000)
    assert page.get_by_text("without activity").is_visible()

    # Signed in again, the list of sessions reads well on a phone.
    settings.SESSION_IDLE_SECONDS = 1800
    page.get_by_label("Email").fill(birth_parent.email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(live_server.url + reverse("accounts:sessions"))
    assert page.get_by_role("heading", name="This device").is_visible()
    assert_sound(page)
