"""Nothing a signed-in person sees is kept in the browser's cache (a shared computer)."""

from django.urls import reverse


def test_every_page_a_signed_in_person_opens_says_no_store(client_for, birth_parent, partnership):
    client = client_for(birth_parent)
    for url in (reverse("home:home"), reverse("conversations:inbox"), reverse("accounts:settings")):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store", url


def test_a_visitors_public_page_keeps_its_ordinary_caching(client, db):
    response = client.get(reverse("home:home"))
    assert "no-store" not in response.get("Cache-Control", "")
