"""Each demo persona signs in through the real browser, on a phone-sized screen, in
English and in Spanish, and sees their own home page: accessible, within the CSP, and
with nothing from another partnership."""

import os
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.testing import single_use_code
from core.tests.browser import (
    PHONE,
    axe_violations,
    describe,
    page_overflows,
    sign_in_page,
    switch_language,
)
from home.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The playwright sync API runs an event loop in this thread; the ORM calls made here are
# ordinary synchronous test set-up.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# What each persona's home page says first, in English and in Spanish.
HOMES = {
    "director@example.org": ("Program overview", "Resumen del programa"),
    "coach@example.org": ("My caseload", "Mis casos asignados"),
    "finance@example.org": ("Financial support", "Apoyo financiero"),
    "birth.parent@example.org": ("Our partnership", "Nuestra alianza"),
    "partner.parent@example.org": ("Our partnership", "Nuestra alianza"),
    "outsider.parent@example.org": ("Our partnership", "Nuestra alianza"),
    "volunteer@example.org": ("Thank you for being part of the village", None),
}


@pytest.fixture
def page(sign_in):
    """A visitor at the home page, who signs in with `sign_in_page` when the test says."""
    return sign_in(None)


def assert_page_is_sound(page):
    assert not page_overflows(page), f"{page.url} does not fit a 360 px screen"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.csp_violations == []


@pytest.mark.parametrize("email", list(HOMES))
def test_each_persona_signs_in_and_sees_their_home_page_in_english_and_spanish(page, email):
    english, spanish = HOMES[email]
    sign_in_page(page, email)
    assert page.url == page.base_url + "/"
    expect(page.get_by_role("heading", name=english)).to_be_visible()
    assert_page_is_sound(page)

    switch_language(page, "Español")
    assert page.locator("html").get_attribute("lang") == "es"
    if spanish:
        expect(page.get_by_role("heading", name=spanish)).to_be_visible()
    # The way around speaks Spanish too: the tabs' "More", or the staff's "Menu".
    has_tabs = page.locator("nav.tabbar").count() > 0
    expect(
        page.locator("header").get_by_text("Más" if has_tabs else "Menú", exact=True)
    ).to_be_visible()
    assert_page_is_sound(page)

    # The choice is remembered: it is still Spanish on the next visit.
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "es"


def test_a_parent_cannot_reach_another_partnership(page):
    from partnerships.models import Partnership

    theirs = Partnership.objects.get(birth_family__name="Brown family").pk
    sign_in_page(page, "birth.parent@example.org")
    response = page.goto(page.base_url + reverse("partnerships:detail", args=[theirs]))
    assert response.status == 404
    assert "Keisha" not in page.content() and "Jalen" not in page.content()
    expect(page.get_by_role("heading", name="We could not find that page")).to_be_visible()


def test_the_birth_parent_sees_the_children_and_never_the_foster_homes_address(page):
    sign_in_page(page, "birth.parent@example.org")
    text = page.locator("main").inner_text()
    assert "Sofi" in text and "Mateo" in text and "Jenna" in text
    assert "Pecan" not in page.content() and "555-0188" not in page.content()


@pytest.mark.parametrize(
    "url_name",
    [
        "partnerships:list",
        "families:family_list",
        "families:home_list",
        "partnerships:new",
        "partnerships:coverage",
    ],
)
def test_the_coachs_pages_are_accessible_on_a_phone(page, url_name):
    sign_in_page(page, "coach@example.org")
    page.goto(page.base_url + reverse(url_name))
    assert_page_is_sound(page)


def test_the_coachs_record_pages_are_accessible_on_a_phone(page):
    from partnerships.models import Partnership

    ours = Partnership.objects.select_related("birth_family", "partner_home").get(
        birth_family__name="Morales family"
    )
    sign_in_page(page, "coach@example.org")
    for url in (
        ours.get_absolute_url(),
        ours.birth_family.get_absolute_url(),
        ours.partner_home.get_absolute_url(),
    ):
        page.goto(page.base_url + url)
        assert_page_is_sound(page)


