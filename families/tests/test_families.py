from datetime import date, timedelta

from django.urls import reverse

from families.models import Placement
from home.testing import PartnerHomeFactory


def test_recording_a_move_ends_the_current_placement_the_day_the_new_one_starts(
    client_for, coach, partnership
):
    child = partnership.children.order_by("pk").first()
    new_home = PartnerHomeFactory()
    # The partnership's placement began 30 days ago: the move is a week ago.
    moved_on = date.today() - timedelta(days=7)
    response = client_for(coach).post(
        reverse("families:placement_add", args=[child.pk]),
        {"partner_home": new_home.pk, "started_on": moved_on.isoformat()},
    )
    assert response.status_code == 302
    placements = list(
        Placement.objects.filter(child=child)
        .order_by("started_on")
        .values_list("partner_home", "ended_on")
    )
    assert placements == [(partnership.partner_home_id, moved_on), (new_home.pk, None)]


def test_a_reunification_is_dated_and_ends_the_childs_placement(client_for, coach, partnership):
    child = partnership.children.order_by("pk").first()
    home_on = date.today() - timedelta(days=3)
    response = client_for(coach).post(
        reverse("families:permanency_add", args=[child.pk]),
        {"kind": "reunified", "occurred_on": home_on.isoformat(), "note": "Home for Thanksgiving"},
    )
    assert response.status_code == 302
    event = child.permanency_events.get()
    assert event.kind == "reunified" and event.afcars_code == 1
    assert Placement.objects.get(child=child).ended_on == home_on


def test_a_coach_adds_a_child_and_sees_them_on_the_family_page(client_for, coach, partnership):
    client = client_for(coach)
    family = partnership.birth_family
    response = client.post(
        reverse("families:child_add", args=[family.pk]),
        {
            "first_name": "Luz",
            "last_name": "Test",
            "preferred_name": "",
            "birth_date": "2021-02-03",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Child added." in page and "Luz Test" in page


def test_a_birth_date_that_is_not_a_date_is_explained(client_for, coach, partnership):
    response = client_for(coach).post(
        reverse("families:child_add", args=[partnership.birth_family_id]),
        {"first_name": "Luz", "birth_date": "someday"},
    )
    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors
    assert 'value="Luz"' in response.content.decode()


def test_a_partner_homes_address_is_shown_to_its_coach_marked_private(
    client_for, coach, partnership
):
    page = (
        client_for(coach)
        .get(reverse("families:home_detail", args=[partnership.partner_home_id]))
        .content.decode()
    )
    assert partnership.partner_home.address in page
    assert "never shown to the birth family" in page


def test_a_phone_number_is_stored_in_e164(client_for, coach, birth_parent, partnership):
    person = birth_parent.person
    client_for(coach).post(
        reverse("families:person_edit", args=[person.pk]),
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "language": "es",
            "phone": "512.555.0117",
            "preferred_contact": "text",
        },
    )
    person.refresh_from_db()
    assert person.phone == "+15125550117"
