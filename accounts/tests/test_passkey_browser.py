"""A parent adds a passkey and signs in with it alone, in the real Chromium, its
fingerprint reader played by the browser's virtual authenticator (DevTools protocol)."""

import time

import pytest
from django.urls import reverse
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from core.tests.browser_fixtures import assert_sound
from home.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fingerprint_reader(page):
    """A platform authenticator that keeps passkeys and checks who holds the phone. A
    ceremony's round trips are slow on a busy machine: a minute for each step."""
    page.set_default_timeout(60_000)
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    added = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return lambda present: devtools.send(
        "WebAuthn.setAutomaticPresenceSimulation",
        {"authenticatorId": added["authenticatorId"], "enabled": present},
    )


def test_a_parent_adds_a_passkey_then_signs_in_with_it_and_no_password(
    sign_in, live_server, settings
):
    # Passkeys belong to an origin: the test server's port is chosen when it starts.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    ana = sign_in("birth.parent@example.org")
    assert "localhost" in ana.base_url
    fingerprint_reader(ana)

    ana.goto(ana.base_url + reverse("accounts:security"))
    assert_sound(ana)
    with ana.expect_navigation():
        ana.get_by_role("button", name="Add a passkey").click()
    assert "Your passkey was added." in ana.content()
    passkey = WebAuthnCredential.objects.get(user__email="birth.parent@example.org")
    assert passkey.confirmed

    ana.goto(ana.base_url + reverse("home:more"))
    with ana.expect_navigation():
        ana.get_by_role("button", name="Sign out").click()

    ana.goto(ana.base_url + reverse("accounts:sign_in"))
    with ana.expect_navigation():
        ana.get_by_role("button", name="Sign in with a passkey").click()
    assert ana.url == ana.base_url + reverse("home:home")
    assert "Ana" in ana.content()
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_a_coach_finishes_a_password_sign_in_with_a_passkey_instead_of_a_code(
    sign_in, live_server, settings
):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    coach = sign_in("coach@example.org")
    finger_on_reader = fingerprint_reader(coach)
    coach.goto(coach.base_url + reverse("accounts:security"))
    with coach.expect_navigation():
        coach.get_by_role("button", name="Add a passkey").click()
    coach.context.clear_cookies()

    # The finger stays off the reader on the sign-in page: a password sign-in this time.
    finger_on_reader(False)
    coach.goto(coach.base_url + reverse("accounts:sign_in"))
    coach.get_by_label("Email").fill("coach@example.org")
    coach.get_by_label("Password").fill("village-demo")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Sign in", exact=True).click()
    assert reverse("accounts:second_factor") in coach.url
    finger_on_reader(True)
    with coach.expect_navigation():
        coach.get_by_role("button", name="Use my passkey").click()
    assert coach.url == coach.base_url + reverse("home:home")


@pytest.mark.parametrize("server_delay", [0.1, 0.2, 0.3])
def test_a_password_sign_in_sent_while_the_page_is_still_opening_stays_signed_in(
    sign_in, monkeypatch, server_delay
):
    """The sign-in page once asked for a passkey challenge as it opened; a password sent
    before that slow answer came back was signed in, then the answer's cookie signed the
    browser out again. The challenge is now asked for only when the person asks."""
    asked = []
    begin = webauthn_views.BeginCredentialAuthenticationView.post

    def slow_begin(view, *args, **kwargs):
        asked.append(view.request.path)
        time.sleep(server_delay)
        return begin(view, *args, **kwargs)

    monkeypatch.setattr(webauthn_views.BeginCredentialAuthenticationView, "post", slow_begin)
    keisha = sign_in(None)
    keisha.goto(keisha.base_url + reverse("accounts:sign_in"))
    keisha.get_by_label("Email").fill("outsider.parent@example.org")
    keisha.get_by_label("Password").fill(DEMO_PASSWORD)
    with keisha.expect_navigation():
        keisha.get_by_role("button", name="Sign in", exact=True).click()
    keisha.wait_for_timeout(server_delay * 1000 + 500)

    keisha.goto(keisha.base_url + reverse("home:more"))
    assert keisha.url == keisha.base_url + reverse("home:more")
    assert asked == []
