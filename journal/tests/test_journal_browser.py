"""Jenna posts a photo from her phone that carries its GPS location; the coach shares it;
Ana sees it, and neither the stored nor the served file says where it was taken. Keisha,
from another partnership, reaches none of it."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from core.tests.browser import navigate
from core.tests.browser_fixtures import assert_sound
from journal.models import Photo, Post
from journal.tests.images import jpeg_with_gps
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_photo_with_gps_is_shared_after_review_without_its_location(sign_in, tmp_path):
    shared = Partnership.objects.get(birth_family__name="Morales family")
    jenna = sign_in("partner.parent@example.org")
    jenna.get_by_role("link", name="Open the journal").click()
    assert_sound(jenna)
    jenna.get_by_label("What happened").fill("Sofi lost her first tooth at breakfast!")
    jenna.get_by_label("Sofi", exact=True).check()
    jenna.set_input_files(
        "input[name=photo]",
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    jenna.get_by_label("Describe the photo").fill("Sofi smiling with a gap in her teeth.")
    with jenna.expect_navigation():
        jenna.get_by_role("button", name="Post").click()
    expect(jenna.get_by_text("Your coach will look at it")).to_be_visible()
    post = Post.objects.get(text__startswith="Sofi lost")
    photo = Photo.objects.get(post=post)

    ana = sign_in("birth.parent@example.org")
    ana.goto(ana.base_url + reverse("journal:feed", args=[shared.pk]))
    assert "first tooth" not in ana.locator("main").inner_text()

    coach = sign_in("coach@example.org")
    navigate(coach, "Posts to review")
    assert_sound(coach)
    card = coach.locator("article", has_text="first tooth")
    with coach.expect_navigation():
        card.get_by_role("button", name="Share it").click()
    expect(coach.get_by_text("Shared with the other home.")).to_be_visible()

    ana.goto(ana.base_url + reverse("journal:feed", args=[shared.pk]))
    assert "first tooth" in ana.locator("main").inner_text()
    image = ana.get_by_role("img", name="Sofi smiling with a gap in her teeth.")
    expect(image).to_be_visible()
    assert_sound(ana)
    served = ana.request.get(ana.base_url + reverse("journal:photo_large", args=[photo.pk]))
    assert served.status == 200
    assert len(Image.open(io.BytesIO(served.body())).getexif()) == 0
    stored = photo.large.path
    assert len(Image.open(stored).getexif()) == 0
    served_copy = tmp_path / "served.jpg"
    served_copy.write_bytes(served.body())
    if shutil.which("exiftool"):
        for path in (stored, str(served_copy)):
            tags = subprocess.run(
                ["exiftool", "-GPS:all", "-Make", "-Model", path], capture_output=True, text=True
            ).stdout
            assert tags.strip() == "", tags
    ana.get_by_role("link", name="Open, reply or print").first.click()
    assert_sound(ana)

    keisha = sign_in("outsider.parent@example.org")
    for url in (
        reverse("journal:post", args=[post.pk]),
        reverse("journal:photo_large", args=[photo.pk]),
        reverse("journal:photo_small", args=[photo.pk]),
    ):
        assert keisha.request.get(keisha.base_url + url).status == 404, url


def test_messages_and_notification_choices_work_on_a_phone(sign_in):
    ana = sign_in("birth.parent@example.org")
    ana.get_by_role("link", name="Messages").click()
    assert_sound(ana)
    ana.get_by_role("link", name="Between the two homes").click()
    assert "school play" in ana.locator("main").inner_text()
    ana.get_by_label("Your message").fill("See you at the play!")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Send").click()
    assert "See you at the play!" in ana.locator("main").inner_text()
    assert_sound(ana)
    ana.get_by_role("link", name="Notifications").click()
    ana.get_by_label("Once a day").first.check()
    with ana.expect_navigation():
        ana.get_by_role("button", name="Save").click()
    expect(ana.get_by_text("Your notification choices are saved.")).to_be_visible()
    assert_sound(ana)
    ana.get_by_role("link", name="Calendar").click()
    with ana.expect_navigation():
        ana.get_by_role("button", name="Make my calendar address").click()
    assert ".ics" in ana.get_by_label("Your calendar address").input_value()
    assert_sound(ana)
