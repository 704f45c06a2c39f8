"""Village on a parent's phone, in the real Chromium: installable by the browser's own
checks, readable with the network cut, and nothing of one person's left for the next."""

import io
import json
import os

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Error as BrowserError
from playwright.sync_api import expect

from core.tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, sign_in_page
from core.tests.browser_fixtures import assert_sound
from families.models import Child
from home.demo import DEMO_PASSWORD
from pwa.tests.helpers import (
    cache_names,
    eventually,
    kept,
    open_offline,
    sign_out,
    wait_until_nothing_is_kept,
    worker_in_control,
)
from voice.models import Purpose, Recording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ANA, JENNA, KEISHA = (
    "birth.parent@example.org",
    "partner.parent@example.org",
    "outsider.parent@example.org",
)
SAVED = "This page was saved on"


def next_family_time_link(page) -> str:
    page.goto(page.base_url + "/")
    return page.locator("[data-next-family-time] a").first.get_attribute("href")


def anas_children_named(page) -> set[str]:
    text = page.locator("main").inner_text()
    return {name for name in ("Sofi", "Mateo") if name in text}  # "Sofi" is in "Sofía" too


def about_sofia() -> str:
    return reverse("aboutme:profile", args=[Child.objects.get(first_name="Sofía").pk])


def test_the_manifest_and_worker_pass_the_browsers_own_installability_checks(
    chromium, live_server, transactional_db, tmp_path
):
    # Chromium never offers to install from an incognito window, which every new context
    # of a launched browser is: a profile on disk, as a phone's browser has.
    context = chromium.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=PHONE
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(live_server.url + "/")
        worker_in_control(page)
        devtools = context.new_cdp_session(page)
        # What Lighthouse asks for its installability audit.
        assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = devtools.send("Page.getAppManifest")
        assert manifest["errors"] == [], manifest["errors"]
        assert manifest["url"] == live_server.url + reverse("pwa:manifest")

        answer = page.request.get(manifest["url"])
        assert answer.headers["content-type"] == "application/manifest+json"
        icons = answer.json()["icons"]
        assert {icon["purpose"] for icon in icons} == {"any", "maskable"}
        for icon in icons:
            image = page.request.get(live_server.url + icon["src"])
            assert image.status == 200 and image.headers["content-type"] == "image/png"
            width, height = Image.open(io.BytesIO(image.body())).size
            assert f"{width}x{height}" == icon["sizes"]
            assert len(image.body()) < 8_000, f"{icon['src']} is heavier than an icon need be"
    finally:
        context.close()


def test_offline_a_parent_reads_her_next_family_time_all_about_me_and_the_song_saying_when_saved(
    sign_in,
):
    jenna = sign_in(JENNA)
    worker_in_control(jenna)
    visit = next_family_time_link(jenna)
    song = Recording.objects.get(purpose=Purpose.SONG)
    audio = reverse("voice:audio", args=[song.pk])
    for url in (visit, about_sofia()):
        jenna.goto(jenna.base_url + url)
        kept(jenna, url)
    kept(jenna, audio)  # the player asked for part of it; the whole file is kept
    assert jenna.locator("[data-offline-note]").count() == 0  # online: no note

    with open_offline(jenna):
        jenna.goto(jenna.base_url + visit)
        expect(jenna.get_by_text(SAVED)).to_be_visible()
        expect(jenna.get_by_role("heading", name="Family time", exact=True).first).to_be_visible()
        assert_sound(jenna)
        jenna.goto(jenna.base_url + about_sofia())
        expect(jenna.get_by_text(SAVED)).to_be_visible()
        expect(jenna.get_by_role("heading", level=1)).to_contain_text("All About Me")
        player = jenna.locator(f"audio[src='{audio}']")
        duration = player.evaluate(
            """audio => new Promise((done, failed) => {
                audio.addEventListener("error", () => failed(String(audio.error.code)));
                if (audio.readyState >= 1) return done(audio.duration);
                audio.addEventListener("loadedmetadata", () => done(audio.duration));
                audio.load();
            })"""
        )
        assert 20 < duration < 30, duration  # the whole 24-second song, from the phone
        # A part from the middle, as a player asks when the song is skipped ahead.
        part = jenna.evaluate(
            """async url => {
                const audio = new Audio();
                return await new Promise((done, failed) => {
                    audio.addEventListener("canplay", () => { audio.currentTime = 20; });
                    audio.addEventListener("seeked", () => done(audio.currentTime));
                    audio.addEventListener("error", () => failed(String(audio.error.code)));
                    audio.src = url;
                });
            }""",
            audio,
        )
        assert part >= 19


def test_after_signing_out_nothing_of_hers_is_left_to_read_offline(sign_in):
    ana = sign_in(ANA)
    worker_in_control(ana)
    visit = next_family_time_link(ana)
    ana.goto(ana.base_url + about_sofia())
    kept(ana, about_sofia())
    sign_out(ana)
    wait_until_nothing_is_kept(ana)
    assert cache_names(ana) == []
    with open_offline(ana):
        for url in ("/", visit, about_sofia()):
            with pytest.raises(BrowserError, match="net::ERR_"):
                ana.goto(ana.base_url + url)


