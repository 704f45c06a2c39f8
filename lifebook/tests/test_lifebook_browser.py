"""Jenna adds Sofi's bike ride to her life book on her phone; Ana sees who chose it,
says the choice looks good, and both may print; Keisha, from another partnership, gets
404."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser_fixtures import assert_sound
from families.models import Child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIKE = "Sofi rode her bike without training wheels today!"


def test_one_home_chooses_a_post_and_the_other_sees_it_before_the_book_prints(sign_in):
    sofia = Child.objects.get(first_name="Sofía")
    book_url = reverse("lifebook:book", args=[sofia.pk])

    jenna = sign_in("partner.parent@example.org")
    jenna.goto(jenna.base_url + reverse("aboutme:profile", args=[sofia.pk]))
    jenna.get_by_role("link", name="Life book").click()
    expect(jenna.get_by_role("heading", level=1)).to_have_text("Life book: Sofi")
    assert_sound(jenna)
    post = jenna.locator("li", has_text=BIKE)
    with jenna.expect_navigation():
        post.get_by_role("button", name=re.compile("Add to the life book")).click()
    expect(jenna.get_by_text("Added to the life book.")).to_be_visible()
    chosen = jenna.get_by_role("region", name="Chosen for the book")
    expect(chosen).to_contain_text(BIKE)
    expect(jenna.get_by_text("Waiting for Ana to see the choices.")).to_be_visible()
    expect(jenna.get_by_role("link", name="Print the life book (PDF)")).to_have_count(0)
    assert_sound(jenna)

    ana = sign_in("birth.parent@example.org")
    ana.goto(ana.base_url + book_url)
    chosen = ana.get_by_role("region", name="Chosen for the book")
    expect(chosen.locator("li", has_text=BIKE)).to_contain_text("Chosen by the partner home")
    assert_sound(ana)
    with ana.expect_navigation():
        ana.get_by_role("button", name="I have looked: the choice looks good").click()
    expect(ana.get_by_role("link", name="Print the life book (PDF)")).to_be_visible()
    assert_sound(ana)

    jenna.goto(jenna.base_url + book_url)
    expect(jenna.get_by_role("link", name="Print the life book (PDF)")).to_be_visible()

    keisha = sign_in("outsider.parent@example.org")
    assert keisha.goto(keisha.base_url + book_url).status == 404
