"""Sign-in lockout per account and per address (django-axes, decision 0020), its page in
the person's language, and the two ways out: a reset by e-mail and the director's unlock."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from core.security import SecurityEvent

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")


@pytest.fixture(autouse=True)
def small_limits(settings):
    """Three wrong passwords lock an account, five from one address lock the address."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOCKOUT_ADDRESS_FAILURE_LIMIT = 5


def sign_in(client, email, password, **headers):
    return client.post(SIGN_IN, {"username": email, "password": password}, **headers)


def test_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too(
    client, coach, password, security_events
):
    for _ in range(2):
        assert sign_in(client, coach.email, "wrong").status_code == 200
    third = sign_in(client, coach.email.upper(), "wrong")  # one count, whatever the case
    assert third.status_code == 429
    assert "Signing in is paused" in third.content.decode()
    right = sign_in(client, coach.email, password)
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    assert (SecurityEvent.LOCKED_OUT, coach, "sign_in") in security_events


def test_the_lockout_page_speaks_the_persons_language_and_shows_the_way_out(client, coach):
    for _ in range(3):
        page = sign_in(client, coach.email, "wrong", HTTP_ACCEPT_LANGUAGE="es")
    text = page.content.decode()
    assert "30 minutos" in text and "Too many" not in text
    assert reverse("accounts:password_reset") in text


def test_an_address_trying_many_accounts_is_locked_for_every_account(
    client, coach, director, password
):
    for email in ["a@example.test", "b@example.test", "c@example.test", "d@example.test"]:
        sign_in(client, email, "wrong")
    assert sign_in(client, director.email, "wrong").status_code == 429  # the fifth
    assert sign_in(client, coach.email, password).status_code == 429
    # The same account from elsewhere is not paused: the address was.
    elsewhere = sign_in(client, coach.email, password, REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302


def test_a_password_reset_by_e_mail_lifts_the_lockout(client, coach, security_events):
    for _ in range(3):
        sign_in(client, coach.email, "wrong")
    client.post(reverse("accounts:password_reset"), {"email": coach.email})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    form_page = client.get("/" + link.split("/", 3)[3], follow=True)
    new = "a new song for the river"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert sign_in(client, coach.email, new).status_code == 302
    assert (SecurityEvent.UNLOCKED, coach, "password_reset") in security_events


def test_the_director_sees_paused_accounts_and_unlocks_one(
    client, client_for, director, coach, password, security_events
):
    for _ in range(3):
        sign_in(client, coach.email, "wrong")
    staff = client_for(director)
    page = staff.get(reverse("accounts:locked_list")).content.decode()
    assert coach.email in page and "Unlock" in page
    unlock = reverse("accounts:unlock", args=[coach.pk])
    assert staff.post(unlock).status_code == 302
    assert (SecurityEvent.UNLOCKED, coach, "director") in security_events
    assert AuditEntry.objects.filter(actor=director, record_id=str(coach.pk), fields=["lockout"])
    assert "No account is paused" in staff.get(reverse("accounts:locked_list")).content.decode()
    assert staff.post(unlock).status_code == 302  # nothing left to unlock: no harm
    staff.logout()
    assert sign_in(client, coach.email, password).status_code == 302


def test_only_the_director_may_unlock(client_for, coach, volunteer, client):
    for _ in range(3):
        sign_in(client, volunteer.email, "wrong")
    response = client_for(coach).post(reverse("accounts:unlock", args=[volunteer.pk]))
    assert response.status_code == 404
