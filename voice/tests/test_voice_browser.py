"""Ana sings into her phone (Chromium's fake microphone), the coach listens and shares it,
Jenna plays it on Sofi's All About Me, and Keisha, from another partnership, cannot."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser import CHROMIUM, CHROMIUM_ARGS
from core.tests.browser_fixtures import assert_sound
from families.models import Child
from voice.models import Recording, State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def chromium():
    """Chromium with a microphone that plays a tone and needs no one to allow it."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not at {CHROMIUM}; `apt-get install chromium` (CI does).")
    from playwright.sync_api import sync_playwright

    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


def test_a_song_recorded_in_the_browser_is_shared_after_review_and_played_by_the_other_home(
    sign_in,
):
    sofia = Child.objects.get(first_name="Sofía")
    profile = reverse("aboutme:profile", args=[sofia.pk])
    demo_recordings = list(Recording.objects.values_list("pk", flat=True))
    ana = sign_in("birth.parent@example.org")
    ana.context.grant_permissions(["microphone"])
    ana.goto(ana.base_url + profile)
    # The demo has her song already: she records it again.
    ana.get_by_role("link", name="Record it again").click()
    assert_sound(ana)
    ana.get_by_role("button", name="Start recording").click()
    expect(ana.get_by_text("Recording… Press Stop when you are done.")).to_be_visible()
    ana.wait_for_timeout(2500)
    ana.get_by_role("button", name="Stop").click()
    expect(ana.get_by_text("Recorded. Listen, then send it, or record again.")).to_be_visible()
    ana.get_by_label("The words").fill("Duérmete, Sofi, la luna te cuida")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Send the recording").click()
    recording = Recording.objects.exclude(pk__in=demo_recordings).get()
    expect(ana.get_by_text("Waiting for the coach")).to_be_visible()
    assert recording.state == State.WAITING and recording.duration_ms > 1500
    assert_sound(ana)

    marisol = sign_in("coach@example.org")
    marisol.goto(marisol.base_url + reverse("voice:review"))
    assert_sound(marisol)
    with marisol.expect_navigation():
        marisol.get_by_role("button", name="Share it").click()
    expect(marisol.get_by_text("Shared with the other home.")).to_be_visible()

    jenna = sign_in("partner.parent@example.org")
    jenna.goto(jenna.base_url + profile)
    player = jenna.locator(f"audio[src='{reverse('voice:audio', args=[recording.pk])}']")
    expect(player).to_have_count(1)
    duration = player.evaluate(
        """audio => new Promise(done => {
            if (audio.readyState >= 1) return done(audio.duration);
            audio.addEventListener("loadedmetadata", () => done(audio.duration));
            audio.load();
        })"""
    )
    assert 1.5 < duration < 10, duration
    assert_sound(jenna)

    keisha = sign_in("outsider.parent@example.org")
    for url in (recording.get_absolute_url(), reverse("voice:audio", args=[recording.pk])):
        assert keisha.goto(keisha.base_url + url).status == 404
