"""In the browser: the coach finds Spanish-speaking childcare near a ZIP code, refers Ana,
and Ana sees the referral on her phone and marks it received."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser import PHONE, navigate
from core.tests.browser_fixtures import assert_sound
from referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coach_refers_ana_to_spanish_childcare_nearby_and_she_closes_the_loop(sign_in):
    coach = sign_in("coach@example.org")
    navigate(coach, "Resources")
    assert_sound(coach)
    coach.get_by_label("Need").select_option("childcare")
    coach.get_by_text("Place, language, hours and cost").click()
    coach.get_by_label("Language spoken").select_option("es")
    coach.get_by_label("Near (ZIP code or City, ST)").fill("78702")
    coach.get_by_label("Within").select_option("5")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Search").click()
    results = coach.locator(".result")
    assert "Little Learners Childcare" in results.first.inner_text()
    assert "mi away" in results.first.inner_text()
    assert_sound(coach)
    results.first.get_by_role("link", name="Little Learners Childcare").click()
    assert_sound(coach)
    coach.get_by_label("Who").select_option(label="Ana Morales · Morales family")
    coach.get_by_label("Note for the family").fill("Ask for Marisol; say Village sent you.")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Send the referral").click()
    expect(coach.get_by_text("Referral sent.")).to_be_visible()
    referral = Referral.objects.get(service__name="Little Learners Childcare")
    assert referral.need == "childcare" and referral.status == "sent"

    ana = sign_in("birth.parent@example.org")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Español").click()  # Ana reads Village in Spanish
    navigate(ana, "Remisiones")
    assert_sound(ana)
    ana.get_by_role("link", name="Little Learners Childcare").click()
    expect(ana.get_by_text("Ask for Marisol; say Village sent you.")).to_be_visible()
    ana.get_by_label("Servicio recibido").check()
    ana.get_by_label("Un comentario").fill("Sofi empieza el lunes.")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Guardar").click()
    assert_sound(ana)
    referral.refresh_from_db()
    assert referral.status == "received"
    assert list(referral.steps.values_list("status", flat=True)) == ["sent", "received"]


def test_the_directory_pages_fit_a_phone_and_pass_axe_for_visitors_and_the_team(
    sign_in, chromium, live_server
):
    visitor = chromium.new_context(viewport=PHONE).new_page()
    visitor.csp_violations = []
    visitor.goto(live_server.url + reverse("directory:search") + "?q=pantry&near=Atlantis")
    # Said once in the summary at the top, a link to the field, and once beside it.
    expect(visitor.locator(".form-errors").get_by_role("link", name="Near")).to_be_visible()
    expect(visitor.locator("#id_near_error")).to_contain_text("We do not know this place")
    assert_sound(visitor)
    visitor.goto(live_server.url + reverse("directory:search") + "?q=pantry")
    visitor.get_by_role("link", name="Saturday Food Pantry").click()
    assert_sound(visitor)
    assert visitor.get_by_text("Refer someone").count() == 0
    visitor.context.close()

    director = sign_in("director@example.org")
    team_pages = ["directory:manage", "directory:service_new"]
    team_pages += ["referrals:figures", "referrals:mine"]
    for name in team_pages:
        director.goto(director.base_url + reverse(name))
        assert_sound(director)
    from directory.models import Service

    listing = Service.objects.get(name="Saturday Food Pantry")
    for url in (
        reverse("directory:service_edit", args=[listing.pk]),
        reverse("directory:organization_edit", args=[listing.organization_id]),
    ):
        director.goto(director.base_url + url)
        assert_sound(director)
