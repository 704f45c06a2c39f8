"""Ana asks for a letter for her manager on her phone, reads it as it will print, and
approves it; the letter then downloads."""

import pytest
from playwright.sync_api import expect

from core.tests.browser_fixtures import assert_sound
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_asks_for_a_letter_reads_it_and_approves_it_on_her_phone(sign_in):
    ana = sign_in("birth.parent@example.org")
    shared = Partnership.objects.get(birth_family__name="Morales family")
    ana.goto(ana.base_url + f"/casework/{shared.pk}/plan/")
    ana.get_by_role("link", name="See or ask for a letter").click()
    assert_sound(ana)
    ana.get_by_role("link", name="Ask for a letter").click()
    assert_sound(ana)
    ana.get_by_label("Español").check()
    ana.get_by_label("Addressed to").fill("Para la gerente de Sunrise Bakery")
    ana.get_by_role("button", name="See the letter").click()
    assert_sound(ana)
    letter = ana.locator("article.letter")
    expect(letter).to_contain_text("Para la gerente de Sunrise Bakery")
    expect(letter).to_contain_text("Audiencia en el tribunal")
    expect(letter).to_contain_text("Borrador: todavía no aprobada")
    expect(letter).not_to_contain_text("Courtroom")
    expect(ana.get_by_role("link", name="Download the PDF")).to_have_count(0)
    ana.get_by_role("button", name="Approve the letter").click()
    assert_sound(ana)
    expect(ana.get_by_role("link", name="Download the PDF")).to_be_visible()
    expect(letter).not_to_contain_text("Borrador")
