"""The HSDS API: every endpoint's answers validate against the standard's schemas, a
program reading page by page finds every public listing and nothing else, a page costs
the same number of queries whatever its size, and bad requests are answered in words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import api_views
from directory.models import Service, ServiceAtLocation, Status, TaxonomyTerm
from directory.needs import TAXONOMY_ID, term_id
from directory.tests.conftest import hsds_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(directory):
    """One listing the public search does not show: it closed for good."""
    closed = directory["Little Learners Childcare"]
    Service.objects.filter(pk=closed.pk).update(status=Status.DEFUNCT, assurer_email="x@y.org")
    return closed


def read_all(client, url, **params) -> list[dict]:
    """Every item of a list, following the pages as another program would."""
    items, page = [], 1
    while True:
        answer = client.get(url, {**params, "page": page}).json()
        items += answer["contents"]
        if answer["last_page"]:
            return items
        page += 1


def test_a_program_reading_page_by_page_finds_every_public_listing_and_no_other(
    client, directory, hidden, hsds_standard
):
    listed = read_all(client, reverse("hsds:services"), per_page=7)
    public = set(Service.objects.filter(status=Status.ACTIVE).values_list("pk", flat=True))
    assert {item["id"] for item in listed} == {str(pk) for pk in public}
    assert len(listed) == len(public) == 30 and str(hidden.pk) not in str(listed)
    answer = client.get(reverse("hsds:services"), {"per_page": 7, "page": 2}).json()
    assert (answer["page_number"], answer["total_pages"], answer["size"]) == (2, 5, 7)
    assert hsds_errors(hsds_standard("compiled/service_list.json", page_of=True), answer) == []


def test_every_list_and_record_validates_against_the_standard(client, directory, hsds_standard):
    sample = directory["Family Rapid Rehousing"]
    at = ServiceAtLocation.objects.filter(service=sample).first()
    lists = {
        "hsds:services": ("compiled/service_list.json", {}),
        "hsds:services?full": ("compiled/service.json", {"full": "true"}),
        "hsds:service_at_locations": ("compiled/service_at_location_list.json", {}),
        "hsds:service_at_locations?full": ("compiled/service_at_location.json", {"full": "1"}),
        "hsds:organizations": ("compiled/organization_list.json", {}),
        "hsds:organizations?full": ("compiled/organization.json", {"full": "true"}),
        "hsds:taxonomies": ("taxonomy.json", {}),
        "hsds:taxonomy_terms": ("taxonomy_term.json", {}),
    }
    for name, (schema, params) in lists.items():
        url = reverse(name.split("?")[0])
        for item_page in (1, 2):
            response = client.get(url, {**params, "per_page": 20, "page": item_page})
            if item_page == 2 and response.status_code == 404:
                continue  # a list shorter than one page
            assert response.status_code == 200, name
            page = response.json()
            assert page["contents"], name
            validator = hsds_standard(schema, page_of=True)
            assert hsds_errors(validator, page) == [], name
    records = {
        "compiled/service.json": reverse("hsds:service", args=[sample.pk]),
        "compiled/service_at_location.json": reverse("hsds:service_at_location", args=[at.pk]),
        "compiled/organization.json": reverse("hsds:organization", args=[sample.organization_id]),
        "taxonomy.json": reverse("hsds:taxonomy", args=[TAXONOMY_ID]),
        "taxonomy_term.json": reverse("hsds:taxonomy_term", args=[term_id("housing")]),
    }
    for schema, url in records.items():
        document = client.get(url).json()
        assert hsds_errors(hsds_standard(schema), document) == [], url
    full = client.get(records["compiled/organization.json"], {"full_service": "true"}).json()
    assert full["services"][0]["phones"]
    assert hsds_errors(hsds_standard("compiled/organization.json"), full) == []
    about = client.get(reverse("hsds:about")).json()
    assert about["version"] == "3.0"


def test_a_full_service_carries_its_parts_but_not_who_on_the_team_checked_it(client, directory):
    service = directory["Family Rapid Rehousing"]
    document = client.get(reverse("hsds:service", args=[service.pk])).json()
    assert document["organization"]["description"]
    assert document["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Austin"
    assert document["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"]
    assert "assurer_email" not in document and "assured_date" in document
    everything = client.get(reverse("hsds:services"), {"full": "true", "per_page": 100})
    assert b"assurer_email" not in everything.content and b"coach@example.org" not in (
        everything.content
    )


def test_a_closed_listing_is_not_found_through_the_api(client, hidden):
    response = client.get(reverse("hsds:service", args=[hidden.pk]))
    assert response.status_code == 404
    assert response.json()["message"] == "Not found: nothing has this address or id."


def test_a_page_costs_the_same_queries_whatever_its_size(client, directory):
    counts = {}
    for name, params in {
        "hsds:services": {"full": "true"},
        "hsds:services?list": {},
        "hsds:service_at_locations": {"full": "true"},
        "hsds:organizations": {"full": "true", "full_service": "true"},
        "hsds:taxonomy_terms": {},
    }.items():
        for size in (2, 30):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(name.split("?")[0]), {**params, "per_page": size})
            assert response.status_code == 200
            counts[(name, size)] = len(queries)
        assert counts[(name, 2)] == counts[(name, 30)], (name, counts)
    # A reading runs in no transaction and its throttle counts in the cache (decision
    # 0041): the list's own four queries are all.
    assert counts[("hsds:services?list", 30)] == 4  # count, ids, services, organizations
    assert counts[("hsds:services", 30)] <= 5 + 30


def test_the_filters_of_the_standard_narrow_the_list(client, directory):
    url = reverse("hsds:services")
    childcare = client.get(url, {"taxonomy_term_id": term_id("childcare")}).json()
    names = {item["name"] for item in childcare["contents"]}
    assert "Little Learners Childcare" in names and "Family Rapid Rehousing" not in names
    ours = client.get(url, {"taxonomy_id": TAXONOMY_ID, "per_page": 100}).json()
    assert ours["total_items"] == 31
    organization = directory["Family Rapid Rehousing"].organization_id
    by_organization = client.get(url, {"organization_id": organization}).json()
    assert {i["organization"]["id"] for i in by_organization["contents"]} == {str(organization)}
    found = client.get(url, {"search": "guarderia"}).json()
    assert [item["name"] for item in found["contents"]] == ["Little Learners Childcare"]
    needs = {"taxonomy_id": TAXONOMY_ID, "top_only": "true"}
    terms = client.get(reverse("hsds:taxonomy_terms"), needs).json()
    assert terms["total_items"] == TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID).count()


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"page": "abc"}, 400, "page: a whole number from 1 to 100000."),
        ({"per_page": "100000"}, 400, "per_page: a whole number from 1 to 100."),
        ({"page": "9"}, 404, "page: there are 2 pages of 25."),
        ({"full": "maybe"}, 400, "full: true or false."),
        (
            {"taxonomy_term_id": "housing"},
            400,
            "taxonomy_term_id: an id like 00000000-0000-0000-0000-000000000000.",
        ),
        ({"modified_after": "2026-01-01T00:00:00Z"}, 400, None),
    ],
)
def test_a_bad_parameter_is_answered_in_words(client, directory, params, status, message):
    response = client.get(reverse("hsds:services"), params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"] == (message or response.json()["message"])
    assert response.json()["message"]


def test_odd_words_in_a_search_never_make_a_500(client, directory):
    for name in ("hsds:services", "hsds:organizations", "hsds:taxonomies", "hsds:taxonomy_terms"):
        for words in ("\x00", "%", "_", "'; drop table", "é" * 100):
            assert client.get(reverse(name), {"search": words}).status_code == 200, name
        too_long = client.get(reverse(name), {"search": "a" * 100_000})
        assert too_long.status_code == 400
        assert too_long.json()["message"] == "search: at most 100 characters."


def test_an_unknown_or_malformed_id_is_a_404_in_words(client, directory):
    for url in (
        reverse("hsds:service", args=["00000000-0000-4000-8000-000000000000"]),
        reverse("hsds:organization", args=["not-an-id"]),
        reverse("hsds:taxonomy_term", args=["x"]),
    ):
        response = client.get(url)
        assert response.status_code == 404 and "nothing has this" in response.json()["message"]
        assert response["Access-Control-Allow-Origin"] == "*"


def test_the_api_only_reads_and_any_web_page_may_read_it(client, directory):
    response = client.post(reverse("hsds:services"))
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert client.get(reverse("hsds:about"))["Access-Control-Allow-Origin"] == "*"


def test_too_many_requests_from_one_address_are_refused_with_a_time_to_wait(
    client, db, monkeypatch
):
    monkeypatch.setattr(api_views, "REQUESTS_PER_HOUR", 2)
    assert client.get(reverse("hsds:about")).status_code == 200
    assert client.get(reverse("hsds:about")).status_code == 200
    refused = client.get(reverse("hsds:about"))
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "Too many requests" in refused.json()["message"]
