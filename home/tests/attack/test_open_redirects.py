"""Open redirects: wherever the site takes a `next` or another address to go to after a
post (the language switch, signing in and out, an invitation, and every form the pages
show, with `next` in the body and in the query), an address off this site sends home or
stays, never away."""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from home.demo import DEMO_PASSWORD
from home.tests.attack.hostile import plausible
from home.tests.attack.site import PERSONAS, find_form, post_forms, records, shown_on, signed_in_as

TARGETS = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "///evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "http:evil.example",
    "/%09/evil.example",
    " //evil.example",
    "https://testserver@evil.example",
    "abc",
]


def assert_stays(response, where):
    """The response goes nowhere, or somewhere on this site."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return
    location = response["Location"]
    parts = urlsplit(location.strip())
    assert parts.scheme in ("", "http", "https"), f"{where} sends to {location!r}"
    assert parts.netloc in ("", "testserver"), f"{where} sends to {location!r}"
    # A browser reads these as another host; a relative path ("abc", "%2F%2Fevil.example")
    # stays under the page's own address.
    assert not location.lstrip().startswith(("//", "/\\", "\\")), f"{where} sends to {location!r}"


def signed_in(persona):
    client = Client()
    if PERSONAS[persona]:
        assert signed_in_as(client, PERSONAS[persona])
    return client


@pytest.mark.parametrize("target", TARGETS)
def test_the_language_switch_never_sends_off_the_site(demo, target):
    for persona in ("anonymous", "birth_parent"):
        response = signed_in(persona).post(
            reverse("accounts:set_language"), {"language": "es", "next": target}
        )
        assert_stays(response, f"{persona} switching language with next={target!r}")


@pytest.mark.parametrize("target", TARGETS)
def test_signing_in_and_out_never_sends_off_the_site(demo, target):
    client = Client()
    response = client.post(
        reverse("accounts:sign_in") + f"?next={target}",
        {"username": PERSONAS["coach"], "password": DEMO_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert_stays(response, f"signing in with next={target!r}")
    response = client.post(reverse("accounts:sign_out") + f"?next={target}", {"next": target})
    assert_stays(response, f"signing out with next={target!r}")


@pytest.mark.parametrize("target", TARGETS)
def test_an_invitation_never_sends_off_the_site(demo, target):
    person = records()["person_id"]["ours"]
    url = reverse("accounts:invite_person", args=[person]) + f"?next={target}"
    client = signed_in("coach")
    page = client.get(url)
    assert page.status_code == 200
    forms = post_forms(url, page.content.decode())
    (form,) = [f for f in forms if f.view_name == "accounts:invite_person"]
    response = client.post(url, {**form.as_page_sends_it(), "email": "ana.new@example.test"})
    assert_stays(response, f"inviting with next={target!r}")


def test_no_form_on_the_site_follows_a_next_off_the_site(demo):
    """Every form the pages show, sent as shown with a hostile `next` added in its body
    and its query: wherever it goes afterwards is on this site."""
    checked = 0
    for view_name, (persona, _page, _which) in sorted(shown_on().items()):
        client = signed_in(persona)
        form = find_form(client, view_name)
        post = {name: plausible(spec) for name, spec in form.fields.items() if spec.kind != "file"}
        for target in ("//evil.example", "https://evil.example", "/\\evil.example"):
            action = form.action + ("&" if "?" in form.action else "?") + f"next={target}"
            with transaction.atomic():
                response = client.post(action, {**post, "next": target})
                transaction.set_rollback(True)
            assert_stays(response, f"{persona} POST {action} ({view_name})")
            checked += 1
            if response.status_code == 404 or view_name == "accounts:sign_out":
                break  # signed out, or gone: the next target would say nothing new
    assert checked > 80
