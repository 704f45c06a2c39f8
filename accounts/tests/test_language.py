"""A person's language: their own choice, else their browser's, kept on their account so
e-mails and text messages speak it too; and the settings page where they change it."""

import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

SPANISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}


def sign_in(client, user, password, **headers):
    return client.post(
        reverse("accounts:sign_in"),
        {"username": user.email, "password": password},
        follow=True,
        **headers,
    )


def test_a_person_who_never_chose_gets_their_browsers_language_on_sign_in(
    client, birth_parent, password
):
    assert birth_parent.language == "en"
    response = sign_in(client, birth_parent, password, **SPANISH_BROWSER)
    assert response.headers["Content-Language"] == "es"
    birth_parent.refresh_from_db()
    # Kept on the account, so what is sent to her later is in Spanish too.
    assert birth_parent.language == "es" and not birth_parent.language_chosen
    assert "como lo pide su navegador" in response.content.decode()  # told, and where to change it


def test_a_persons_own_choice_wins_over_the_browser_they_sign_in_from(
    client, client_for, birth_parent, password
):
    client_for(birth_parent).post(reverse("accounts:set_language"), {"language": "es"})
    client.logout()
    client.cookies.clear()
    response = sign_in(client, birth_parent, password, HTTP_ACCEPT_LANGUAGE="en-US,en")
    birth_parent.refresh_from_db()
    assert birth_parent.language == "es" and birth_parent.language_chosen
    assert response.headers["Content-Language"] == "es"


def test_a_browser_asking_only_for_other_languages_leaves_the_account_as_it_was(
    client, birth_parent, password
):
    User.objects.filter(pk=birth_parent.pk).update(language="es")
    sign_in(client, birth_parent, password, HTTP_ACCEPT_LANGUAGE="fr-FR,fr")
    birth_parent.refresh_from_db()
    assert birth_parent.language == "es"


def test_a_language_picked_on_the_sign_in_page_counts_as_the_persons_choice(
    client, birth_parent, password
):
    client.post(reverse("accounts:set_language"), {"language": "es"})
    sign_in(client, birth_parent, password, HTTP_ACCEPT_LANGUAGE="en-US,en")
    birth_parent.refresh_from_db()
    assert birth_parent.language == "es" and birth_parent.language_chosen


def test_a_person_changes_their_language_on_their_settings_page(client_for, volunteer):
    client = client_for(volunteer)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert "Your settings" in page and 'name="language"' in page
    response = client.post(
        reverse("accounts:set_language"),
        {"language": "es", "next": reverse("accounts:settings")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:settings")
    volunteer.refresh_from_db()
    assert volunteer.language == "es" and volunteer.language_chosen
    assert "Idioma cambiado." in response.content.decode()


def test_the_settings_page_links_to_the_time_zone_only_for_those_with_a_calendar(
    client, client_for, birth_parent, volunteer
):
    agenda = reverse("schedule:agenda")
    assert agenda in client_for(birth_parent).get(reverse("accounts:settings")).content.decode()
    client.logout()
    assert agenda not in client_for(volunteer).get(reverse("accounts:settings")).content.decode()


def test_every_signed_in_page_links_to_your_settings_beside_the_password(client_for, finance):
    page = client_for(finance).get(reverse("home:home")).content.decode()
    assert f'href="{reverse("accounts:settings")}"' in page
