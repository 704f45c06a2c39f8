"""Sessions fit for a shared or library computer (accounts/sessions.py, decision 0021)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import SignedInSession
from accounts.sessions import BACKGROUND_HEADER, device_of
from accounts.testing import second_factor_shown
from core.security import SecurityEvent

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SIGN_IN = reverse("accounts:sign_in")
SETTINGS = reverse("accounts:settings")
SESSIONS = reverse("accounts:sessions")
STAY = reverse("accounts:session_stay")
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)
LIBRARY = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def _production_grains(settings):
    """Activity and the list written as often as in production (village/test_settings.py)."""
    settings.SESSION_ACTIVITY_GRAIN_SECONDS = 10
    settings.SESSION_ROW_GRAIN_SECONDS = 60


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def signed_in(user, password, *, agent=PHONE, shared=False) -> Client:
    client = Client(headers={"user-agent": agent})
    form = {"username": user.email, "password": password}
    if shared:
        form["shared_computer"] = "on"
    response = client.post(SIGN_IN, form)
    assert response.status_code == 302, "the sign-in was refused"
    return second_factor_shown(client, user)


def lands_on_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN)


# --- Idle timeout -----------------------------------------------------------------------


def test_a_parent_idle_for_30_minutes_is_sent_to_sign_in_with_the_page_kept_and_told_why(
    clock, birth_parent, password
):
    client = signed_in(birth_parent, password)
    clock.shift(timedelta(minutes=29))
    assert client.get(SETTINGS).status_code == 200
    clock.shift(timedelta(minutes=30))
    response = client.get(SETTINGS + "?tab=1")
    assert lands_on_sign_in(response)
    assert "next=/accounts/settings/%3Ftab%3D1" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity." in page
    assert not SignedInSession.objects.exists()


def test_staff_are_signed_out_after_15_minutes_without_activity(clock, coach, password):
    client = signed_in(coach, password)
    clock.shift(timedelta(minutes=14))
    assert client.get(SETTINGS).status_code == 200
    clock.shift(timedelta(minutes=15))
    assert lands_on_sign_in(client.get(SETTINGS))


def test_someone_active_every_twenty_minutes_stays_signed_in_until_the_absolute_limit(
    clock, birth_parent, password, security_events
):
    client = signed_in(birth_parent, password)
    for _ in range(3 * 11 + 2):  # eleven hours and forty minutes
        clock.shift(timedelta(minutes=20))
        assert client.get(SETTINGS).status_code == 200
    clock.shift(timedelta(minutes=20))
    response = client.get(SETTINGS)
    assert lands_on_sign_in(response)
    assert "a sign-in lasts 12 hours at most" in client.get(response["Location"]).content.decode()
    assert (SecurityEvent.SESSIONS_ENDED, birth_parent, "time limit") in security_events


def test_the_pages_own_background_question_is_not_activity_but_stay_signed_in_is(
    clock, birth_parent, password
):
    client = signed_in(birth_parent, password)
    clock.shift(timedelta(minutes=25))
    asked = client.get(STAY, headers={"accept": "application/json", BACKGROUND_HEADER: "1"})
    assert asked.json() == {"seconds": 5 * 60}
    clock.shift(timedelta(minutes=4))
    stayed = client.post(STAY, headers={"accept": "application/json"})
    assert stayed.json() == {"seconds": 30 * 60}
    clock.shift(timedelta(minutes=29))
    assert client.get(SETTINGS).status_code == 200


def test_the_warning_is_on_signed_in_pages_with_the_time_left_and_not_for_visitors(
    clock, client, birth_parent, password
):
    page = signed_in(birth_parent, password).get(SETTINGS).content.decode()
    assert 'role="alertdialog"' in page and 'data-seconds-left="1800"' in page
    assert "Stay signed in" in page and "accounts/session.js" in page
    assert "alertdialog" not in client.get(reverse("home:home")).content.decode()


def test_an_expired_htmx_request_takes_the_whole_page_to_sign_in(clock, birth_parent, password):
    client = signed_in(birth_parent, password)
    clock.shift(timedelta(minutes=31))
    response = client.get(SETTINGS, headers={"hx-request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"].startswith(SIGN_IN)


def test_a_form_sent_after_the_timeout_returns_to_the_page_it_was_on(clock, birth_parent, password):
    client = signed_in(birth_parent, password)
    clock.shift(timedelta(minutes=31))
    response = client.post(
        reverse("accounts:set_language"),
        {"language": "es"},
        headers={"referer": "http://testserver/accounts/settings/"},
    )
    assert lands_on_sign_in(response) and "next=/accounts/settings/" in response["Location"]


def test_an_expired_session_opening_the_sign_in_page_is_not_sent_round_in_a_loop(
    clock, birth_parent, password
):
    client = signed_in(birth_parent, password)
    clock.shift(timedelta(minutes=31))
    response = client.get(SIGN_IN)
    assert response.status_code == 302 and response["Location"] == SIGN_IN
    response = client.post(SIGN_IN, {"username": birth_parent.email, "password": password})
    assert response["Location"] == reverse("home:home")


# --- A shared computer --------------------------------------------------------------------


def test_the_sign_in_page_offers_a_shared_computer_and_says_what_it_does(client):
    page = client.get(SIGN_IN).content.decode()
    assert "This is a shared computer" in page
    assert "signed out sooner, and when the browser is closed" in page


def test_on_a_shared_computer_everything_is_shorter_and_nothing_outlives_the_browser(
    clock, birth_parent, password
):
    client = signed_in(birth_parent, password, agent=LIBRARY, shared=True)
    cookie = client.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    assert SignedInSession.objects.get(user=birth_parent).shared
    language = client.post(reverse("accounts:set_language"), {"language": "es"})
    assert not language.cookies["django_language"]["max-age"]
    clock.shift(timedelta(minutes=9))
    assert client.get(SETTINGS).status_code == 200
    clock.shift(timedelta(minutes=10))
    assert lands_on_sign_in(client.get(SETTINGS))


def test_a_shared_computers_sign_in_lasts_8_hours_however_active(clock, coach, password):
    client = signed_in(coach, password, shared=True)
    for _ in range(8 * 6 - 1):
        clock.shift(timedelta(minutes=9, seconds=59))
        assert client.get(SETTINGS).status_code == 200
    clock.shift(timedelta(minutes=10))
    assert lands_on_sign_in(client.get(SETTINGS))


def test_a_private_computer_keeps_the_language_for_a_year(birth_parent, password):
    client = signed_in(birth_parent, password)
    language = client.post(reverse("accounts:set_language"), {"language": "es"})
    assert int(language.cookies["django_language"]["max-age"]) == 365 * 24 * 3600


# --- The list of one's sessions -----------------------------------------------------------


def test_the_settings_lead_to_a_list_of_where_one_is_signed_in(birth_parent, password):
    library = signed_in(birth_parent, password, agent=LIBRARY, shared=True)
    phone = signed_in(birth_parent, password, agent=PHONE)
    assert SESSIONS in phone.get(SETTINGS).content.decode()
    page = phone.get(SESSIONS).content.decode()
    this_device, others = page.split("Other browsers")
    assert "Chrome on Android" in this_device
    assert "Firefox on Windows" in others and "Shared computer" in others
    assert "Sign out everywhere else" in others
    # Each other browser's button names it, not "this device".
    assert "Sign that browser out" in others and "Sign out of this device" not in others
    assert library.get(SETTINGS).status_code == 200


def test_signing_out_one_other_browser_ends_it_at_its_next_request(
    birth_parent, password, security_events
):
    library = signed_in(birth_parent, password, agent=LIBRARY)
    phone = signed_in(birth_parent, password, agent=PHONE)
    row = SignedInSession.objects.get(browser="Firefox")
    response = phone.post(reverse("accounts:session_end"), {"session": row.pk}, follow=True)
    assert "That browser is signed out." in response.content.decode()
    assert lands_on_sign_in(library.get(SETTINGS))
    assert phone.get(SETTINGS).status_code == 200
    assert list(SignedInSession.objects.values_list("browser", flat=True)) == ["Chrome"]
    assert (SecurityEvent.SESSIONS_ENDED, birth_parent, "one") in security_events


def test_sign_out_everywhere_else_keeps_only_this_browser(birth_parent, password, security_events):
    others = [signed_in(birth_parent, password, agent=LIBRARY) for _ in range(2)]
    phone = signed_in(birth_parent, password, agent=PHONE)
    phone.post(reverse("accounts:sessions_end_others"))
    assert all(lands_on_sign_in(other.get(SETTINGS)) for other in others)
    assert phone.get(SETTINGS).status_code == 200
    assert SignedInSession.objects.count() == 1 and Session.objects.count() == 1
    assert (SecurityEvent.SESSIONS_ENDED, birth_parent, "others") in security_events


def test_nobody_ends_another_persons_session_nor_breaks_the_form(birth_parent, outsider, password):
    parent = signed_in(birth_parent, password)
    theirs = SignedInSession.objects.get(user=birth_parent)
    intruder = signed_in(outsider, password)
    end = reverse("accounts:session_end")
    for value in (theirs.pk, "9" * 30, "abc", ""):
        assert intruder.post(end, {"session": value}).status_code == 302
    assert parent.get(SETTINGS).status_code == 200


def test_signing_out_takes_the_browser_off_the_list(birth_parent, password):
    client = signed_in(birth_parent, password)
    assert SignedInSession.objects.count() == 1
    client.post(reverse("accounts:sign_out"))
    assert not SignedInSession.objects.exists()


def test_a_browser_left_without_signing_out_leaves_the_list_once_it_cannot_be_alive(
    clock, birth_parent, password
):
    signed_in(birth_parent, password, agent=LIBRARY, shared=True)
    clock.shift(timedelta(minutes=32))
    page = signed_in(birth_parent, password, agent=PHONE).get(SESSIONS).content.decode()
    assert "Firefox" not in page and "You are signed in nowhere else." in page


def test_signing_in_again_in_the_same_browser_is_still_one_session(client, birth_parent):
    client.force_login(birth_parent)
    client.force_login(birth_parent)
    assert SignedInSession.objects.count() == 1


# --- Passwords and switched-off accounts --------------------------------------------------


def test_a_new_password_ends_every_other_session_and_keeps_this_one(birth_parent, password):
    library = signed_in(birth_parent, password, agent=LIBRARY)
    phone = signed_in(birth_parent, password, agent=PHONE)
    new = "another-long-password-for-tests"
    response = phone.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert phone.get(SETTINGS).status_code == 200
    assert lands_on_sign_in(library.get(SETTINGS))
    assert list(SignedInSession.objects.values_list("browser", flat=True)) == ["Chrome"]
    assert Session.objects.count() == 1
    # The kept session follows the new key Django gave it: it can still be ended from afar.
    row = SignedInSession.objects.get()
    assert row.session_key == phone.cookies["sessionid"].value


def test_a_password_reset_ends_every_session(client, birth_parent, password):
    signed = signed_in(birth_parent, password)
    client.post(reverse("accounts:password_reset"), {"email": birth_parent.email})
    link = next(word for word in mail.outbox[-1].body.split() if "/password/reset/" in word)
    form_page = client.get("/" + link.split("/", 3)[3], follow=True)
    new = "another-long-password-for-tests"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert not SignedInSession.objects.exists()
    assert lands_on_sign_in(signed.get(SETTINGS))


def test_switching_an_account_off_ends_its_sessions_for_good(
    birth_parent, password, security_events
):
    client = signed_in(birth_parent, password)
    birth_parent.is_active = False
    birth_parent.save()
    assert not SignedInSession.objects.exists() and not Session.objects.exists()
    assert (SecurityEvent.SESSIONS_ENDED, birth_parent, "account switched off") in security_events
    # Switched back on, the old session does not come back to life.
    birth_parent.is_active = True
    birth_parent.save()
    assert lands_on_sign_in(client.get(SETTINGS))


def test_a_session_from_before_the_limits_starts_its_clocks_at_its_next_request(
    clock, client, birth_parent
):
    client.force_login(birth_parent)
    SignedInSession.objects.all().delete()
    session = client.session
    for key in [key for key, _value in session.items() if key.startswith("village_session")]:
        del session[key]
    session.save()
    assert client.get(SETTINGS).status_code == 200
    assert SignedInSession.objects.filter(user=birth_parent).count() == 1


@pytest.mark.parametrize(
    "agent, device",
    [
        (PHONE, ("Chrome", "Android")),
        (LIBRARY, ("Firefox", "Windows")),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            ("Safari", "iPhone"),
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Safari/537.36 Edg/126.0",
            ("Edge", "Windows"),
        ),
        ("", ("", "")),
    ],
)
def test_a_browser_is_named_by_its_kind_and_system_only(agent, device):
    assert device_of(agent) == device
