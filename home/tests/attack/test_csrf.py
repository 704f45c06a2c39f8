"""Cross-site request forgery: a post that does not carry the person's CSRF token is refused
(403) on every URL of the site, before anything changes, as the persona allowed to use
it; and no view is exempt from the check unless CSRF_EXEMPT says why."""

from django.test import Client
from django.urls import get_resolver, reverse

from home.tests.attack.site import PERSONAS, own_url_cases, personas_for, row_counts, signed_in_as
from home.tests.test_access import all_url_patterns

#: Views that may take a post without a token, with the reason (a provider's webhook, say).
#: Everything the site takes is posted by its own pages; the HSDS API only reads, and
#: answers any other method 405 (so other programs get its JSON, not a CSRF page).
_READ_ONLY_API = "reads only: any method but GET answers 405 before anything is read"
CSRF_EXEMPT: dict[str, str] = {
    f"hsds:{name}": _READ_ONLY_API
    for name in (
        "about",
        "services",
        "service",
        "service_at_locations",
        "service_at_location",
        "organizations",
        "organization",
        "taxonomies",
        "taxonomy",
        "taxonomy_terms",
        "taxonomy_term",
    )
} | {
    # Twilio posts these without a session: each must carry Twilio's signature of its
    # address and fields instead, or is refused (403) before anything is read.
    "texts:incoming": "a provider's webhook, checked by Twilio's signature instead",
    "texts:status": "a provider's webhook, checked by Twilio's signature instead",
}


def test_no_view_is_exempt_from_the_csrf_check_unless_listed_with_a_reason():
    get_resolver()  # the patterns are read as the site serves them
    exempt = {
        name
        for name, pattern in all_url_patterns()
        if getattr(pattern.callback, "csrf_exempt", False)
    }
    assert exempt == set(CSRF_EXEMPT)


def test_a_post_without_its_csrf_token_is_refused_everywhere_and_changes_nothing(demo):
    clients = {}
    for persona, email in PERSONAS.items():
        clients[persona] = Client(enforce_csrf_checks=True)
        if email:
            assert signed_in_as(clients[persona], email)
    cases = list(own_url_cases())  # which may make the demo's missing check-in
    before = row_counts()
    accepted, tried = [], 0
    for view_name, url, record in cases:
        if view_name in CSRF_EXEMPT:
            continue
        persona = personas_for(view_name, record)[0]
        # What a forged form would send: plausible names, no token.
        response = clients[persona].post(url, {"name": "Forged", "text": "Forged", "next": "/"})
        tried += 1
        if response.status_code != 403:
            accepted.append(f"{persona} POST {url} ({view_name}): {response.status_code}")
    assert accepted == []
    assert tried > 100
    after = row_counts()
    # Signing the personas in wrote their sessions before `before`; nothing since.
    assert after == before


def test_a_token_from_another_session_is_refused(demo):
    """A token is bound to its own session: one lifted from the attacker's session (or
    page) does not make a post in the victim's."""
    attacker, victim = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    attacker.get(reverse("accounts:sign_in"))
    token = attacker.cookies["csrftoken"].value
    assert signed_in_as(victim, PERSONAS["director"])
    victim.get("/")
    response = victim.post(
        reverse("families:home_new"), {"csrfmiddlewaretoken": token, "name": "Forged home"}
    )
    assert response.status_code == 403
