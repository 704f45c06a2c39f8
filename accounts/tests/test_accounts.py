import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from accounts.models import Role, User
from audit.models import Action, AuditEntry
from home.testing import PartnerHomeFactory

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_the_sign_in_form_asks_for_email_and_password(client):
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert ">Email<" in page and ">Password<" in page and ">Sign in</button>" in page


def test_a_parent_signs_in_with_email_and_password_and_lands_home(client, birth_parent, password):
    response = client.post(
        reverse("accounts:sign_in"), {"username": birth_parent.email.upper(), "password": password}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home:home")


def test_a_wrong_password_says_so_and_keeps_the_email(client, coach):
    response = client.post(
        reverse("accounts:sign_in"), {"username": coach.email, "password": "wrong"}
    )
    page = response.content.decode()
    assert "do not match an account" in page
    assert f'value="{coach.email}"' in page


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_stored_with_argon2(db):
    user = User.objects.create_user(email="new@example.test", password="a-fine-password")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_the_demo_logins_show_on_the_sign_in_page_only_in_demo_mode(client, settings):
    settings.DEMO_MODE = False
    assert (
        "birth.parent@example.org" not in client.get(reverse("accounts:sign_in")).content.decode()
    )
    settings.DEMO_MODE = True
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert "birth.parent@example.org" in page and "village-demo" in page


def test_a_coach_invites_a_parent_who_sets_their_own_password_through_a_single_use_link(
    client_for, coach, partnership, client
):
    person = partnership.birth_family.parents.create(first_name="Rosa", language="es")
    response = client_for(coach).post(
        reverse("accounts:invite_person", args=[person.pk]),
        {"email": "Rosa@Example.test", "role": Role.BIRTH_PARENT},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    user = User.objects.get(email="rosa@example.test")
    assert person.user_id == user.pk and user.roles == {Role.BIRTH_PARENT}
    assert not user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["rosa@example.test"]
    assert "Village" in message.subject and "invitado" in message.body  # in her language
    for child in partnership.children.all():
        assert child.first_name not in message.body
    assert AuditEntry.objects.filter(action=Action.INVITED, record_id=str(person.pk)).exists()

    client.logout()
    link = path_of(link_in(message))
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "our song is de colores", "new_password2": "our song is de colores"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200  # arrived signed in

    client.logout()
    again = client.get(link, follow=True)
    assert not again.context["validlink"], "an invitation link works only once"


def test_an_invitation_link_expires(client_for, coach, partnership, client, settings):
    person = partnership.birth_family.parents.create(first_name="Rosa")
    client_for(coach).post(
        reverse("accounts:invite_person", args=[person.pk]),
        {"email": "rosa@example.test", "role": Role.BIRTH_PARENT},
    )
    link = path_of(link_in(mail.outbox[0]))
    client.logout()
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert not client.get(link, follow=True).context["validlink"]


def test_inviting_again_sends_the_new_link_to_a_corrected_address(client_for, coach, partnership):
    person = partnership.birth_family.parents.create(first_name="Rosa")
    client = client_for(coach)
    url = reverse("accounts:invite_person", args=[person.pk])
    client.post(url, {"email": "rosa@exmaple.test", "role": Role.BIRTH_PARENT})
    client.post(url, {"email": "rosa@example.test", "role": Role.BIRTH_PARENT})
    person.refresh_from_db()
    assert mail.outbox[-1].to == ["rosa@example.test"]
    assert User.objects.get(pk=person.user_id).email == "rosa@example.test"
    assert person.email == "rosa@example.test"


def test_a_corrected_address_already_in_use_is_refused(client_for, coach, partnership, director):
    person = partnership.birth_family.parents.create(first_name="Rosa")
    client = client_for(coach)
    url = reverse("accounts:invite_person", args=[person.pk])
    client.post(url, {"email": "rosa@example.test", "role": Role.BIRTH_PARENT})
    response = client.post(url, {"email": director.email, "role": Role.BIRTH_PARENT})
    assert "Someone already signs in with this e-mail" in response.content.decode()
    assert User.objects.get(person=person).email == "rosa@example.test"


def test_a_coach_cannot_invite_a_parent_of_a_home_in_another_coachs_partnership(
    client_for, coach, other_partnership
):
    home = PartnerHomeFactory()
    stranger = home.parents.create(first_name="Grace")
    other_partnership.partner_home = home
    other_partnership.save()
    response = client_for(coach).post(
        reverse("accounts:invite_person", args=[stranger.pk]),
        {"email": "coach.alias@example.test", "role": Role.PARTNER_PARENT},
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="coach.alias@example.test").exists()
    page = client_for(coach).get(reverse("families:home_detail", args=[home.pk]))
    assert reverse("accounts:invite_person", args=[stranger.pk]) not in page.content.decode()


def test_a_coach_can_invite_a_parent_of_a_home_not_yet_matched(client_for, coach):
    home = PartnerHomeFactory()
    newcomer = home.parents.create(first_name="Grace")
    response = client_for(coach).post(
        reverse("accounts:invite_person", args=[newcomer.pk]),
        {"email": "grace@example.test", "role": Role.PARTNER_PARENT},
    )
    assert response.status_code == 302
    assert User.objects.get(email="grace@example.test").roles == {Role.PARTNER_PARENT}


def test_an_overlong_email_is_explained_not_a_server_error(client_for, coach, partnership):
    person = partnership.birth_family.parents.create(first_name="Rosa")
    response = client_for(coach).post(
        reverse("accounts:invite_person", args=[person.pk]),
        {"email": "a" * 250 + "@example.test", "role": Role.BIRTH_PARENT},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_opening_the_invitation_page_is_audited_as_a_view(client_for, coach, partnership):
    person = partnership.birth_family.parents.create(first_name="Rosa")
    client_for(coach).get(reverse("accounts:invite_person", args=[person.pk]))
    assert AuditEntry.objects.filter(
        action=Action.VIEWED, record_type="families.person", record_id=str(person.pk)
    ).exists()


def test_a_coach_cannot_make_someone_a_director(client_for, coach):
    response = client_for(coach).post(
        reverse("accounts:invite_new"),
        {"first_name": "Eve", "email": "eve@example.test", "language": "en", "role": Role.DIRECTOR},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="eve@example.test").exists()


def test_a_director_invites_a_new_coach(client_for, director):
    response = client_for(director).post(
        reverse("accounts:invite_new"),
        {"first_name": "Nia", "email": "nia@example.test", "language": "en", "role": Role.COACH},
        follow=True,
    )
    assert "Invitation sent to nia@example.test" in response.content.decode()
    assert User.objects.get(email="nia@example.test").roles == {Role.COACH}
    assert len(mail.outbox) == 1


def test_password_reset_sends_a_single_use_link_and_does_not_reveal_accounts(client, coach):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302 and mail.outbox == []
    client.post(reverse("accounts:password_reset"), {"email": coach.email})
    (message,) = mail.outbox
    form_page = client.get(path_of(link_in(message)), follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new password", "new_password2": "a brand new password"},
    )
    assert client.login(username=coach.email, password="a brand new password")


def test_a_persons_language_choice_is_remembered_on_their_account(client_for, birth_parent):
    client = client_for(birth_parent)
    response = client.post(
        reverse("accounts:set_language"),
        {"language": "es", "next": reverse("home:home")},
        follow=True,
    )
    birth_parent.refresh_from_db()
    assert birth_parent.language == "es"
    assert response.headers["Content-Language"] == "es"
    assert "Hola" in response.content.decode()


def test_a_visitor_gets_spanish_from_their_browser(client):
    response = client.get(reverse("accounts:sign_in"), HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.headers["Content-Language"] == "es"
    assert "Contraseña" in response.content.decode()


def test_the_language_switch_refuses_a_redirect_to_another_site(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home:home")


@pytest.mark.parametrize("target", ["abc", "home:home", "//evil.example/", "javascript:alert(1)"])
def test_the_language_switch_sends_a_next_that_is_not_a_path_on_this_site_home(client, target):
    """A bare word once reached redirect(), which took it for a view's name: a 500."""
    response = client.post(reverse("accounts:set_language"), {"language": "es", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")
