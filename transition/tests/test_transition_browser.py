"""The coach opens Ana and Jenna's road home, both homes tick their own items on their
phones, the first overnight is on both homes' calendars and private feeds, and Keisha,
from another partnership, gets 404 everywhere in it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from partnerships.models import Partnership
from transition.models import Item, Plan, Step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tick(page, label):
    card = page.locator("section", has=page.get_by_role("heading", name="What goes home with Sofi"))
    with page.expect_navigation():
        card.get_by_role("button", name=f"Mark done: {label}").click()
    expect(page.get_by_text("Ticked off.")).to_be_visible()
    assert_sound(page)


def feed_of(page) -> Calendar:
    navigate(page, "Calendar")
    with page.expect_navigation():
        page.get_by_role("button", name="Make my calendar address").click()
    address = page.locator("#feed-url").input_value()
    response = page.request.get(address)
    assert response.status == 200
    return Calendar.from_ical(response.body())


def test_the_road_home_from_the_coachs_plan_to_both_homes_phones(sign_in):
    shared = Partnership.objects.get(birth_family__name="Morales family")
    Plan.objects.filter(partnership=shared).delete()  # before the demo's plan was opened
    overnight = timezone.localdate() + timedelta(days=5)

    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_role("link", name="Start a transition plan").click()
    assert_sound(coach)
    coach.get_by_label("The coach and the homes planned the return").check()
    with coach.expect_navigation():
        coach.get_by_role("button", name="Open the transition plan").click()
    expect(coach.get_by_text("The transition plan is open")).to_be_visible()
    assert_sound(coach)
    coach.get_by_role("link", name="Add a step").click()
    coach.get_by_label("Step", exact=True).select_option(label="Overnight")
    coach.get_by_label("Date").fill(overnight.isoformat())
    coach.get_by_label("Who does it").select_option(label="Both homes")
    coach.get_by_label("What happens").fill("Friday to Saturday; Jenna drops them off")
    assert_sound(coach)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    expect(coach.get_by_text("Friday to Saturday; Jenna drops them off")).to_be_visible()

    ana = sign_in("birth.parent@example.org")
    ana.get_by_role("link", name="The road home").first.click()
    assert_sound(ana)
    tick(ana, "Make a place at home for their things")
    card = ana.locator("section", has=ana.get_by_role("heading", name="What goes home with Sofi"))
    # Jenna's items are on Ana's list, but only Jenna ticks them.
    expect(card.get_by_text("Pack clothes, shoes and favorite toys")).to_be_visible()
    expect(
        card.get_by_role("button", name="Mark done: Pack clothes, shoes and favorite toys")
    ).to_have_count(0)

    jenna = sign_in("partner.parent@example.org")
    jenna.get_by_role("link", name="The road home").first.click()
    tick(jenna, "Pack clothes, shoes and favorite toys")
    sofia = shared.children.get(first_name="Sofía")
    assert set(
        Item.objects.filter(
            plan__partnership=shared, child=sofia, done_on__isnull=False
        ).values_list("standard", flat=True)
    ) == {"room", "pack"}

    for page in (ana, jenna):
        navigate(page, "Calendar")
        road = page.locator("section", has=page.get_by_role("heading", name="The road home"))
        expect(road.get_by_role("link", name="Overnight")).to_be_visible()
        assert_sound(page)
        steps = [e for e in feed_of(page).walk("VEVENT") if "transition" in str(e["UID"])]
        assert [e["DTSTART"].dt for e in steps] == [overnight]
        assert "Sofía" not in str(steps[0]["SUMMARY"])

    keisha = sign_in("outsider.parent@example.org")
    step = Step.objects.get(plan__partnership=shared)
    item = Item.objects.filter(plan__partnership=shared).first()
    for path in (
        f"/road-home/{shared.pk}/",
        f"/road-home/{shared.pk}/keep-in-touch/",
        f"/road-home/{shared.pk}/open/",
        f"/road-home/{shared.pk}/steps/new/",
        f"/road-home/{shared.pk}/items/new/",
        f"/road-home/steps/{step.pk}/",
        f"/road-home/items/{item.pk}/",
    ):
        assert keisha.goto(keisha.base_url + path).status == 404, path
