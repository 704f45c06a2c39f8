from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from agreements.models import (
    Acknowledgment,
    AgreementVersion,
    Consent,
    CourtRestriction,
    Purpose,
    RestrictionKind,
)
from agreements.selectors import sharing_for
from agreements.services import restriction_add
from audit.models import Action, AuditEntry
from home.demo import DEMO_PASSWORD
from home.testing import agreement_for, person_with_account
from home.tests.test_access import url_cases

pytestmark = pytest.mark.django_db


def home_page(client_for, user) -> str:
    return client_for(user).get(reverse("home:home")).content.decode()


def with_phones(partnership, birth_parent, partner_parent):
    for user, phone in ((birth_parent, "+15125550117"), (partner_parent, "+15125550188")):
        user.person.phone = phone
        user.person.save()


def test_nothing_is_shared_until_every_parent_has_acknowledged_the_agreement(
    client_for, coach, birth_parent, partner_parent, partnership
):
    with_phones(partnership, birth_parent, partner_parent)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[partner_parent],
        consent=[partner_parent],
        partner={"share_phone": True},
    )
    assert "555-0188" not in home_page(client_for, birth_parent)
    version = AgreementVersion.objects.get()
    Acknowledgment.objects.create(version=version, user=birth_parent)
    assert "(512) 555-0188" in home_page(client_for, birth_parent)


def test_an_unshared_phone_number_never_appears_in_any_page_the_other_home_can_open(demo):
    """The demo's agreement shares Ana's phone but not Jenna's: walk every URL as Ana."""
    ana = Client()
    assert ana.login(username="birth.parent@example.org", password=DEMO_PASSWORD)
    jenna = Client()
    assert jenna.login(username="partner.parent@example.org", password=DEMO_PASSWORD)
    pages = 0
    for view_name, url, _record in url_cases():
        response = ana.get(url, follow=True)
        if response.streaming:
            continue  # a photo: its bytes hold no text (see the journal's metadata tests)
        body = response.content.decode()
        for hidden in ("555-0188", "5550188", "1418 Pecan"):
            assert hidden not in body, f"{hidden} on {url} ({view_name})"
        pages += response.status_code == 200
    assert pages > 20
    # The control: what is shared does reach the other home.
    assert "(512) 555-0117" in jenna.get(reverse("home:home")).content.decode()


def test_the_partner_homes_address_reaches_the_birth_family_only_when_explicitly_chosen(
    client_for, coach, birth_parent, partner_parent, partnership
):
    address = partnership.partner_home.address
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        consent=[partner_parent],
        partner={"share_phone": True},
    )
    assert address not in home_page(client_for, birth_parent)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        partner={"share_address": True},
    )
    assert address in home_page(client_for, birth_parent)


def test_a_no_contact_order_hides_each_side_from_the_other_until_it_ends(
    client_for, coach, birth_parent, partner_parent, agreed
):
    order = restriction_add(
        actor=coach,
        partnership=agreed,
        kind=RestrictionKind.NO_CONTACT,
        starts_on=timezone.localdate(),
    )
    birth_name, partner_name = birth_parent.person.first_name, partner_parent.person.first_name
    birth_home = home_page(client_for, birth_parent)
    partner_home = home_page(client_for, partner_parent)
    assert partner_name not in birth_home and birth_name not in partner_home
    assert "No contact between the homes" in birth_home
    order.ends_on = timezone.localdate() - timedelta(days=1)
    order.starts_on = order.ends_on
    order.save()
    assert partner_name in home_page(client_for, birth_parent)


def test_a_no_contact_order_on_one_person_hides_only_that_person(
    client_for, coach, birth_parent, partner_parent, agreed
):
    other_mother = agreed.birth_family.parents.create(first_name="Zoraida")
    restriction_add(
        actor=coach,
        partnership=agreed,
        kind=RestrictionKind.PROTECTIVE_ORDER,
        starts_on=timezone.localdate(),
        person=other_mother,
    )
    sharing = sharing_for(agreed)
    assert not sharing.sees_person(partner_parent, other_mother)
    assert sharing.sees_person(partner_parent, birth_parent.person)


def test_a_supervised_only_order_is_shown_wherever_contact_is_arranged(
    client_for, coach, birth_parent, partner_parent, agreed
):
    restriction_add(
        actor=coach,
        partnership=agreed,
        kind=RestrictionKind.SUPERVISED,
        starts_on=timezone.localdate() - timedelta(days=3),
    )
    child = agreed.children.first()
    for user, url in (
        (birth_parent, reverse("home:home")),
        (partner_parent, reverse("partnerships:detail", args=[agreed.pk])),
        (coach, reverse("partnerships:detail", args=[agreed.pk])),
        (birth_parent, reverse("agreements:agreement", args=[agreed.pk])),
        (partner_parent, reverse("aboutme:profile", args=[child.pk])),
    ):
        assert "Supervised contact only" in client_for(user).get(url).content.decode(), url


