from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Action, AuditEntry
from families.models import BirthFamily, Person
from partnerships.models import Coverage, Partnership, Stage
from partnerships.selectors import partnerships_visible_to
from partnerships.services import partnership_stage_change


def test_a_coach_records_a_referral_without_retyping_anything_later(client_for, coach):
    response = client_for(coach).post(
        reverse("partnerships:new"),
        {
            "family_name": "Delgado family",
            "first_name": "Rosa",
            "last_name": "Delgado",
            "language": "es",
            "phone": "(512) 555-0199",
            "email": "",
            "coach": coach.pk,
            "referred_on": "2026-11-20",
        },
    )
    partnership = Partnership.objects.select_related("birth_family").get()
    assert response["Location"] == reverse("partnerships:detail", args=[partnership.pk])
    assert partnership.stage == Stage.REFERRED and partnership.stage_since == date(2026, 11, 20)
    rosa = Person.objects.get(first_name="Rosa")
    assert rosa.phone == "+15125550199"
    assert list(partnership.birth_family.parents.all()) == [rosa]


def test_a_bad_phone_number_is_explained_beside_the_field_and_nothing_typed_is_lost(
    client_for, coach
):
    response = client_for(coach).post(
        reverse("partnerships:new"),
        {
            "family_name": "Delgado family",
            "first_name": "Rosa",
            "language": "es",
            "phone": "555",
            "coach": coach.pk,
            "referred_on": "2026-11-20",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a phone number we can call" in page
    assert 'value="Delgado family"' in page and 'value="Rosa"' in page
    assert not BirthFamily.objects.exists()


def test_every_stage_change_is_dated_and_kept(coach, partnership):
    start = partnership.stage_since
    partnership_stage_change(
        actor=coach,
        partnership=partnership,
        stage=Stage.TRANSITION_HOME,
        changed_on=start + timedelta(days=3),
    )
    partnership_stage_change(
        actor=coach,
        partnership=partnership,
        stage=Stage.POST_REUNIFICATION,
        changed_on=start + timedelta(days=9),
    )
    history = list(
        partnership.stage_changes.order_by("changed_on").values_list("stage", "changed_on")
    )
    assert history == [
        (Stage.ACTIVE, start),
        (Stage.TRANSITION_HOME, start + timedelta(days=3)),
        (Stage.POST_REUNIFICATION, start + timedelta(days=9)),
    ]
    partnership.refresh_from_db()
    assert partnership.stage == Stage.POST_REUNIFICATION


def test_a_referral_cannot_move_on_until_a_partner_home_is_matched(client_for, coach):
    client = client_for(coach)
    client.post(
        reverse("partnerships:new"),
        {
            "family_name": "Delgado family",
            "first_name": "Rosa",
            "language": "es",
            "coach": coach.pk,
            "referred_on": "2026-11-20",
        },
    )
    partnership = Partnership.objects.get()
    response = client.post(
        reverse("partnerships:stage_change", args=[partnership.pk]),
        {"stage": Stage.INTRODUCED, "changed_on": "2026-11-21"},
    )
    assert response.status_code == 400
    assert "Match a partner home" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.stage == Stage.REFERRED


def test_a_refused_stage_change_shown_again_is_audited_as_a_view(client_for, coach, partnership):
    client_for(coach).post(
        reverse("partnerships:stage_change", args=[partnership.pk]),
        {"stage": partnership.stage, "changed_on": "2026-11-21"},
    )
    assert AuditEntry.objects.filter(
        action=Action.VIEWED, record_type="partnerships.partnership", record_id=str(partnership.pk)
    ).exists()


def test_the_partner_parents_page_title_does_not_name_the_birth_family(
    client_for, partner_parent, partnership
):
    page = (
        client_for(partner_parent)
        .get(reverse("partnerships:detail", args=[partnership.pk]))
        .content.decode()
    )
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert partnership.birth_family.name not in title and "Our partnership" in title


def test_an_overlong_referral_email_is_explained_not_a_server_error(client_for, coach):
    response = client_for(coach).post(
        reverse("partnerships:new"),
        {
            "family_name": "Delgado family",
            "first_name": "Rosa",
            "language": "es",
            "email": "r" * 250 + "@example.test",
            "coach": coach.pk,
            "referred_on": "2026-11-20",
        },
    )
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_a_stage_cannot_be_dated_before_the_current_one_began(coach, partnership):
    with pytest.raises(ValidationError):
        partnership_stage_change(
            actor=coach,
            partnership=partnership,
            stage=Stage.CLOSED,
            changed_on=partnership.stage_since - timedelta(days=1),
        )


def test_a_covering_coach_sees_the_partnerships_of_the_coach_who_is_away(
    coach, other_coach, partnership, other_partnership
):
    assert set(partnerships_visible_to(coach)) == {partnership}
    today = date.today()
    Coverage.objects.create(
        coach=other_coach, covering_coach=coach, starts_on=today, ends_on=today + timedelta(days=7)
    )
    del coach.roles
    assert set(partnerships_visible_to(coach)) == {partnership, other_partnership}
    Coverage.objects.update(ends_on=today - timedelta(days=1), starts_on=today - timedelta(days=5))
    assert set(partnerships_visible_to(coach)) == {partnership}


def test_coverage_cannot_be_arranged_for_oneself(client_for, coach):
    response = client_for(coach).post(
        reverse("partnerships:coverage"),
        {
            "coach": coach.pk,
            "covering_coach": coach.pk,
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-05",
        },
    )
    assert "cannot cover for themselves" in response.content.decode()
    assert not Coverage.objects.exists()


def test_a_coach_matches_a_home_and_children_to_a_partnership(client_for, coach, partnership):
    children = list(partnership.children.order_by("pk"))
    response = client_for(coach).post(
        reverse("partnerships:edit", args=[partnership.pk]),
        {
            "partner_home": partnership.partner_home_id,
            "children": [children[0].pk],
            "coach": coach.pk,
        },
    )
    assert response.status_code == 302
    assert list(partnership.children.all()) == [children[0]]


def test_the_parent_page_shows_the_other_homes_first_name_and_never_its_address_or_phone(
    client_for, birth_parent, partner_parent, partnership
):
    partner_person = partner_parent.person
    partner_person.phone = "+15125550188"
    partner_person.save()
    page = client_for(birth_parent).get(reverse("home:home")).content.decode()
    assert partner_person.first_name in page
    assert partner_person.last_name not in page
    assert partnership.partner_home.address not in page
    assert "555-0188" not in page and "+15125550188" not in page
    for child in partnership.children.all():
        assert child.called in page


def test_the_partner_parent_sees_the_birth_parents_first_name(
    client_for, birth_parent, partner_parent, partnership
):
    page = client_for(partner_parent).get(reverse("home:home")).content.decode()
    assert f"You are partnering with {birth_parent.person.first_name}." in page


def test_the_coach_home_page_shows_the_caseload_by_stage_and_what_needs_attention(
    client_for, coach, birth_parent
):
    from home.testing import partnership_for

    partnership_for(coach=coach, stage=Stage.REFERRED, since=date.today() - timedelta(days=10))
    response = client_for(coach).get(reverse("home:home"))
    page = response.content.decode()
    attention = response.context["attention"]
    assert len(attention["waiting_for_introduction"]) == 1
    assert "waiting for an introduction" in page
    counts = {stage: n for stage, _label, n in response.context["caseload_counts"]}
    assert counts[Stage.REFERRED] == 1


def test_an_htmx_stage_filter_gets_only_the_filters_and_rows(client_for, coach, partnership):
    response = client_for(coach).get(
        reverse("partnerships:list"), {"stage": Stage.ACTIVE}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.startswith('<div id="partnership-page">') and "<html" not in page
    assert partnership.birth_family.name in page


def test_a_coach_cannot_arrange_coverage_that_opens_another_coachs_caseload_to_them(
    client_for, coach, other_coach, other_partnership
):
    response = client_for(coach).post(
        reverse("partnerships:coverage"),
        {
            "coach": other_coach.pk,
            "covering_coach": coach.pk,
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-05",
        },
    )
    assert "only for your own time away" in response.content.decode()
    assert not Coverage.objects.exists()


def test_a_coach_arranges_cover_for_their_own_time_away(client_for, coach, other_coach):
    response = client_for(coach).post(
        reverse("partnerships:coverage"),
        {
            "coach": coach.pk,
            "covering_coach": other_coach.pk,
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-05",
        },
        follow=True,
    )
    assert "Coverage saved." in response.content.decode()
    assert Coverage.objects.get().covering_coach_id == other_coach.pk


def test_a_stage_dated_in_the_future_is_refused_in_words_not_a_server_error(
    client_for, coach, partnership
):
    response = client_for(coach).post(
        reverse("partnerships:stage_change", args=[partnership.pk]),
        {"stage": "post_reunification", "changed_on": "9999-06-01"},
    )
    assert response.status_code == 400
    assert "This has happened already: choose today or an earlier date." in (
        response.content.decode()
    )
    partnership.refresh_from_db()
    assert partnership.stage != "post_reunification"


def _section_places(page: str) -> list[int]:
    headings = ["birth-family-heading", "dates-heading", "children-heading", "stage-heading"]
    return [page.index(f'id="{heading}"') for heading in headings]


def test_the_partnership_page_shows_the_sections_apps_register_in_their_order(
    client_for, coach, partnership
):
    client = client_for(coach)
    page = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert _section_places(page) == sorted(_section_places(page))
    # A refused stage change shows the same page again, composed the same way.
    refused = client.post(
        reverse("partnerships:stage_change", args=[partnership.pk]),
        {"stage": partnership.stage, "changed_on": partnership.stage_since},
    )
    shown_again = refused.content.decode()
    assert refused.status_code == 400 and "already in this stage" in shown_again
    assert _section_places(shown_again) == sorted(_section_places(shown_again))


def test_the_stage_form_starts_with_no_stage_chosen_and_apart_from_routine_buttons(
    client_for, coach, partnership
):
    response = client_for(coach).get(reverse("partnerships:detail", args=[partnership.pk]))
    assert response.context["stage_form"]["stage"].value() in (None, "")
    page = response.content.decode()
    stage_section = page.split('id="stage-heading"')[1].split("</section>")[0]
    assert '<option value="" selected>Choose…</option>' in stage_section
    assert '<button type="submit" class="warning">Change stage</button>' in stage_section


def test_a_stage_change_without_a_stage_changes_nothing(client_for, coach, partnership):
    before = partnership.stage
    response = client_for(coach).post(
        reverse("partnerships:stage_change", args=[partnership.pk]),
        {"stage": "", "changed_on": date.today().isoformat()},
    )
    assert response.status_code == 400
    partnership.refresh_from_db()
    assert partnership.stage == before


@pytest.mark.parametrize("viewer", ["birth_parent", "partner_parent", "coach", "director"])
def test_the_partnership_page_has_one_heading_and_no_link_to_itself(
    request, client_for, partnership, viewer
):
    page = reverse("partnerships:detail", args=[partnership.pk])
    html = client_for(request.getfixturevalue(viewer)).get(page).content.decode()
    assert html.count("<h1") == 1
    assert f'href="{page}"' not in html
