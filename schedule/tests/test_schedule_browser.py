"""The coach schedules weekly family time for the Morales partnership, which the court
has put under supervised-only contact; moves one Saturday to the Sunday; Ana sees the
change in her calendar on her phone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.templatetags.village import weekday_date
from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from core.zones import program_zone
from partnerships.models import Partnership
from schedule.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def day_words(day) -> str:
    return weekday_date(day)


def test_weekly_family_time_is_scheduled_moved_and_seen_by_the_mother(sign_in):
    shared = Partnership.objects.get(birth_family__name="Morales family")
    today = timezone.localdate(timezone.now(), program_zone())
    first = today + timedelta(days=(5 - today.weekday()) % 7 or 7)  # the next Saturday
    second = first + timedelta(weeks=1)
    sunday = second + timedelta(days=1)

    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_role("link", name="Schedule").click()
    assert_sound(coach)
    coach.get_by_label("Kind").select_option("visit")
    coach.get_by_label("Title", exact=True).fill("Saturday family time")
    coach.get_by_label("Starts").fill(f"{first:%Y-%m-%d}T10:00")
    coach.get_by_label("Repeats").select_option("FREQ=WEEKLY")
    coach.get_by_label("Where", exact=True).select_option("public")
    coach.get_by_label("Place name").fill("Pease Park, by the playground")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    expect(coach.locator("#id_supervisor_error")).to_contain_text(
        "name who will supervise this visit"
    )
    # The summary at the top names the field and takes the coach to it.
    coach.locator(".form-errors").get_by_role("link", name="Supervisor").click()
    expect(coach.get_by_label("Supervisor")).to_be_focused()
    assert coach.get_by_label("Title", exact=True).input_value() == "Saturday family time"
    assert not Event.objects.filter(title="Saturday family time").exists()
    assert_sound(coach)

    coach.get_by_label("Supervised", exact=True).check()
    coach.get_by_label("Supervisor").fill("Marisol Vega")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    expect(coach.get_by_text("Saved.")).to_be_visible()
    assert_sound(coach)
    navigate(coach, "Calendar")
    coach.get_by_role(
        "link", name=f"Move or cancel Saturday family time, {day_words(second)}"
    ).first.click()
    assert_sound(coach)
    coach.get_by_label("Move it to").fill(f"{sunday:%Y-%m-%d}T11:00")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    expect(coach.get_by_text("Changed.")).to_be_visible()

    ana = sign_in("birth.parent@example.org")
    ana.get_by_role("link", name="Calendar", exact=True).click()
    assert_sound(ana)
    moved = ana.locator("li", has_text=day_words(sunday)).filter(has_text="Saturday family time")
    expect(moved.get_by_text("Moved")).to_be_visible()
    assert "11 a.m." in moved.inner_text() and "Pease Park" in moved.inner_text()
    assert (
        ana.locator("li", has_text=day_words(second))
        .filter(has_text="Saturday family time")
        .count()
        == 0
    )
    expect(
        ana.locator("li", has_text=day_words(first)).filter(has_text="Supervised by Marisol Vega")
    ).to_be_visible()

    ana.goto(ana.base_url + reverse("schedule:agenda") + f"?view=week&on={second:%Y-%m-%d}")
    assert_sound(ana)
    sunday_box = ana.locator("li.day", has=ana.locator(f'time[datetime="{sunday:%Y-%m-%d}"]'))
    assert "Saturday family time" in sunday_box.inner_text()
    ana.get_by_role("link", name="Month").click()
    assert_sound(ana)


def test_the_coach_records_how_last_weeks_family_time_went_and_reads_the_month_on_a_laptop(
    sign_in,
):
    from schedule.models import Attendance

    coach = sign_in("coach@example.org")
    navigate(coach, "Calendar")
    waiting = coach.locator("section", has=coach.get_by_role("heading", name="What happened?"))
    waiting.get_by_role("link", name="Record").first.click()
    assert_sound(coach)
    coach.get_by_label("Someone did not come").check()
    coach.get_by_label("Who cancelled or did not come").select_option("birth")
    coach.get_by_label("Note").fill("Ana's bus broke down; she called at 3:30.")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save").click()
    expect(coach.get_by_text("Recorded.")).to_be_visible()
    assert Attendance.objects.filter(outcome="no_show", by="birth").count() == 1

    coach.set_viewport_size({"width": 1280, "height": 900})
    coach.goto(coach.base_url + reverse("schedule:agenda") + "?view=month")
    columns = coach.evaluate(
        "getComputedStyle(document.querySelector('.days.month')).gridTemplateColumns"
    )
    assert len(columns.split()) == 7
    assert_sound(coach)
    coach.goto(coach.base_url + reverse("home:home"))
    assert_sound(coach)
