"""A partnership's stage wears the same tag on every page that shows it, and an empty list
says what to do next."""

import pytest
from django.urls import reverse

from partnerships.models import Stage

pytestmark = pytest.mark.django_db


def tag(variant: str, label: str) -> str:
    return f'<span class="badge {variant}">{label}</span>'


def test_a_referral_waits_in_gold_on_the_list_its_page_and_its_familys_page(client_for, coach):
    from home.testing import partnership_for

    referred = partnership_for(coach=coach, stage=Stage.REFERRED)
    client = client_for(coach)
    for url in (
        reverse("partnerships:list"),
        referred.get_absolute_url(),
        referred.birth_family.get_absolute_url(),
    ):
        assert tag("attention", "Referred") in client.get(url).content.decode(), url


def test_children_home_are_good_news_in_green_on_the_home_s_page_and_the_partnership_s(
    client_for, coach, partnership
):
    partnership.stage = Stage.POST_REUNIFICATION
    partnership.save()
    client = client_for(coach)
    for url in (partnership.get_absolute_url(), partnership.partner_home.get_absolute_url()):
        assert tag("ok", "Post-reunification") in client.get(url).content.decode(), url
    # An active partnership is a plain fact: the program's plum, no variant.
    partnership.stage = Stage.ACTIVE
    partnership.save()
    assert tag("", "Active") in client.get(partnership.get_absolute_url()).content.decode()


def test_the_partnership_page_lists_its_facts_and_every_stage_it_passed(
    client_for, coach, partnership
):
    page = client_for(coach).get(partnership.get_absolute_url()).content.decode()
    facts = page.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "<dt>Stage</dt>" in facts and tag("", "Active") in facts
    assert "<dt>Coach</dt>" in facts and coach.person.full_name in facts
    history = page.split('id="stage-heading"')[1].split("</section>")[0]
    assert tag("", "Active") in history


def test_a_coach_with_no_partnerships_is_shown_how_to_start_one(client_for, coach):
    page = client_for(coach).get(reverse("partnerships:list")).content.decode()
    empty = page.split('<div class="empty">')[1].split("</div>")[0]
    assert "No partnerships here." in empty
    assert f'href="{reverse("partnerships:new")}"' in empty


def test_an_unmatched_referral_offers_to_choose_its_home_and_to_add_its_children(client_for, coach):
    from home.testing import partnership_for

    referred = partnership_for(coach=coach, stage=Stage.REFERRED, children=0)
    page = client_for(coach).get(referred.get_absolute_url()).content.decode()
    assert "Not matched yet." in page
    edit = reverse("partnerships:edit", args=[referred.pk])
    assert f'href="{edit}">Choose a partner home' in page
    children = page.split('id="children-heading"')[1].split("</section>")[0]
    assert "No children yet." in children
    assert reverse("families:child_add", args=[referred.birth_family_id]) in children
