"""Second factors: staff never get past their password alone; a parent who chose an
authenticator app is asked for it; backup codes work once; changing a factor asks for the
password again."""

import time
from base64 import b32decode
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import factors
from accounts.testing import sign_in_client
from core.access import RULES
from core.security import SecurityEvent

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def password_only(client, user, password):
    response = client.post(
        reverse("accounts:sign_in"), {"username": user.email, "password": password}
    )
    assert response.status_code == 302
    return response


@pytest.fixture
def app_of():
    def enrol(user):
        return TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    return enrol


def test_a_coach_s_password_leads_to_the_code_page_not_home(client, coach, password, app_of):
    app_of(coach)
    response = password_only(client, coach, password)
    assert response["Location"] == f"{reverse('accounts:second_factor')}?next=%2F"
    page = client.get(response["Location"]).content.decode()
    assert ">Code<" in page and 'autocomplete="one-time-code"' in page
    # Nothing else is reachable yet: no menu, and no settings links in the footer either.
    assert "Your settings" not in page and "Change your password" not in page


def test_a_staff_account_reaches_no_page_between_its_password_and_its_code(
    client, coach, director, finance, password, app_of
):
    """Every URL that names no record, as each staff role, between the two steps: only the
    code step, signing out and the language answer; the rest, public pages included (they
    would show a signed-in person's home), send to the code page."""
    allowed = {"accounts:second_factor", "accounts:factor_setup", "accounts:sign_out"}
    allowed |= {"accounts:session_stay"}  # answers how long is left, nothing more
    for user in (coach, director, finance):
        app_of(user)
        password_only(client, user, password)
        for view_name in RULES:
            if view_name in allowed or view_name.startswith("otp_webauthn:"):
                continue
            if view_name == "accounts:set_language":
                continue
            try:
                url = reverse(view_name)
            except Exception:  # noqa: BLE001 - a URL about one record: checked below
                continue
            response = client.get(url)
            assert response.status_code == 302, f"{user.email} reached {view_name}"
            assert response["Location"].startswith(reverse("accounts:second_factor")), view_name
        client.post(reverse("accounts:sign_out"))
    # A record's page too: the partnership a coach works with.
    password_only(client, coach, password)
    response = client.get(reverse("partnerships:list"))
    assert response.status_code == 302


