"""What the server tells the service worker: whose pages these are and which to keep,
and the manifest and worker themselves."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in_client
from pwa.offline import KEEP, OWNER

pytestmark = pytest.mark.django_db


def home_and_child(partnership):
    return reverse("home:home"), reverse("aboutme:profile", args=[partnership.children.first().pk])


def test_a_parents_kept_page_names_an_opaque_owner_and_stays_private(
    client_for, birth_parent, partnership
):
    client = client_for(birth_parent)
    for url in home_and_child(partnership):
        response = client.get(url)
        assert response.status_code == 200
        assert response[KEEP] == "keep", url
        owner = response[OWNER]
        assert len(owner) == 32 and str(birth_parent.pk) != owner
        # Kept by the parent's own worker, never by a cache on the way.
        assert response["Cache-Control"] == "private, no-store"
        assert "You are offline. This page was saved on" in response.text


def test_the_inbox_and_a_thread_are_kept_for_reading_at_the_door(
    client_for, birth_parent, partnership
):
    from conversations.models import Conversation

    client = client_for(birth_parent)
    client.post(reverse("conversations:start", args=[partnership.pk]), {"kind": "coach"})
    conversation = Conversation.objects.get(partnership=partnership)
    for url in (
        reverse("conversations:inbox"),
        reverse("conversations:thread", args=[conversation.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response[KEEP] == "keep", url


def test_each_person_has_their_own_owner_key_and_keeps_it(
    birth_parent, partner_parent, partnership
):
    keys = []
    for person in (birth_parent, partner_parent, birth_parent):
        client = sign_in_client(Client(), person)
        keys.append(client.get(reverse("home:home"))[OWNER])
    assert keys[0] == keys[2] != keys[1]


def test_a_page_off_the_list_is_not_kept_though_its_owner_is_named(
    client_for, birth_parent, partnership
):
    client = client_for(birth_parent)
    for url in (reverse("accounts:settings"), reverse("journal:feed", args=[partnership.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert KEEP not in response and response[OWNER] != "none", url
        assert "This page was saved on" not in response.text


def test_a_query_string_that_changes_the_page_or_a_piece_for_htmx_is_not_kept(
    client_for, birth_parent, partnership
):
    client = client_for(birth_parent)
    assert KEEP not in client.get(reverse("schedule:agenda") + "?week=2026-01-05")
    assert KEEP not in client.get(reverse("home:home"), headers={"HX-Request": "true"})
    assert client.get(reverse("schedule:agenda"))[KEEP] == "keep"


def test_staff_visitors_and_a_shared_phone_keep_nothing(
    client_for, coach, birth_parent, partnership
):
    assert Client().get(reverse("home:home"))[OWNER] == "none"
    response = client_for(coach).get(reverse("home:home"))
    assert response[OWNER] == "none" and KEEP not in response

    parent = sign_in_client(Client(), birth_parent)
    assert parent.get(reverse("home:home"))[OWNER] != "none"
    parent.post(reverse("accounts:device_shared"))
    response = parent.get(reverse("home:home"))
    assert response[OWNER] == "none" and KEEP not in response


def test_marking_the_phone_shared_clears_what_it_kept_and_says_so(
    client_for, birth_parent, partnership
):
    client = client_for(birth_parent)
    page = client.get(reverse("accounts:settings")).text
    assert "This is a shared computer or phone: keep nothing on it" in page
    response = client.post(reverse("accounts:device_shared"), follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "This device is marked shared" in response.text
    first = client.post(reverse("accounts:device_shared"))
    assert first["Clear-Site-Data"] == '"cache", "storage"'


def test_a_shared_phone_ticked_at_sign_in_keeps_nothing(client, birth_parent, password):
    client.post(
        reverse("accounts:sign_in"),
        {"username": birth_parent.email, "password": password, "shared_computer": "on"},
    )
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 200  # signed in
    assert response[OWNER] == "none"
    assert "This device is marked shared" in response.text


def test_signing_out_clears_the_browsers_caches_and_storage(client_for, birth_parent):
    client = client_for(birth_parent)
    response = client.post(reverse("accounts:sign_out"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response[OWNER] == "none"


def test_the_service_worker_is_served_from_the_root_under_the_csp(client_for, birth_parent):
    for client in (Client(), client_for(birth_parent)):
        response = client.get("/sw.js")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/javascript"
        assert response["Service-Worker-Allowed"] == "/"
        assert response["Cache-Control"] == "no-cache"  # signed in too: the same for all
        assert "script-src 'self'" in response["Content-Security-Policy"]
        body = response.text
        assert "__" not in body.replace("__proto__", "")  # every address filled in
        assert reverse("accounts:sign_in") in body and "icon-192.png" in body


def test_the_manifest_names_the_program_and_its_icons(client, settings):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == f"{settings.PROGRAM_NAME} · Village"
    assert manifest["short_name"] == "Village"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert manifest["theme_color"] == "#54278f" and manifest["background_color"] == "#ffffff"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {(f"{n}x{n}", p) for n in (192, 512) for p in ("any", "maskable")}


def test_the_manifest_speaks_the_visitors_language(client, db):
    response = client.get("/manifest.webmanifest", headers={"Accept-Language": "es"})
    manifest = json.loads(response.content)
    assert manifest["lang"] == "es"
    assert manifest["description"].startswith("La semana de sus hijos")


def test_every_page_links_the_manifest_and_starts_the_worker_from_a_file(client, db):
    page = client.get(reverse("accounts:sign_in")).text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<meta name="theme-color" content="#54278f">' in page
    assert 'rel="apple-touch-icon"' in page
    assert 'src="/static/pwa/pwa.js" data-worker="/sw.js"' in page


def test_a_parent_is_offered_the_home_screen_until_she_says_no(
    client_for, coach, birth_parent, partnership
):
    client = client_for(birth_parent)
    assert "Keep Village on your home screen" in client.get(reverse("home:home")).text
    client.cookies["village_install_hint"] = "no"
    assert "Keep Village on your home screen" not in client.get(reverse("home:home")).text
    staff = sign_in_client(Client(), coach)
    assert "Keep Village on your home screen" not in staff.get(reverse("home:home")).text


def test_a_shared_phone_is_not_offered_the_home_screen(client_for, birth_parent, partnership):
    client = client_for(birth_parent)
    client.post(reverse("accounts:device_shared"))
    assert "Keep Village on your home screen" not in client.get(reverse("home:home")).text


def test_the_worker_and_the_page_script_stay_well_under_their_30_kb_budget():
    from pathlib import Path

    scripts = Path(__file__).parent.parent / "static" / "pwa"
    size = sum(len((scripts / name).read_bytes()) for name in ("sw.js", "pwa.js"))
    assert size < 30_000, f"{size} bytes of script for the app and offline reading"
