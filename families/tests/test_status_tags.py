"""Whether a parent signs in shows as a tag on the family's and the home's pages; empty
lists say what to do next."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_parent_who_signs_in_and_one_only_invited_are_tagged_alike_on_both_homes_pages(
    client_for, coach, partnership, birth_parent, partner_parent
):
    partner_parent.set_unusable_password()  # invited: no password of her own yet
    partner_parent.save()
    client = client_for(coach)
    family = client.get(partnership.birth_family.get_absolute_url()).content.decode()
    home = client.get(partnership.partner_home.get_absolute_url()).content.decode()
    assert '<span class="badge ok">Signs in to Village</span>' in family
    assert '<span class="badge attention">Invited</span>' in home


def test_a_coach_with_no_families_or_homes_is_shown_how_to_add_them(client_for, coach):
    client = client_for(coach)
    families = client.get(reverse("families:family_list")).content.decode()
    empty = families.split('<div class="empty">')[1].split("</div>")[0]
    assert "No families yet." in empty and reverse("partnerships:new") in empty
    homes = client.get(reverse("families:home_list")).content.decode()
    empty = homes.split('<div class="empty">')[1].split("</div>")[0]
    assert "No partner homes yet." in empty and reverse("families:home_new") in empty