def test_the_right_code_finishes_the_sign_in_and_goes_where_the_person_was_going(
    client, coach, password, app_of, security_events
):
    device = app_of(coach)
    password_only(client, coach, password)
    step = reverse("accounts:second_factor") + "?next=/calendar/"
    response = client.post(step, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/calendar/"
    assert client.get(reverse("home:home")).status_code == 200
    assert (SecurityEvent.FACTOR_FAILED, coach, "code") not in security_events


def test_a_wrong_code_is_refused_in_words_and_announced(
    client, coach, password, app_of, security_events
):
    app_of(coach)
    password_only(client, coach, password)
    response = client.post(reverse("accounts:second_factor"), {"code": "000000"})
    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert (SecurityEvent.FACTOR_FAILED, coach, "code") in security_events
    assert client.get(reverse("home:home")).status_code == 302


def test_a_code_works_once(client, coach, password, app_of):
    device = app_of(coach)
    code = code_for(device)
    password_only(client, coach, password)
    assert client.post(reverse("accounts:second_factor"), {"code": code}).status_code == 302
    client.post(reverse("accounts:sign_out"))
    password_only(client, coach, password)
    response = client.post(reverse("accounts:second_factor"), {"code": code})
    assert response.status_code == 200 and "That code did not work" in response.content.decode()


def test_a_new_staff_member_sets_up_the_app_before_anything_else(client, coach, password):
    password_only(client, coach, password)
    response = client.get(reverse("home:home"))
    assert response["Location"].startswith(reverse("accounts:factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert "data:image/svg+xml" in page and ">Code<" in page
    secret = client.session[factors.PENDING_SECRET_SESSION_KEY]
    device = TOTPDevice(key=secret)
    response = client.post(reverse("accounts:factor_setup"), {"code": code_for(device)})
    page = response.content.decode()
    assert "Your backup codes" in page
    assert StaticToken.objects.filter(device__user=coach).count() == factors.BACKUP_CODES
    assert TOTPDevice.objects.get(user=coach).confirmed
    assert client.get(reverse("home:home")).status_code == 200


def test_a_backup_code_lets_a_coach_in_once(client, coach, password, app_of):
    app_of(coach)
    code = factors.backup_codes_renew(user=coach)[0]
    password_only(client, coach, password)
    response = client.post(reverse("accounts:second_factor"), {"code": code.upper()})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=coach).count() == factors.BACKUP_CODES - 1
    client.post(reverse("accounts:sign_out"))
    password_only(client, coach, password)
    response = client.post(reverse("accounts:second_factor"), {"code": code})
    assert response.status_code == 200


def test_a_parent_without_an_app_signs_in_with_the_password_alone(client, birth_parent, password):
    response = password_only(client, birth_parent, password)
    assert response["Location"] == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200


def test_a_parent_who_set_up_an_app_is_asked_for_its_code(client, birth_parent, password, app_of):
    device = app_of(birth_parent)
    response = password_only(client, birth_parent, password)
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert client.get(reverse("journal:mine")).status_code == 302
    client.post(reverse("accounts:second_factor"), {"code": code_for(device)})
    assert client.get(reverse("home:home")).status_code == 200


def test_changing_a_factor_asks_for_the_password_again_after_ten_minutes(
    client, birth_parent, password, time_machine
):
    password_only(client, birth_parent, password)
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    response = client.post(reverse("accounts:backup_codes"))
    assert response["Location"].startswith(reverse("accounts:confirm_identity"))
    assert not StaticDevice.objects.filter(user=birth_parent).exists()
    wrong = client.post(response["Location"], {"password": "not it"})
    assert "That is not your password" in wrong.content.decode()
    client.post(response["Location"], {"password": password})
    response = client.post(reverse("accounts:backup_codes"))
    assert response.status_code == 200 and "Your backup codes" in response.content.decode()
    assert StaticToken.objects.filter(device__user=birth_parent).count() == 10


def test_a_passkey_cannot_be_added_without_a_recent_password(
    client, birth_parent, password, time_machine
):
    password_only(client, birth_parent, password)
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"), content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["code"] == "confirm_identity"


def test_staff_cannot_turn_off_their_only_second_factor(client_for, coach, app_of):
    app_of(coach)
    client = client_for(coach)
    session = client.session
    factors_confirmed = time.time()
    session[factors.CONFIRMED_AT_SESSION_KEY] = factors_confirmed
    session.save()
    response = client.post(reverse("accounts:app_remove"), follow=True)
    assert "Staff need a second factor" in response.content.decode()
    assert TOTPDevice.objects.filter(user=coach).exists()


def test_a_parent_may_turn_their_app_off(client, birth_parent, password, app_of, security_events):
    device = app_of(birth_parent)
    password_only(client, birth_parent, password)
    client.post(reverse("accounts:second_factor"), {"code": code_for(device)})
    response = client.post(reverse("accounts:app_remove"), follow=True)
    assert "The authenticator app was removed." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=birth_parent).exists()
    assert (SecurityEvent.FACTOR_REMOVED, birth_parent, "app") in security_events


def test_the_demo_staff_use_the_published_secret_shown_only_in_demo_mode(client, settings):
    from home.demo import load_demo

    load_demo()
    settings.DEMO_MODE = False
    assert factors.DEMO_SECRET not in client.get(reverse("accounts:sign_in")).content.decode()
    settings.DEMO_MODE = True
    assert factors.DEMO_SECRET in client.get(reverse("accounts:sign_in")).content.decode()
    device = TOTPDevice.objects.get(user__email="coach@example.org")
    assert device.bin_key == b32decode(factors.DEMO_SECRET)
    client.post(
        reverse("accounts:sign_in"),
        {"username": "coach@example.org", "password": "village-demo"},
    )
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert f"the code right now is <code>{code_for(device)}</code>" in page


def test_the_signed_in_test_client_is_verified_like_a_real_sign_in(client, coach):
    client = sign_in_client(client, coach)
    assert client.get(reverse("home:home")).status_code == 200


def test_a_stolen_password_cannot_replace_the_app_that_guards_the_account(
    client, coach, password, app_of
):
    device = app_of(coach)
    password_only(client, coach, password)
    response = client.get(reverse("accounts:factor_setup"))
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    client.post(reverse("accounts:factor_setup"), {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=coach)) == [device]


def test_the_code_page_shows_no_menu_of_pages_the_person_cannot_open_yet(
    client, coach, password, app_of
):
    app_of(coach)
    password_only(client, coach, password)
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "staff-nav-wide" not in page and 'class="tabbar"' not in page


def test_the_director_removes_the_factors_of_a_coach_who_lost_their_phone(
    client_for, director, coach, password, app_of, security_events
):
    app_of(coach)
    factors.backup_codes_renew(user=coach)
    coach_client = sign_in_client(Client(), coach)
    response = client_for(director).post(
        reverse("accounts:factors_reset"), {"email": coach.email.upper()}, follow=True
    )
    assert "second factors were removed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coach).exists()
    assert not StaticDevice.objects.filter(user=coach).exists()
    assert (SecurityEvent.FACTOR_REMOVED, coach, "all, by director") in security_events
    assert coach_client.get(reverse("accounts:settings")).status_code == 302  # signed out
    assert "_auth_user_id" not in coach_client.session


def test_nobody_but_the_director_removes_someone_s_factors(client_for, coach, birth_parent, app_of):
    app_of(coach)
    response = client_for(birth_parent).post(
        reverse("accounts:factors_reset"), {"email": coach.email}
    )
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=coach).exists()


def test_guessing_the_password_on_the_confirm_page_pauses_the_account(
    client, birth_parent, password, settings
):
    """Someone at a computer left signed in cannot try passwords there without end: each
    wrong one counts like a wrong sign-in."""
    settings.AXES_FAILURE_LIMIT = 3
    password_only(client, birth_parent, password)
    confirm = reverse("accounts:confirm_identity")
    for _ in range(2):
        assert "That is not your password" in client.post(confirm, {"password": "no"}).text
    assert client.post(confirm, {"password": "no"}).status_code == 429
    assert client.post(confirm, {"password": password}).status_code == 429


def test_the_idle_warning_s_question_is_answered_on_the_code_page_not_redirected(
    client, coach, password, app_of
):
    """The page's script asks how long is left when the person comes back from their
    authenticator app; a redirect there made it reload the page under their fingers."""
    app_of(coach)
    password_only(client, coach, password)
    response = client.get(
        reverse("accounts:session_stay"),
        headers={"X-Village-Background": "1", "Accept": "application/json"},
    )
    assert response.status_code == 200 and response.json()["seconds"] > 0
    assert client.get(reverse("home:home")).status_code == 302  # still owes the code


def test_the_security_page_warns_when_no_backup_code_is_left_and_counts_them_otherwise(
    client, coach
):
    sign_in_client(client, coach)
    page = client.get(reverse("accounts:security")).content.decode()
    assert "No backup codes left: if your phone is lost, you could not sign in." in page
    factors.backup_codes_renew(user=coach)
    page = client.get(reverse("accounts:security")).content.decode()
    assert f"{factors.BACKUP_CODES} codes left, for the day your phone is lost." in page
    assert "No backup codes left" not in page
