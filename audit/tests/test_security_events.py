"""Security events in the audit trail (decision 0022): who signed in, failed to, signed
out, changed or reset a password, and who was refused which page, from where."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.test_accounts import link_in, path_of
from audit.models import SECURITY, Action, AuditEntry
from core.security import SecurityEvent, security_event_announce
from home.testing import PASSWORD

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.9"


def events(action):
    return AuditEntry.objects.filter(action=action, record_type=SECURITY).select_related("actor")


def test_signing_in_is_recorded_with_who_and_from_where(client, coach):
    response = client.post(
        reverse("accounts:sign_in"),
        {"username": coach.email, "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    (entry,) = events(Action.SIGNED_IN)
    assert (entry.actor, entry.ip, entry.path) == (coach, ADDRESS, reverse("accounts:sign_in"))


def test_a_wrong_password_is_recorded_against_the_account_without_the_password(client, coach):
    client.post(
        reverse("accounts:sign_in"),
        {"username": coach.email.upper(), "password": "not-it-at-all"},
        REMOTE_ADDR=ADDRESS,
    )
    (entry,) = events(Action.SIGN_IN_FAILED)
    assert (entry.actor, entry.ip) == (coach, ADDRESS)
    assert not events(Action.SIGNED_IN).exists()
    assert "not-it-at-all" not in str(AuditEntry.objects.values_list())


def test_a_failed_sign_in_for_an_address_that_is_no_account_keeps_nothing_typed(client, coach):
    client.post(
        reverse("accounts:sign_in"),
        {"username": "someone.else@elsewhere.test", "password": "whatever-it-was"},
        REMOTE_ADDR=ADDRESS,
    )
    (entry,) = events(Action.SIGN_IN_FAILED)
    assert (entry.actor, entry.record_id, entry.fields, entry.ip) == (None, "", [], ADDRESS)
    assert "elsewhere" not in str(AuditEntry.objects.values_list())


def test_signing_out_is_recorded(client_for, birth_parent):
    client_for(birth_parent).post(reverse("accounts:sign_out"))
    (entry,) = events(Action.SIGNED_OUT)
    assert entry.actor == birth_parent


def test_changing_ones_password_is_recorded(client_for, volunteer):
    response = client_for(volunteer).post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new password",
            "new_password2": "a brand new password",
        },
    )
    assert response.status_code == 302
    (entry,) = events(Action.PASSWORD_CHANGED)
    assert entry.actor == volunteer


def test_asking_for_a_reset_and_setting_the_new_password_are_recorded(client, coach):
    client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    client.post(reverse("accounts:password_reset"), {"email": coach.email})
    assert [e.actor for e in events(Action.PASSWORD_RESET_REQUESTED).order_by("pk")] == [
        None,
        coach,
    ]
    form_page = client.get(path_of(link_in(mail.outbox[0])), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new password", "new_password2": "a brand new password"},
    )
    (entry,) = events(Action.PASSWORD_RESET)
    assert (entry.actor, entry.record_id) == (coach, "reset")
    assert "nobody@example.test" not in str(AuditEntry.objects.values_list())


def test_a_record_outside_ones_scope_is_refused_by_its_url_name_never_its_id(
    client_for, outsider, partnership
):
    child = partnership.children.order_by("pk").first()
    url = reverse("families:child_detail", args=[child.pk])
    response = client_for(outsider).get(url, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 404
    (entry,) = events(Action.REFUSED)
    assert (entry.actor, entry.record_id, entry.path) == (outsider, "families:child_detail", "")
    assert entry.ip == ADDRESS
    assert not AuditEntry.objects.filter(action=Action.VIEWED).exists()


def test_a_page_refused_by_role_is_recorded_once(client_for, coach):
    assert client_for(coach).get(reverse("audit:search")).status_code == 404
    assert [(e.actor, e.record_id) for e in events(Action.REFUSED)] == [(coach, "audit:search")]


def test_a_visitor_guessing_a_feed_address_is_recorded_with_no_one(client):
    response = client.get(reverse("schedule:feed", args=["made-up-secret"]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 404
    (entry,) = events(Action.REFUSED)
    assert (entry.actor, entry.record_id, entry.ip) == (None, "schedule:feed", ADDRESS)
    assert "made-up-secret" not in str(AuditEntry.objects.values_list())


def test_a_visitor_sent_to_sign_in_is_not_a_refusal(client, partnership):
    response = client.get(reverse("partnerships:detail", args=[partnership.pk]))
    assert response.status_code == 302
    assert not events(Action.REFUSED).exists()


def test_any_layer_announces_an_event_and_the_trail_records_it(coach):
    security_event_announce(event=SecurityEvent.FACTOR_ADDED, user=coach, detail="totp")
    (entry,) = events(Action.FACTOR_ADDED)
    assert (entry.actor, entry.record_id) == (coach, "totp")
    assert set(SecurityEvent) <= set(Action)  # every event has its action in the trail


def test_the_director_finds_the_security_events_alone(client_for, director, coach, partnership):
    client_for(coach).get(reverse("partnerships:detail", args=[partnership.pk]))
    security_event_announce(event=SecurityEvent.SIGN_IN_FAILED, user=coach)
    response = client_for(director).get(reverse("audit:search"), {"action": "security"})
    actions = {entry.action for entry in response.context["page"].object_list}
    # Signing the test's clients in is recorded too; the partnership's reading is not shown.
    assert actions == {Action.SIGN_IN_FAILED, Action.SIGNED_IN}
    assert "sign-in failed" in response.content.decode()