def test_a_second_person_on_the_same_browser_never_sees_the_firsts_pages(sign_in):
    ana = sign_in(ANA)
    worker_in_control(ana)
    visit = next_family_time_link(ana)
    for url in (visit, about_sofia()):
        ana.goto(ana.base_url + url)
        kept(ana, url)
    anas_cache = cache_names(ana)
    # Ana leaves without signing out; her session ends (the phone is handed on, her time
    # runs out) and Keisha, of another family, signs in on the same browser.
    ana.context.clear_cookies()
    keisha = ana
    sign_in_page(keisha, KEISHA)
    worker_in_control(keisha)
    assert not set(cache_names(keisha)) & set(anas_cache)
    # Online, Ana's pages are not Keisha's: the server says so, not a copy.
    for url in (visit, about_sofia()):
        assert keisha.goto(keisha.base_url + url).status == 404
    keisha.goto(keisha.base_url + "/")
    kept(keisha, "/")
    with open_offline(keisha):
        keisha.goto(keisha.base_url + "/")  # her own page, kept for her
        expect(keisha.get_by_text(SAVED)).to_be_visible()
        assert not {"Sofi", "Mateo"} & anas_children_named(keisha)
        for url in (visit, about_sofia()):
            # A page her phone does not hold: her own home page instead, saying so.
            keisha.goto(keisha.base_url + url)
            assert keisha.url == keisha.base_url + "/"
            expect(keisha.get_by_text(SAVED)).to_be_visible()
            assert not {"Sofi", "Mateo"} & anas_children_named(keisha)


def test_a_phone_marked_shared_at_sign_in_keeps_nothing(new_page, transactional_db):
    from home.testing import demo_loaded

    demo_loaded()
    ana = new_page()
    ana.goto(ana.base_url + reverse("accounts:sign_in"))
    ana.get_by_label("Email").fill(ANA)
    ana.get_by_label("Password").fill(DEMO_PASSWORD)
    ana.get_by_label("This is a shared computer or phone: keep nothing on it").check()
    with ana.expect_navigation():
        ana.get_by_role("button", name="Sign in", exact=True).click()
    worker_in_control(ana)
    for url in ("/", about_sofia()):
        ana.goto(ana.base_url + url)
    ana.wait_for_timeout(500)  # what the worker would have kept, it keeps within this
    assert cache_names(ana) == []


def test_a_phone_marked_shared_from_the_settings_forgets_what_it_kept(sign_in):
    ana = sign_in(ANA)
    worker_in_control(ana)
    ana.goto(ana.base_url + about_sofia())
    kept(ana, about_sofia())
    ana.goto(ana.base_url + reverse("accounts:settings"))
    assert_sound(ana)
    with ana.expect_navigation():
        ana.get_by_role("button", name="This is a shared computer or phone").click()
    expect(ana.get_by_text("Done: nothing is kept on this device")).to_be_visible()
    expect(ana.get_by_text("This device is marked shared")).to_be_visible()
    wait_until_nothing_is_kept(ana)
    worker_in_control(ana)
    ana.goto(ana.base_url + about_sofia())
    ana.wait_for_timeout(500)
    assert cache_names(ana) == []


def test_a_parent_is_shown_how_to_add_village_to_her_home_screen_until_she_says_no(sign_in):
    ana = sign_in(ANA)
    hint = ana.get_by_role("region", name="Keep Village on your home screen")
    expect(hint).to_be_visible()
    # No install prompt from this browser (a private window): the how-to instead.
    expect(hint.get_by_text("On an iPhone: tap Share")).to_be_visible()
    expect(hint.get_by_role("button", name="Add to home screen")).to_be_hidden()
    assert_sound(ana)
    hint.get_by_role("button", name="No, thank you").click()
    expect(hint).to_be_hidden()
    ana.reload()
    expect(ana.get_by_text("Keep Village on your home screen")).to_have_count(0)


def test_a_push_shows_only_its_title_words_and_link_with_the_apps_icon(new_page, transactional_db):
    page = new_page()
    page.context.grant_permissions(["notifications"], origin=page.base_url)
    page.goto(page.base_url + "/")
    worker_in_control(page)
    devtools = page.context.new_cdp_session(page)
    registrations = []
    devtools.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    devtools.send("ServiceWorker.enable")
    page.wait_for_timeout(300)  # the registrations arrive as events
    registration = next(r for r in registrations if not r["isDeleted"])
    message = {"title": "Village", "body": "You have a new update", "url": "/messages/"}
    devtools.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": page.base_url + "/",
            "registrationId": registration["registrationId"],
            "data": json.dumps(message),
        },
    )
    shown = eventually(
        page,
        """navigator.serviceWorker.ready
            .then(r => r.getNotifications())
            .then(all => all.length && all.map(n => [n.title, n.body, n.data.url, n.icon]))""",
    )
    assert shown == [
        [
            "Village",
            "You have a new update",
            "/messages/",
            page.base_url + "/static/village/app/icon-192.png",
        ]
    ]
