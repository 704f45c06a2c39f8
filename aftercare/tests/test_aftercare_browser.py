"""The coach marks Ana's children home ten days ago; the one-week check-in shows overdue
on the coach's today page; recording it clears it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aftercare.models import FollowUp
from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reunifying_plans_the_check_ins_and_an_overdue_one_clears_once_recorded(sign_in):
    shared = Partnership.objects.get(birth_family__name="Morales family")
    home_day = timezone.localdate() - timedelta(days=10)
    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_label("New stage").select_option(label="Post-reunification")
    coach.get_by_label("Date", exact=True).fill(home_day.isoformat())
    with coach.expect_navigation():
        coach.get_by_role("button", name="Change stage").click()
    # The year's six, and the first week home that Ana's transition plan set.
    made = FollowUp.objects.filter(partnership=shared)
    assert made.filter(about="").count() == 6
    assert list(made.exclude(about="").values_list("about", flat=True)) == [
        "First week home: the coach visits"
    ]

    navigate(coach, "Home")
    today = coach.locator("section", has=coach.get_by_role("heading", name="Today"))
    overdue = today.locator("li", has_text="Check-in overdue").filter(has_text="Morales family")
    expect(overdue).to_be_visible()
    assert_sound(coach)
    overdue.get_by_role("link").click()
    assert_sound(coach)
    for area in ("Housing", "Work", "Childcare", "School", "Support network"):
        coach.get_by_role("group", name=area, exact=True).get_by_label("Steady").check()
    coach.get_by_label("Needs").fill("A bunk bed for Mateo.")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save the check-in").click()
    expect(coach.get_by_text("Check-in recorded.")).to_be_visible()
    assert_sound(coach)
    navigate(coach, "Home")
    today = coach.locator("section", has=coach.get_by_role("heading", name="Today"))
    assert today.locator("li", has_text="Check-in overdue").count() == 0
