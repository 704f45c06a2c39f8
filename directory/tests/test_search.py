"""Searching the directory the way a parent does on a phone and a coach does in a call."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from directory.forms import SearchForm
from directory.models import Service
from directory.search import Criteria, place_of, services_matching

pytestmark = pytest.mark.django_db
AUSTIN = ZoneInfo("America/Chicago")


def names(criteria, now=None):
    now = now or datetime(2026, 11, 23, 10, tzinfo=AUSTIN)
    return [service.name for service in services_matching(criteria, now=now)]


def test_a_parent_finds_spanish_speaking_childcare_nearest_first(client, directory):
    page = client.get(
        reverse("directory:search"), {"need": "childcare", "language": "es", "near": "78702"}
    ).content.decode()
    first, second = page.index("Little Learners Childcare"), page.index("Casa de los Niños")
    assert first < second
    assert "mi away" in page and "Bright Start" not in page  # English only


def test_words_match_the_start_of_words_with_or_without_accents(directory):
    assert "Little Learners Childcare" in names(Criteria(words="guarderia"))
    assert "Little Learners Childcare" in names(Criteria(words="Guardería"))
    assert "Little Learners Childcare" in names(Criteria(words="child"))
    # A need's Spanish name finds its services too.
    assert "Saturday Food Pantry" in names(Criteria(words="alimentos"))
    assert names(Criteria(words="zzzz")) == []


def test_open_now_follows_the_program_s_clock(directory):
    saturday_morning = datetime(2026, 11, 28, 10, 30, tzinfo=AUSTIN)
    saturday_noon = datetime(2026, 11, 28, 12, 30, tzinfo=AUSTIN)
    assert "Saturday Food Pantry" in names(Criteria(open="now"), saturday_morning)
    assert "Saturday Food Pantry" not in names(Criteria(open="now"), saturday_noon)
    assert "Saturday Food Pantry" in names(Criteria(open="SA"), saturday_noon)
    assert "Saturday Food Pantry" not in names(Criteria(open="MO"), saturday_noon)


def test_free_only_leaves_out_services_that_charge(directory):
    free = names(Criteria(free=True))
    assert "Saturday Food Pantry" in free
    assert "Casa de los Niños Drop-in Care" not in free


def test_distance_keeps_to_the_radius_and_a_place_is_a_zip_or_a_town(directory):
    near_downtown = names(Criteria(place=place_of("78701"), miles=2))
    assert "Family Emergency Shelter" in near_downtown
    assert "Mobile Food Market" not in near_downtown  # far south
    assert place_of("Austin, TX") is not None
    assert place_of("00000") is None and place_of("Atlantis") is None


def test_an_unknown_place_is_refused_in_words_and_the_search_is_kept(client, directory):
    page = client.get(reverse("directory:search"), {"q": "rent", "near": "Atlantis"})
    text = page.content.decode()
    assert "We do not know this place" in text and 'value="rent"' in text


def test_the_public_page_names_no_one_but_the_team_sees_who_checked(
    client, client_for, coach, directory
):
    url = Service.objects.get(name="Family Rapid Rehousing").get_absolute_url()
    public = client.get(url).content.decode()
    assert "Last checked with the service" in public and "coach@example.org" not in public
    assert "Refer someone" not in public
    staff = client_for(coach).get(url).content.decode()
    assert "coach@example.org" in staff


def test_the_search_page_runs_the_same_queries_for_a_few_results_or_a_full_page(client, directory):
    """A search counts what it finds in the query of its page's keys; the directory
    unsearched counts apart, in one query more (directory.search.search_page)."""

    def queries_and_cards(search):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("directory:search"), search)
        assert response.status_code == 200
        return len(queries), response.content.decode().count('class="card result"')

    few, full = queries_and_cards({"q": "pantry"}), queries_and_cards({"near": "78702"})
    assert few[1] < 20 and full[1] == 20 and few[0] == full[0]
    full, few = queries_and_cards({}), queries_and_cards({"page": "2"})
    assert few[1] < 20 and full[1] == 20 and few[0] == full[0]


def test_a_search_counts_and_turns_pages_as_the_paginator_does(client, directory):
    """The count comes with the page's keys (directory.search.search_page); past the last
    page, before the first or with no number, the paginator's own choice of page."""
    now = datetime(2026, 11, 23, 10, tzinfo=AUSTIN)
    for search, criteria in (
        ({"near": "78702"}, Criteria(place=place_of("78702"), miles=10)),
        ({"q": "pantry"}, Criteria(words="pantry")),
        ({"q": "zzzz"}, Criteria(words="zzzz")),
        ({}, Criteria()),
    ):
        expected = [service.name for service in services_matching(criteria, now=now)]
        last = max(1, -(-len(expected) // 20))
        for number, shown in (
            (None, 1),
            ("1", 1),
            ("2", min(2, last)),
            ("99", last),
            ("0", last),
            ("-1", last),
            ("x", 1),
        ):
            asked = search if number is None else {**search, "page": number}
            with time_machine.travel(now, tick=False):
                page = client.get(reverse("directory:search"), asked).content.decode()
            found = [unescape(name) for name in re.findall(r"<h3><a [^>]*>([^<]*)</a></h3>", page)]
            assert found == expected[(shown - 1) * 20 : shown * 20], (asked, shown)
            if search:
                assert f"{len(expected)} service" in page, asked
            if last > 1:
                assert f"Page {shown} of {last}" in page, asked


@time_machine.travel(datetime(2026, 11, 23, 15, tzinfo=AUSTIN), tick=False)
def test_the_team_adds_a_listing_that_families_then_find(client, client_for, coach, directory):
    response = client_for(coach).post(
        reverse("directory:service_new"),
        {
            "new_organization": "Northside Diaper Bank",
            "new_organization_description": "A diaper bank for families in north Austin.",
            "name": "Diaper Pantry",
            "description": "Fifty diapers a week per child.",
            "status": "active",
            "needs": ["food", "parenting"],
            "languages": ["en", "es"],
            "phone": "+1 512 555 0199",
            "address_1": "8601 N Lamar Boulevard",
            "city": "Austin",
            "state_province": "TX",
            "postal_code": "78753",
            "days": ["TU", "MO"],
            "opens_at": "09:00",
            "closes_at": "12:00",
        },
        follow=True,
    )
    assert "Listing saved." in response.content.decode()
    service = Service.objects.get(name="Diaper Pantry")
    assert service.schedules.get().byday == "MO,TU"
    assert "Diaper Pantry" in names(
        Criteria(words="diaper", language="es", place=place_of("78758"), miles=5, open="MO")
    )
    client_for(coach).post(reverse("directory:verify", args=[service.pk]))
    service.refresh_from_db()
    assert str(service.assured_date) == "2026-11-23" and service.assurer_email == coach.email


def test_a_listing_without_its_organization_or_hours_is_refused_and_kept(client_for, coach, db):
    response = client_for(coach).post(
        reverse("directory:service_new"),
        {
            "name": "Rent help",
            "description": "One month.",
            "status": "active",
            "needs": ["housing"],
            "days": ["MO"],
        },
    )
    text = response.content.decode()
    assert "Choose the organization, or type a new one." in text
    assert "Say when it opens and closes on those days." in text
    assert 'value="Rent help"' in text and not Service.objects.exists()


def test_free_means_the_same_on_the_card_and_in_the_filter(client_for, coach, directory):
    organization = Service.objects.first().organization_id
    client_for(coach).post(
        reverse("directory:service_new"),
        {
            "organization": organization,
            "name": "Zeta Counseling",
            "description": "Hour-long sessions.",
            "status": "active",
            "needs": ["counseling"],
            "fees_description": "$80 per session",
        },
    )
    assert names(Criteria(words="zeta", free=True)) == []
    assert names(Criteria(words="zeta")) == ["Zeta Counseling"]
    card = client_for(coach).get(reverse("directory:search"), {"q": "zeta"}).content.decode()
    assert "$80" not in card and ">Free<" not in card


def test_the_team_renames_an_organization_and_its_listings_are_found_by_the_new_name(
    client_for, coach, directory
):
    service = Service.objects.get(name="Family Rapid Rehousing")
    url = reverse("directory:organization_edit", args=[service.organization_id])
    response = client_for(coach).post(
        url,
        {"name": "Homeward Housing Partners", "description": "Housing for families."},
        follow=True,
    )
    assert "Organization saved." in response.content.decode()
    assert "Family Rapid Rehousing" in names(Criteria(words="homeward"))


@time_machine.travel(datetime(2026, 11, 23, 10, tzinfo=AUSTIN), tick=False)
def test_a_result_is_a_short_card_with_its_needs_distance_open_now_and_one_line_about_it(
    client, directory
):
    page = client.get(
        reverse("directory:search"), {"need": "childcare", "near": "78702"}
    ).content.decode()
    card = page.split('class="card result"')[1].split("</li>")[0]
    assert "Little Learners Childcare" in card and "Eastside Little Learners" in card
    assert "mi away" in card and "Open now" in card and ">Childcare</span>" in card
    about = card.split('<p class="one-line">')[1].split("</p>")[0]
    assert about.startswith("Full-day care from 6 weeks") and about.endswith("…")
    assert len(about) <= 140
    # The address, the week's hours and the phone are on the listing's page; the languages
    # spoken share the line of who runs it and how far.
    assert "E 7th Street" not in card and "tel:" not in card
    assert "Speaks English, Spanish</p>" in card
    assert card.count("<p") <= 4


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    "data", [None, {"need": "childcare", "language": "es", "miles": "5"}, {"open": "XX"}]
)
def test_the_search_form_s_lists_are_django_s_own_html(language, data):
    """The search form writes its lists' choices in one template (directory.forms._Select),
    for speed: the HTML is Django's list's, chosen, unchosen or refused."""
    form = SearchForm(data)
    form.is_valid()
    with translation.override(language):
        for name in ("need", "language", "open", "miles"):
            ours = str(form[name])
            form.fields[name].widget.template_name = forms.Select.template_name
            assert str(form[name]) == ours, name
