"""The coach sees, in Chromium at 360 px and on a laptop, that a parent texted "C" for
tomorrow's family time: on the calendar and on the date's page, in English and Spanish,
with no serious accessibility fault."""

import os
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from agreements.selectors import sharing_for
from core.tests.browser import PHONE as PHONE_SIZE
from core.tests.browser import switch_language
from core.tests.browser_fixtures import assert_sound
from core.zones import program_zone
from partnerships.models import Partnership
from partnerships.selectors import with_parents
from schedule.services import event_create
from texts.tests.signing import SITE, TOKEN, reply_of, text_in

pytestmark = pytest.mark.browser

PHONE = "+15125550117"  # Ana's, in the demo
#: Set to a folder to keep the screenshots (to look at them; the suite does not).
SHOTS = os.environ.get("VILLAGE_TEXTS_SHOTS", "")


def test_the_coach_sees_a_parents_text_confirmation_on_the_calendar(sign_in, settings, client):
    settings.SITE_URL, settings.TWILIO_AUTH_TOKEN = SITE, TOKEN
    ana = User.objects.select_related("person").get(email="birth.parent@example.org")
    assert ana.person.phone == PHONE
    coach = User.objects.get(email="coach@example.org")
    partnership = with_parents(
        Partnership.objects.filter(birth_family__parents__user=ana, coach=coach)
    ).get()
    zone = program_zone()
    tomorrow = timezone.localdate(timezone.now(), zone) + timedelta(days=1)
    event_create(
        actor=coach,
        sharing=sharing_for(partnership),
        data={
            "kind": "visit",
            "title": "Family time by text",
            # Before any of the demo's own dates of a day (its weekly family time is on
            # Tuesdays at 4 p.m.): "C" confirms the first family time tomorrow.
            "starts_at": datetime.combine(tomorrow, time(8), tzinfo=zone),
            "minutes": 60,
            "place": "visit_room",
            # The demo's court order: supervised contact only.
            "supervised": True,
            "supervisor": "Marisol Vega",
        },
    )
    assert reply_of(text_in(client, "C", PHONE)).startswith("Thanks, see you tomorrow at")
    page = sign_in("coach@example.org")
    for language, words, name in (
        ("en", "Confirmed by Ana", "Family time by text"),
        ("es", "Confirmado por Ana", "Family time by text"),
    ):
        page.set_viewport_size(PHONE_SIZE)
        if language == "es":
            switch_language(page, "Español")
        page.goto(page.base_url + "/calendar/")
        assert page.get_by_text(words).first.is_visible()
        assert_sound(page)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/agenda-{language}-360.png", full_page=True)
        page.get_by_role("link", name=name).first.click()
        assert page.get_by_text(words).first.is_visible()
        assert_sound(page)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/event-{language}-360.png", full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            page.screenshot(path=f"{SHOTS}/event-{language}-1280.png", full_page=True)
