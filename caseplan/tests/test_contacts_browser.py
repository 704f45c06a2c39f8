"""The coach logs a call with Ana from a phone, then marks the demo's follow-up done."""

import pytest
from playwright.sync_api import expect

from caseplan.models import Contact
from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coach_logs_a_call_on_a_phone_and_reads_the_month(sign_in):
    coach = sign_in("coach@example.org")
    today = coach.locator("section", has=coach.get_by_role("heading", name="Today"))
    expect(today.get_by_text("follow up on the Check-in")).to_be_visible()
    shared = Partnership.objects.get(birth_family__name="Morales family")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_role("link", name="Contact log").click()
    assert_sound(coach)
    coach.get_by_label("Kind of contact").select_option("court_support")
    coach.get_by_label("How", exact=True).select_option("in_person")
    coach.get_by_label("How long (minutes)").fill("90")
    coach.get_by_label("Jenna").uncheck()
    coach.get_by_label("Notes").fill("Sat with Ana at the hearing; the judge praised her.")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Log it").click()
    expect(coach.get_by_text("Contact logged.")).to_be_visible()
    logged = Contact.objects.get(kind="court_support")
    assert [p.first_name for p in logged.people.all()] == ["Ana"]
    assert_sound(coach)
    navigate(coach, "Home")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Done Morales family").click()
    expect(coach.get_by_text("Follow-up marked done.")).to_be_visible()
    coach.get_by_role("link", name="Contacts by coach").click()
    assert_sound(coach)
    expect(coach.locator("table")).to_be_visible()


def test_ana_says_how_a_step_is_going_on_her_phone(sign_in):
    from caseplan.models import Step

    ana = sign_in("birth.parent@example.org")
    ana.get_by_role("link", name="Our case plan").click()
    assert_sound(ana)
    assert ana.get_by_text("2 of 2 steps done").count() == 0
    step_row = ana.locator("li", has_text="Attend classes 9 and 10")
    step_row.get_by_label("Done").check()
    step_row.get_by_label("How it is going").fill("Graduated! Certificate on the fridge.")
    with ana.expect_navigation():
        step_row.get_by_role("button").click()
    expect(ana.get_by_text("Saved. Your coach sees it.")).to_be_visible()
    expect(ana.get_by_text("2 of 2 steps done")).to_be_visible()
    step = Step.objects.get(text="Attend classes 9 and 10")
    assert step.done_on is not None and step.progress_note.startswith("Graduated")
    ana.get_by_role("link", name="For the hearing on").first.click()
    assert_sound(ana)
    assert "on time and prepared" in ana.locator("main").inner_text()
    ana.emulate_media(media="print")
    assert ana.pdf().startswith(b"%PDF")
    coach = sign_in("coach@example.org")
    shared = Partnership.objects.get(birth_family__name="Morales family")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_role("link", name="Case plan", exact=True).click()
    assert_sound(coach)
