"""Passwords after NIST SP 800-63B rev. 4 (decision 0020): length, a leaked-password list
shipped with the app, never the person's own name or e-mail, no composition rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from home.testing import person_with_account

pytestmark = pytest.mark.django_db


def refusal(password, user=None) -> str:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@pytest.fixture
def ellison(db):
    user = person_with_account(Role.VOLUNTEER, first_name="Ellison", last_name="Park")
    user.email = "e.park@example.test"
    user.save(update_fields=["email"])
    return user


def test_the_volunteer_named_ellison_cannot_choose_ellison2024(client_for, ellison, password):
    response = client_for(ellison).post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": "Ellison2024", "new_password2": "Ellison2024"},
    )
    assert response.status_code == 200
    assert "your own name or e-mail" in response.content.decode()
    ellison.refresh_from_db()
    assert ellison.check_password(password)


@pytest.mark.parametrize(
    "attempt",
    [
        "Ellison2024Ellison2024",
        "ELLISON-PARK-1990!!",
        "park.ellison.park.ellison",
        "eparkeparkepark1",
    ],
)
def test_a_long_password_made_only_of_the_persons_names_or_email_is_refused(ellison, attempt):
    assert "your own name or e-mail" in refusal(attempt, ellison)


def test_a_phrase_that_only_includes_the_name_among_other_words_is_fine(ellison):
    assert refusal("ellison walks the dog by the river", ellison) == ""


def test_a_password_from_the_shipped_leaked_list_is_refused_whatever_its_case(ellison):
    # 16 characters, on SecLists' list: long enough, and still the first an attacker tries.
    assert "leaked" in refusal("1QAZ2WSX3EDC4RFV", ellison)


def test_fifteen_characters_are_needed_when_the_password_is_the_only_factor(ellison):
    assert "at least 15 characters" in refusal("river dog bark", ellison)  # 14
    assert refusal("river dog barks", ellison) == ""  # 15, lower case only: no composition rule


def test_eight_characters_are_enough_with_a_confirmed_second_factor(ellison):
    TOTPDevice.objects.create(user=ellison, name="phone", confirmed=False)
    assert "at least 15 characters" in refusal("girasol7", ellison), "unconfirmed is no factor"
    TOTPDevice.objects.filter(user=ellison).update(confirmed=True)
    assert refusal("girasol7", ellison) == ""
    assert "at least 8 characters" in refusal("girasol", ellison)


def test_long_pass_phrases_are_welcome_up_to_128_characters(ellison):
    assert refusal("the quick brown fox " * 6 + "jumps ok", ellison) == ""  # 128
    assert "at most 128" in refusal("x" * 129, ellison)


def test_the_password_forms_say_the_rule_in_plain_words(client, client_for, ellison):
    page = client_for(ellison).get(reverse("accounts:password_change")).content.decode()
    assert "at least 15 characters; a phrase of four or five words is easy to remember" in page
    assert "letters, spaces, numbers or symbols" in page


def test_the_rule_is_explained_in_spanish_too(client_for, ellison):
    ellison.language = "es"
    ellison.save(update_fields=["language"])
    page = client_for(ellison).get(reverse("accounts:password_change")).content.decode()
    assert "al menos 15 caracteres" in page
