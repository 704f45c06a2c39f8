"""HSDS requires a description of every organization and taxonomy term: the team's forms
ask for one, the program's needs have theirs, and the manage page lists the
organizations an import brought without one."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.forms import OrganizationForm
from directory.hsds.values import PLACEHOLDER
from directory.models import Organization, TaxonomyTerm
from directory.needs import NEEDS, TAXONOMY_ID

pytestmark = pytest.mark.django_db


def test_an_organization_without_a_description_is_refused_in_words_in_english_and_spanish():
    for language, words in (
        ("en", "Say in a sentence or two what the organization does"),
        ("es", "Diga en una o dos frases qué hace la organización"),
    ):
        with translation.override(language):
            for description in ("", "   ", PLACEHOLDER):
                form = OrganizationForm({"name": "Quiet Org", "description": description})
                assert not form.is_valid()
                assert form.errors["description"][0].startswith(words), (language, description)


def test_the_team_cannot_save_an_organization_without_its_description(client_for, coach, directory):
    organization = Organization.objects.get(services__name="Family Rapid Rehousing")
    response = client_for(coach).post(
        reverse("directory:organization_edit", args=[organization.pk]),
        {"name": organization.name, "description": ""},
    )
    assert response.status_code == 200
    assert "what the organization does" in response.content.decode()
    organization.refresh_from_db()
    assert organization.description


def test_a_new_organization_typed_on_a_listing_needs_its_description_too(
    client_for, coach, directory
):
    response = client_for(coach).post(
        reverse("directory:service_new"),
        {
            "new_organization": "Northside Diaper Bank",
            "name": "Diaper Pantry",
            "description": "Fifty diapers a week per child.",
            "status": "active",
            "needs": ["food"],
        },
    )
    assert "what the organization does" in response.content.decode()
    assert not Organization.objects.filter(name="Northside Diaper Bank").exists()


def test_the_manage_page_lists_organizations_missing_a_description(client_for, coach, directory):
    Organization.objects.create(name="Imported Without Words")
    Organization.objects.create(name="Imported With A Placeholder", description=PLACEHOLDER)
    page = client_for(coach).get(reverse("directory:manage")).content.decode()
    section = page.split("Organizations missing a description")[1].split("</section>")[0]
    assert "Imported Without Words" in section and "Imported With A Placeholder" in section
    assert "Eastside Little Learners" not in section


def test_every_need_of_the_program_is_described(directory):
    terms = TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID)
    assert terms.count() == len(NEEDS)
    assert not terms.filter(description="").exists()
