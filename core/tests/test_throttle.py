"""Throttles (core/throttle.py, decision 0020): reset e-mails, invitations, and every form
a visitor posts without signing in."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from core.access import RULES
from core.security import SecurityEvent

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")


def test_five_reset_requests_for_one_account_send_three_emails_and_look_the_same(
    client, coach, security_events
):
    answers = [client.post(RESET, {"email": coach.email}) for _ in range(5)]
    assert len(mail.outbox) == 3
    # The account's trail shows every request, the held-back ones too.
    requested = SecurityEvent.PASSWORD_RESET_REQUESTED
    assert [
        detail for event, user, detail in security_events if (event, user) == (requested, coach)
    ] == ["sent"] * 3 + ["throttled"] * 2
    # Silent: the fourth and fifth get the same answer as the first, so the page reveals
    # neither the account nor the throttle.
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }


def test_reset_requests_from_one_address_are_limited_across_accounts(
    client, coach, director, settings
):
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 2
    for email in ["nobody@example.test", coach.email, director.email]:
        client.post(RESET, {"email": email})
    assert [m.to for m in mail.outbox] == [[coach.email]]
    client.post(RESET, {"email": director.email}, REMOTE_ADDR="10.0.0.7")
    assert mail.outbox[-1].to == [director.email]


def test_a_coach_sending_many_invitations_is_stopped_with_a_message(
    client_for, coach, partnership, settings
):
    settings.INVITATIONS_PER_HOUR = 2
    client = client_for(coach)
    for name in ["Ana", "Bea", "Cruz"]:
        person = partnership.birth_family.parents.create(first_name=name)
        response = client.post(
            reverse("accounts:invite_person", args=[person.pk]),
            {"email": f"{name.lower()}@example.test", "role": Role.BIRTH_PARENT},
        )
    assert len(mail.outbox) == 2
    assert "many invitations in the last hour" in response.content.decode()
    assert not person.__class__.objects.get(pk=person.pk).user_id


def public_post_urls() -> list[str]:
    return [name for name, rule in RULES.items() if rule.public and rule.load is None]


def test_every_form_a_visitor_posts_is_throttled_per_address(client, settings):
    settings.PUBLIC_POSTS_PER_HOUR = 2
    url = reverse("accounts:set_language")
    answers = [client.post(url, {"language": "es", "next": "/"}).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    page = client.post(url, {"language": "es"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "Espere un momento" in page.content.decode() and page["Retry-After"] == "3600"
    # Another page has its own count, and another address is not held up.
    assert client.post(RESET, {"email": "a@example.test"}).status_code == 302
    assert client.post(url, {"language": "en"}, REMOTE_ADDR="10.0.0.8").status_code == 302
    # The sign-in page and the intake forms are among the pages counted.
    assert {"accounts:sign_in", "intake:interest", "intake:contact"} <= set(public_post_urls())


def test_signed_in_people_are_not_counted_by_the_visitors_throttle(client_for, coach, settings):
    settings.PUBLIC_POSTS_PER_HOUR = 1
    client = client_for(coach)
    url = reverse("accounts:set_language")
    assert [client.post(url, {"language": "es"}).status_code for _ in range(3)] == [302] * 3
