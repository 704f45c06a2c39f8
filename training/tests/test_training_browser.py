"""Jenna finishes a module on her phone and prints its certificate; the coach sees that
Ana still has modules to finish."""

import pytest
from playwright.sync_api import expect

from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from training.models import Completion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_jenna_finishes_a_module_and_prints_the_certificate(sign_in):
    jenna = sign_in("partner.parent@example.org")
    navigate(jenna, "Training")
    assert_sound(jenna)
    jenna.get_by_role("link", name="Setting boundaries").click()
    assert_sound(jenna)
    jenna.get_by_label("A few words on what you take from this module").fill(
        "I will tell Ana that I do not answer after nine."
    )
    with jenna.expect_navigation():
        jenna.get_by_role("button", name="I have finished this module").click()
    expect(jenna.get_by_text("Your certificate is ready to print.")).to_be_visible()
    expect(jenna.get_by_role("heading", name="Certificate of completion")).to_be_visible()
    assert_sound(jenna)
    mine = Completion.objects.filter(
        module__title="Setting boundaries", user__email="partner.parent@example.org"
    )
    assert mine.count() == 1
    jenna.emulate_media(media="print")
    expect(jenna.locator(".site-header")).not_to_be_visible()
    pdf = jenna.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000

    coach = sign_in("coach@example.org")
    navigate(coach, "Training")
    coach.get_by_role("link", name="Who is behind").click()
    assert_sound(coach)
    ana = coach.locator("li", has_text="Ana")
    assert "Healthy communication" in ana.inner_text()
