"""In the browser: the coach asks for a car repair, the director approves it, finance pays
it, and the fund's balance and the grant's report change by exactly that much."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from assistance.models import Fund
from assistance.services import balance_of
from core.money import dollars
from core.tests.browser_fixtures import assert_sound
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_car_repair_goes_from_the_coach_to_the_director_to_finance(sign_in):
    grant = Fund.objects.get(name="Keep Families Working grant")
    before = balance_of(grant)
    shared = Partnership.objects.get(birth_family__name="Morales family")

    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + shared.get_absolute_url())
    coach.get_by_role("link", name="Ask for financial help").click()
    assert_sound(coach)
    coach.get_by_label("Need", exact=True).select_option("car_repair")
    coach.get_by_label("Amount").fill("300.00")
    coach.get_by_label("Who is paid").fill("Eastside Auto Repair")
    coach.get_by_label("Needed by").fill(f"{date.today() + timedelta(days=30):%Y-%m-%d}")
    coach.get_by_label("How it keeps the family safe or working").fill(
        "A new tire: Ana drives to the 6 a.m. shift."
    )
    with coach.expect_navigation():
        coach.get_by_role("button", name="Send for a decision").click()
    expect(coach.get_by_text("Request sent for a decision.")).to_be_visible()
    request_url = coach.url
    assert_sound(coach)

    director = sign_in("director@example.org")
    director.goto(request_url)
    director.get_by_label("Approve").check()
    director.get_by_label("Paid from").select_option(label="Keep Families Working grant")
    director.get_by_label("Reason").fill("Quote matches the shop's posted prices.")
    with director.expect_navigation():
        director.get_by_role("button", name="Record the decision").click()
    expect(director.get_by_text("Decision recorded.")).to_be_visible()
    assert_sound(director)

    finance = sign_in("finance@example.org")
    finance.goto(request_url)
    finance.get_by_label("Paid by").select_option("check")
    finance.get_by_label("Check or reference number").fill("2057")
    with finance.expect_navigation():
        finance.get_by_role("button", name="Record the payment").click()
    expect(finance.get_by_text("Payment recorded.")).to_be_visible()
    assert balance_of(grant) == before - 300
    finance.get_by_role("link", name="Financial support").first.click()
    assert_sound(finance)
    finance.get_by_role("link", name="Keep Families Working grant").click()
    assert_sound(finance)
    report = finance.locator("main").inner_text()
    assert dollars(before - 300) in report and "$300.00" in report and "2057" in report


def test_the_money_pages_fit_a_phone_and_pass_axe(sign_in):
    from django.urls import reverse

    director = sign_in("director@example.org")
    for name in (
        "assistance:index",
        "assistance:report",
        "assistance:rules",
        "assistance:fund_new",
    ):
        director.goto(director.base_url + reverse(name))
        assert_sound(director)
    ana = sign_in("birth.parent@example.org")
    ana.goto(ana.base_url + reverse("assistance:mine"))
    assert_sound(ana)
    assert "Eastside Auto Repair" in ana.locator("main").inner_text()
    ana.get_by_role("link", name="Car repair").first.click()
    assert_sound(ana)
