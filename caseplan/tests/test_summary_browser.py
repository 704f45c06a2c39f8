"""Ana prints the court summary from a desktop: the page alone, on the letterhead."""

import pytest
from playwright.sync_api import expect

from caseplan.models import CourtSummary
from core.tests.browser_fixtures import assert_sound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_printed_court_summary_shows_the_letterhead_without_the_site_navigation(sign_in):
    ana = sign_in("birth.parent@example.org")
    summary = CourtSummary.objects.get(partnership__birth_family__name="Morales family")
    ana.goto(ana.base_url + summary.get_absolute_url())
    assert_sound(ana)
    ana.set_viewport_size({"width": 1280, "height": 800})
    ana.emulate_media(media="print")
    expect(ana.get_by_role("heading", name="Progress summary for the court")).to_be_visible()
    expect(ana.get_by_role("heading", name="Goals")).to_be_visible()
    for hidden in (
        ana.get_by_role("navigation", name="Main"),
        ana.get_by_role("button", name="Español"),
        ana.get_by_role("link", name="Case plan"),
        ana.locator("footer.site-footer"),
    ):
        expect(hidden).to_be_hidden()