def test_taking_back_consent_hides_a_parents_contact_at_once(
    client_for, coach, birth_parent, partner_parent, partnership
):
    with_phones(partnership, birth_parent, partner_parent)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        consent=[birth_parent],
        birth={"share_phone": True},
    )
    assert "(512) 555-0117" in home_page(client_for, partner_parent)
    response = client_for(birth_parent).post(
        reverse("agreements:consent", args=[partnership.pk]),
        {"purpose": Purpose.OTHER_HOME, "given": "no"},
        follow=True,
    )
    assert "Your consent is taken back" in response.content.decode()
    assert not Consent.objects.get(person=birth_parent.person).given
    assert "555-0117" not in home_page(client_for, partner_parent)
    assert AuditEntry.objects.filter(
        record_type="agreements.consent", action=Action.CHANGED, actor=birth_parent
    ).exists()


def test_a_new_version_that_shares_less_holds_at_once_and_one_that_shares_more_waits(
    coach, birth_parent, partner_parent, partnership
):
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        birth={"share_phone": True},
    )
    assert sharing_for(partnership).terms["birth"].shares("phone")
    agreement_for(partnership, by=coach, birth={"share_phone": False, "share_email": True})
    sharing = sharing_for(partnership)
    assert not sharing.terms["birth"].shares("phone")  # less: at once
    assert not sharing.terms["birth"].shares("email")  # more: waits
    assert sharing.current.number == 2 and sharing.acknowledged.number == 1


def test_the_coach_drafts_a_version_and_each_parent_acknowledges_it_in_the_app(
    client_for, coach, birth_parent, partner_parent, partnership
):
    response = client_for(coach).post(
        reverse("agreements:draft", args=[partnership.pk]),
        {
            "birth-share_phone": "on",
            "birth-share_school": "on",
            "partner-share_school": "on",
            "partner-quiet_from": "21:00",
            "partner-quiet_until": "07:00",
        },
        follow=True,
    )
    assert "Version 1 saved" in response.content.decode()
    version = AgreementVersion.objects.get()
    assert {t.side: t.share_phone for t in version.terms.all()} == {
        "birth": True,
        "partner": False,
    }
    page = client_for(birth_parent).get(reverse("agreements:agreement", args=[partnership.pk]))
    assert "I have read this agreement and I agree" in page.content.decode()
    for parent in (birth_parent, partner_parent):
        client_for(parent).post(reverse("agreements:acknowledge", args=[partnership.pk]))
    assert Acknowledgment.objects.filter(version=version).count() == 2
    assert sharing_for(partnership).acknowledged == version


def test_quiet_hours_need_both_ends(client_for, coach, partnership):
    response = client_for(coach).post(
        reverse("agreements:draft", args=[partnership.pk]), {"partner-quiet_from": "21:00"}
    )
    assert "Give both ends of the quiet hours" in response.content.decode()
    assert not AgreementVersion.objects.exists()


def test_a_parent_cannot_draft_the_agreement_or_record_an_order(
    client_for, birth_parent, partnership
):
    client = client_for(birth_parent)
    assert client.post(reverse("agreements:draft", args=[partnership.pk])).status_code == 404
    url = reverse("agreements:restriction_add", args=[partnership.pk])
    assert client.post(url, {"kind": "no_contact"}).status_code == 404
    assert not CourtRestriction.objects.exists()


def test_a_coach_records_a_court_order_and_later_its_end(client_for, coach, partnership):
    client = client_for(coach)
    client.post(
        reverse("agreements:restriction_add", args=[partnership.pk]),
        {"kind": "supervised", "starts_on": "2026-11-01"},
    )
    order = CourtRestriction.objects.get()
    assert order.person is None and order.ends_on is None
    bad = client.post(
        reverse("agreements:restriction_end", args=[partnership.pk]),
        {"restriction": order.pk, "ends_on": "2026-10-01"},
    )
    assert bad.status_code == 400 and "on or after the start date" in bad.content.decode()
    client.post(
        reverse("agreements:restriction_end", args=[partnership.pk]),
        {"restriction": order.pk, "ends_on": "2026-11-20"},
    )
    order.refresh_from_db()
    assert str(order.ends_on) == "2026-11-20"
    assert AuditEntry.objects.filter(record_type="agreements.courtrestriction").count() == 2


def test_an_order_on_one_foster_parent_keeps_the_homes_address_from_the_birth_family(
    client_for, coach, birth_parent, partner_parent, partnership
):
    second = person_with_account(Role.PARTNER_PARENT, first_name="Pat")
    partnership.partner_home.parents.add(second.person)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent, second],
        consent=[partner_parent, second],
        partner={"share_address": True},
    )
    address = partnership.partner_home.address
    assert address in home_page(client_for, birth_parent)
    restriction_add(
        actor=coach,
        partnership=partnership,
        kind=RestrictionKind.PROTECTIVE_ORDER,
        starts_on=timezone.localdate(),
        person=partner_parent.person,
    )
    page = home_page(client_for, birth_parent)
    assert address not in page and partner_parent.person.first_name not in page
    assert "Pat" in page


def test_a_closed_partnership_shows_parents_no_contact_details(
    client_for, coach, birth_parent, partner_parent, partnership
):
    with_phones(partnership, birth_parent, partner_parent)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        consent=[partner_parent],
        partner={"share_phone": True},
    )
    url = reverse("partnerships:detail", args=[partnership.pk])
    assert "555-0188" in client_for(birth_parent).get(url).content.decode()
    partnership.stage = "closed"
    partnership.save()
    assert "555-0188" not in client_for(birth_parent).get(url).content.decode()
