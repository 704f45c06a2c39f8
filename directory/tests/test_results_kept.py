"""The directory's results are the same for everyone who asks the same, so they are kept
once for all a minute (decision 0048), and written afresh when the team changes a listing."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in_client
from directory.models import Service

pytestmark = pytest.mark.django_db

SEARCH = {"q": "counseling"}


@pytest.fixture(autouse=True)
def kept(settings):
    """Production's minute: the suite writes every page afresh (test_settings)."""
    settings.BADGE_SECONDS = 60


def results_for(client) -> str:
    page = client.get(reverse("directory:search"), SEARCH)
    assert page.status_code == 200
    return page.content.decode()


def test_one_visitors_results_are_kept_for_the_next_visitor_and_a_signed_in_parent(
    client, birth_parent, directory
):
    renamed = Service.objects.filter(name__icontains="counsel").first()
    assert renamed.name in results_for(client)
    # Renamed straight in the table: nothing announced it, so the kept results stand.
    Service.objects.filter(pk=renamed.pk).update(name="Renamed quietly")
    next_visitor = results_for(Client())
    assert renamed.name in next_visitor and "Renamed quietly" not in next_visitor
    parent = results_for(sign_in_client(Client(), birth_parent))
    assert "Renamed quietly" not in parent and renamed.name in parent


def test_a_listing_the_team_adds_shows_to_every_visitor_at_once(
    client, client_for, coach, directory
):
    assert "Zeta Counseling" not in results_for(client)
    organization = Service.objects.first().organization_id
    saved = client_for(coach).post(
        reverse("directory:service_new"),
        {
            "organization": organization,
            "name": "Zeta Counseling",
            "description": "Hour-long sessions.",
            "status": "active",
            "needs": ["counseling"],
        },
    )
    assert saved.status_code == 302
    assert "Zeta Counseling" in results_for(Client())
