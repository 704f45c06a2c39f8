"""Ana writes Sofi's favorite breakfast and the words of her song; Jenna, who is caring
for Sofi, sees them and what is new; Keisha, from another partnership, cannot reach them."""

import os

import pytest
from django.urls import reverse

from core.demo import DEMO_PASSWORD, load_demo
from core.tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    axe_violations,
    describe,
    page_overflows,
)
from families.models import Child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SONG = "Duérmete, Sofi, la luna te cuida"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sign_in(browser, live_server, transactional_db):
    load_demo()
    contexts = []

    def as_(email, locale="en-US"):
        context = browser.new_context(viewport=PHONE, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
        )
        page.base_url = live_server.url
        page.goto(live_server.url + reverse("accounts:sign_in"))
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        return page

    yield as_
    for context in contexts:
        context.close()


def assert_sound(page):
    assert not page_overflows(page), f"{page.url} does not fit a 360 px screen"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.csp_violations == []


def test_the_birth_mother_writes_and_the_partner_mother_sees_what_is_new(sign_in):
    sofia = Child.objects.get(first_name="Sofía")
    ana = sign_in("birth.parent@example.org")
    assert "Supervised contact only" in ana.locator("main").inner_text()
    ana.get_by_role("link", name="All About Me: Sofi").click()
    assert_sound(ana)
    ana.get_by_role("link", name="Write or change").click()
    assert_sound(ana)
    ana.get_by_label("Favorite breakfast").fill("Pancakes cut in strips, with a little cinnamon.")
    song = ana.get_by_label("The special song")
    song.fill(f"{SONG},\nmamá te quiere toda la vida.")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Save").click()
    assert ana.get_by_text("Saved: Favorite breakfast and The special song.").is_visible()
    ana.goto(ana.base_url + reverse("agreements:agreement", args=[_partnership_id(sofia)]))
    assert_sound(ana)

    jenna = sign_in("partner.parent@example.org")
    jenna.goto(jenna.base_url + reverse("aboutme:profile", args=[sofia.pk]))
    news = jenna.get_by_role("region", name="New since you last looked").inner_text()
    assert "New: Favorite breakfast" in news and "Changed: The special song" in news
    main = jenna.locator("main").inner_text()
    assert "Pancakes cut in strips" in main and SONG in main
    assert_sound(jenna)
    jenna.get_by_role("link", name="Printable page").click()
    assert "Pancakes cut in strips" in jenna.locator("main").inner_text()
    assert_sound(jenna)
    jenna.goto(jenna.base_url + reverse("aboutme:history", args=[sofia.pk]))
    assert_sound(jenna)

    keisha = sign_in("outsider.parent@example.org")
    for child in Child.objects.filter(first_name__in=["Sofía", "Mateo"]):
        response = keisha.goto(keisha.base_url + reverse("aboutme:profile", args=[child.pk]))
        assert response.status == 404


def test_the_coach_drafts_the_agreement_on_a_phone(sign_in):
    sofia = Child.objects.get(first_name="Sofía")
    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + reverse("agreements:agreement", args=[_partnership_id(sofia)]))
    assert "Supervised contact only" in coach.locator("main").inner_text()
    assert_sound(coach)
    coach.get_by_role("link", name="Draft a new version").click()
    assert_sound(coach)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save this version").click()
    assert coach.get_by_text("Version 2 saved").is_visible()
    assert_sound(coach)
    coach.goto(
        coach.base_url + reverse("agreements:restriction_add", args=[_partnership_id(sofia)])
    )
    assert_sound(coach)


def _partnership_id(child) -> int:
    return child.partnerships.values_list("pk", flat=True).get()