def test_the_sign_in_page_works_from_the_keyboard(page):
    page.goto(page.base_url + reverse("accounts:sign_in"))
    assert_page_is_sound(page)
    assert page.evaluate("document.activeElement.name") == "username"  # autofocus
    page.keyboard.type("coach@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The second step: the code field has the focus, Enter sends it.
    assert page.evaluate("document.activeElement.name") == "code"
    page.keyboard.type(single_use_code("coach@example.org"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_wrong_password_is_explained_and_the_email_is_kept(page):
    page.goto(page.base_url + reverse("accounts:sign_in"))
    page.get_by_label("Email").fill("coach@example.org")
    page.get_by_label("Password").fill("not it")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.get_by_label("Email").input_value() == "coach@example.org"
    assert_page_is_sound(page)


def test_filtering_partnerships_by_stage_swaps_the_list_in_place(page):
    sign_in_page(page, "coach@example.org")
    page.goto(page.base_url + reverse("partnerships:list"))
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Referred (1)").click()
    page.wait_for_url("**/partnerships/?stage=referred")
    assert page.evaluate("window.notReloaded") is True, "htmx should swap, not reload"
    rows = page.locator("#partnership-page .rows").inner_text()
    assert "Delgado family" in rows and "Morales family" not in rows
    assert page.get_by_role("link", name="Referred (1)").get_attribute("aria-current") == "page"
    assert page.csp_violations == []


def test_the_browser_enforces_the_content_security_policy_on_inline_script(page):
    page.goto(page.base_url + reverse("accounts:sign_in"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.injected === undefined")
    assert page.csp_violations, "the test harness must see CSP refusals"


def test_a_coach_takes_a_referral_to_an_introduced_partnership_in_the_browser(page):
    sign_in_page(page, "coach@example.org")
    page.get_by_role("link", name="New referral").first.click()
    page.get_by_label("Family name").fill("Nguyen family")
    page.get_by_label("Parent's first name").fill("Linh")
    page.get_by_label("Phone").fill("512 555 0100")
    page.get_by_label("Referred on").fill("2026-11-02")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Referral recorded.")).to_be_visible()
    assert_page_is_sound(page)

    page.get_by_role("link", name="Nguyen family").first.click()
    page.get_by_role("link", name="Add a child").click()
    page.get_by_label("First name").fill("Bao")
    page.get_by_label("Birth date").fill("2019-06-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Child added.")).to_be_visible()

    page.get_by_role("link", name="(not matched yet)").click()
    page.get_by_role("link", name="Edit partnership").click()
    page.get_by_label("Partner home").select_option(label="Ramírez home")
    page.get_by_label("Bao").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Partnership saved.")).to_be_visible()

    page.get_by_label("New stage").select_option(label="Introduced")
    page.get_by_label("Date", exact=True).fill("2026-11-05")
    with page.expect_navigation():
        page.get_by_role("button", name="Change stage").click()
    expect(page.get_by_text("Stage changed to Introduced.")).to_be_visible()
    history = page.locator("ol.rows").first.inner_text()
    assert "Introduced" in history and "Referred" in history
    assert_page_is_sound(page)


@pytest.mark.parametrize("email", ["birth.parent@example.org", "partner.parent@example.org"])
def test_a_parents_home_opens_with_the_next_family_time_and_the_children(page, email):
    from django.utils import formats, timezone

    from core.templatetags.village import weekday_date

    # The demo's supervised family time is every Tuesday at 4 pm; today's still counts
    # until two hours after it starts, as on the calendar.
    now = timezone.localtime()
    day = now.date() + timedelta(days=(1 - now.weekday()) % 7)
    starts = timezone.make_aware(datetime.combine(day, time(16)))
    if starts < now - timedelta(hours=2):
        starts += timedelta(weeks=1)
    sign_in_page(page, email)
    first = page.locator("main h1 + *")
    expect(first.get_by_role("heading", name="Your next family time")).to_be_visible()
    text = first.inner_text()
    assert weekday_date(starts) in text
    assert formats.time_format(starts, "TIME_FORMAT") in text
    assert "Sofi" in text and "Mateo" in text and "Marisol Vega" in text
    assert_page_is_sound(page)


# One line of navigation is the top bar's height: the brand, and a button or two.
ONE_LINE = 64


@pytest.mark.parametrize("email", [None, *HOMES])
def test_each_personas_navigation_fits_in_one_line_above_the_page_on_a_phone(page, email):
    if email:
        sign_in_page(page, email)
    else:
        page.goto(page.base_url + "/")
    header = page.locator("header.site-header").bounding_box()
    assert header["y"] == 0 and header["height"] <= ONE_LINE, header
    assert page.locator("main").bounding_box()["y"] <= header["height"] + 1
    # Everything in the bar sits on one line: their middles all at the same height.
    in_bar = page.locator("header .bar > *:not(.tabbar):visible")
    middles = [
        box["y"] + box["height"] / 2 for box in map(lambda el: el.bounding_box(), in_bar.all())
    ]
    assert len(middles) >= 2 and max(middles) - min(middles) < 4, middles
    tabs = page.locator("nav.tabbar li")
    if email in (None, "director@example.org", "coach@example.org", "finance@example.org"):
        assert tabs.count() == 0
        return
    # Parents and volunteers: five tabs in one row along the bottom of the screen, each
    # big enough for a thumb, each with its icon and its word.
    assert tabs.count() == 5
    boxes = [tab.bounding_box() for tab in tabs.all()]
    assert {round(box["y"]) for box in boxes} == {round(boxes[0]["y"])}
    assert all(box["height"] >= 44 for box in boxes), boxes
    assert round(boxes[0]["y"] + boxes[0]["height"]) >= PHONE["height"] - 1
    for tab in tabs.all():
        assert tab.locator("svg.icon").count() == 1 and tab.inner_text().strip()


def test_a_coach_opens_the_menu_from_the_keyboard_and_finds_the_groups(page):
    sign_in_page(page, "coach@example.org")
    summary = page.locator("details.menu > summary")
    summary.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".menu-panel")
    expect(panel).to_be_visible()
    headings = panel.get_by_role("heading").all_text_contents()
    assert headings[:5] == ["Casework", "Intake", "Program", "Money", "Directory"]
    with page.expect_navigation():
        panel.get_by_role("link", name="Partnerships").click()
    expect(page.get_by_role("heading", name="Partnerships", exact=True)).to_be_visible()
    assert_page_is_sound(page)


def test_a_parent_finds_signing_out_and_the_rest_under_more(page):
    sign_in_page(page, "birth.parent@example.org")
    with page.expect_navigation():
        page.locator("nav.tabbar").get_by_role("link", name="More").click()
    assert page.locator("nav.tabbar a[aria-current=page]").inner_text().strip() == "More"
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
