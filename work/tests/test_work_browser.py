"""Ana types in next week's schedule from the photo of the one posted at the bakery, on
her phone; the coach then schedules a visit on a day she now works and is told of the
clash before saving, without where she works."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.templatetags.village import weekday_date
from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from core.zones import program_zone
from partnerships.models import Partnership
from work.models import Shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_mother_enters_her_week_and_the_coach_sees_the_clash(sign_in):
    today = timezone.localdate(timezone.now(), program_zone())
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)

    ana = sign_in("birth.parent@example.org")
    navigate(ana, "More")
    ana.get_by_role("link", name="Your work shifts").click()
    assert_sound(ana)
    ana.get_by_role("link", name="Enter this week's schedule").click()
    ana.get_by_role("link", name="Next week →").click()
    assert_sound(ana)
    # Monday, a day she is usually off: the boss put her on the late shift.
    day = ana.get_by_role("group", name=weekday_date(monday))
    day.get_by_label("Starts").fill("15:00")
    day.get_by_label("Ends").fill("23:00")
    ana.get_by_label("Label (optional)").fill("H-E-B bakery")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Save the week").click()
    expect(ana.get_by_text("This week's shifts are on your calendar")).to_be_visible()
    assert Shift.objects.filter(label="H-E-B bakery", repeat="").count() == 1
    assert_sound(ana)

    shared = Partnership.objects.get(birth_family__name="Morales family")
    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_role("link", name="Schedule").click()
    coach.get_by_label("Kind").select_option("visit")
    coach.get_by_label("Title", exact=True).fill("Extra family time")
    coach.get_by_label("Starts").fill(f"{monday:%Y-%m-%d}T16:00")
    coach.get_by_label("Where", exact=True).select_option("visit_room")
    coach.get_by_label("Supervised", exact=True).check()
    coach.get_by_label("Supervisor").fill("Marisol Vega")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    warning = coach.get_by_role("alert").filter(has_text="clashes with a parent's work")
    expect(warning).to_contain_text(f"Clashes with Ana's shift on {weekday_date(monday)}")
    assert "bakery" not in coach.content()
    assert_sound(coach)
    coach.get_by_label("Schedule it anyway").check()
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    expect(coach.get_by_text("Saved.")).to_be_visible()

    # On her calendar, the visit says it clashes with her shift, in her own words.
    ana.goto(ana.base_url + "/calendar/")
    mine = f"Clashes with your shift (H-E-B bakery) on {weekday_date(monday)}"
    expect(ana.get_by_text(mine)).to_be_visible()
    assert_sound(ana)
