"""Ana sees on her phone's tab bar how much is new in her messages and her journal, in a
badge a screen reader reads out in words, in English and in Spanish; opening them clears
it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.tests.browser import switch_language
from core.tests.browser_fixtures import assert_sound
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab(page, name):
    return page.locator("nav.tabbar").get_by_role("link", name=re.compile(f"^{name}"))


def test_the_tab_bar_counts_whats_new_in_words_and_clears_once_opened(sign_in):
    shared = Partnership.objects.get(birth_family__name="Morales family")
    ana = sign_in("birth.parent@example.org")
    messages = tab(ana, "Messages")
    # Jenna's message about the school play is new to Ana: a number to see, words to hear.
    expect(messages).to_have_accessible_name(re.compile(r"^Messages\s*1 unread$"))
    badge = messages.locator(".tab-count")
    expect(badge).to_be_visible()
    # Only the number shows: the words are for screen readers, and fit no phone's tab.
    assert badge.bounding_box()["width"] < 40
    assert_sound(ana)

    switch_language(ana, "Español")
    expect(tab(ana, "Mensajes")).to_have_accessible_name(re.compile(r"1 sin leer$"))
    assert_sound(ana)
    switch_language(ana, "English")

    messages.click()
    ana.get_by_role("link", name="Between the two homes").click()
    expect(tab(ana, "Messages")).to_have_accessible_name("Messages")
    assert_sound(ana)

    ana.goto(ana.base_url + reverse("journal:feed", args=[shared.pk]))
    expect(tab(ana, "Journal")).to_have_accessible_name("Journal")
    assert ana.locator("nav.tabbar .tab-count").count() == 0
