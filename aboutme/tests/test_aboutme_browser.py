"""Ana writes Sofi's favorite breakfast and the words of her song; Jenna, who is caring
for Sofi, sees them and what is new; Keisha, from another partnership, cannot reach them."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser_fixtures import assert_sound
from families.models import Child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SONG = "Duérmete, Sofi, la luna te cuida"


def test_the_birth_mother_writes_and_the_partner_mother_sees_what_is_new(sign_in):
    sofia = Child.objects.get(first_name="Sofía")
    ana = sign_in("birth.parent@example.org")
    assert "Supervised contact only" in ana.locator("main").inner_text()
    ana.get_by_role("link", name="All About Me: Sofi").click()
    assert_sound(ana)
    ana.get_by_role("link", name="Write or change").click()
    assert_sound(ana)
    ana.get_by_label("Favorite breakfast").fill("Pancakes cut in strips, with a little cinnamon.")
    song = ana.get_by_label("The special song")
    song.fill(f"{SONG},\nmamá te quiere toda la vida.")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Save").click()
    expect(ana.get_by_text("Saved: Favorite breakfast and The special song.")).to_be_visible()
    ana.goto(ana.base_url + reverse("agreements:agreement", args=[_partnership_id(sofia)]))
    assert_sound(ana)

    jenna = sign_in("partner.parent@example.org")
    jenna.goto(jenna.base_url + reverse("aboutme:profile", args=[sofia.pk]))
    news = jenna.get_by_role("region", name="New since you last looked").inner_text()
    # The demo has Sofi's breakfast as Ana first wrote it (her life book shows then and now).
    assert "Changed: Favorite breakfast" in news and "Changed: The special song" in news
    main = jenna.locator("main").inner_text()
    assert "Pancakes cut in strips" in main and SONG in main
    assert_sound(jenna)
    jenna.get_by_role("link", name="Printable page").click()
    assert "Pancakes cut in strips" in jenna.locator("main").inner_text()
    assert_sound(jenna)
    jenna.goto(jenna.base_url + reverse("aboutme:history", args=[sofia.pk]))
    assert_sound(jenna)

    keisha = sign_in("outsider.parent@example.org")
    for child in Child.objects.filter(first_name__in=["Sofía", "Mateo"]):
        response = keisha.goto(keisha.base_url + reverse("aboutme:profile", args=[child.pk]))
        assert response.status == 404


def test_the_coach_drafts_the_agreement_on_a_phone(sign_in):
    sofia = Child.objects.get(first_name="Sofía")
    coach = sign_in("coach@example.org")
    coach.goto(coach.base_url + reverse("agreements:agreement", args=[_partnership_id(sofia)]))
    assert "Supervised contact only" in coach.locator("main").inner_text()
    assert_sound(coach)
    coach.get_by_role("link", name="Draft a new version").click()
    assert_sound(coach)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Save this version").click()
    expect(coach.get_by_text("Version 2 saved")).to_be_visible()
    assert_sound(coach)
    coach.goto(
        coach.base_url + reverse("agreements:restriction_add", args=[_partnership_id(sofia)])
    )
    assert_sound(coach)


def test_one_topic_is_written_on_its_own_and_the_untouched_song_stays_as_it_was(sign_in):
    sofia = Child.objects.get(first_name="Sofía")
    ana = sign_in("birth.parent@example.org")
    ana.goto(ana.base_url + reverse("aboutme:profile", args=[sofia.pk]))
    breakfast = ana.get_by_role("region", name="Favorite breakfast")
    breakfast.get_by_role("link", name="Change").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Favorite breakfast")
    assert ana.locator("textarea").count() == 1
    assert_sound(ana)
    ana.get_by_label("Favorite breakfast").fill("Pancakes cut in strips.")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Save").click()
    assert ana.url.endswith("#topic-breakfast")
    expect(ana.get_by_text("Saved: Favorite breakfast.")).to_be_visible()
    # The whole form sends the song's lines back as the browser writes them (CRLF).
    ana.get_by_role("link", name="Write or change").click()
    ana.get_by_label("Fears").fill("The dark hallway.")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Save").click()
    expect(ana.get_by_text("Saved: Fears.")).to_be_visible()


def _partnership_id(child) -> int:
    return child.partnerships.values_list("pk", flat=True).get()
