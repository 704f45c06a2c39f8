"""A partnership's agreement records are kept a minute for the pages about it (decision
0048), and every change through the agreement's services makes them stale at once: a
court order holds from the moment it is recorded."""

from datetime import date

import pytest

from agreements.models import Consent
from agreements.selectors import sharing_for
from agreements.services import consent_set, restriction_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings):
    settings.BADGE_SECONDS = 60


def test_the_records_are_reused_when_nothing_went_through_the_agreements_services(
    agreed, partner_parent
):
    photos = (partner_parent.person.pk, "photos")
    assert photos not in sharing_for(agreed).consents
    Consent.objects.create(
        partnership=agreed, person=partner_parent.person, purpose="photos", given=True
    )
    assert photos not in sharing_for(agreed).consents  # written behind the services' back


def test_a_court_order_holds_on_the_next_reading(agreed, coach):
    assert not sharing_for(agreed).restrictions
    restriction_add(actor=coach, partnership=agreed, kind="no_contact", starts_on=date.today())
    assert [r.kind for r in sharing_for(agreed).restrictions] == ["no_contact"]


def test_a_consent_given_counts_on_the_next_reading(agreed, partner_parent):
    person = partner_parent.person
    assert (person.pk, "photos") not in sharing_for(agreed).consents
    consent_set(
        actor=partner_parent, partnership=agreed, person=person, purpose="photos", given=True
    )
    assert sharing_for(agreed).consents[(person.pk, "photos")] is True
