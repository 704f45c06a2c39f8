import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agreements.models import RestrictionKind
from agreements.services import restriction_add
from conversations.models import Conversation, Message

pytestmark = pytest.mark.django_db


def start(client, partnership, kind):
    return client.post(
        reverse("conversations:start", args=[partnership.pk]), {"kind": kind}, follow=True
    )


def test_the_two_homes_message_each_other_without_seeing_phone_or_email(
    client_for, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    birth_parent.person.phone = "+15125550117"
    birth_parent.person.save()
    response = start(client_for(birth_parent), agreed, "homes")
    thread = Conversation.objects.get(kind="homes")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(birth_parent).post(
            reverse("conversations:thread", args=[thread.pk]), {"text": "Can Sofi call me Sunday?"}
        )
    page = client_for(partner_parent).get(reverse("conversations:thread", args=[thread.pk]))
    body = page.content.decode()
    assert "Can Sofi call me Sunday?" in body
    assert "555-0117" not in body and birth_parent.email not in body
    (notice,) = mail.outbox
    assert notice.to == [partner_parent.email] and "Sofi" not in notice.body
    assert response.status_code == 200


def test_a_no_contact_order_closes_the_conversation_between_the_homes(
    client_for, coach, birth_parent, partner_parent, agreed
):
    start(client_for(birth_parent), agreed, "homes")
    thread = Conversation.objects.get(kind="homes")
    restriction_add(
        actor=coach,
        partnership=agreed,
        kind=RestrictionKind.NO_CONTACT,
        starts_on=timezone.localdate(),
    )
    url = reverse("conversations:thread", args=[thread.pk])
    assert client_for(partner_parent).get(url).status_code == 404
    assert client_for(birth_parent).post(url, {"text": "Hello"}).status_code == 404
    refused = start(client_for(partner_parent), agreed, "homes").content.decode()
    assert "A court order is in force" in refused
    assert not Message.objects.exists()
    assert client_for(coach).get(url).status_code == 200  # the coach keeps the record


def test_the_homes_cannot_message_before_the_agreement_is_acknowledged(
    client_for, birth_parent, partnership
):
    page = start(client_for(birth_parent), partnership, "homes").content.decode()
    assert "once both have acknowledged the agreement" in page
    assert not Conversation.objects.exists()


def test_a_parents_conversation_with_the_coach_is_theirs_alone(
    client_for, coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    start(client_for(birth_parent), agreed, "coach")
    thread = Conversation.objects.get(kind="coach")
    url = reverse("conversations:thread", args=[thread.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(birth_parent).post(url, {"text": "I got the apartment!"})
    assert [m.to for m in mail.outbox] == [[coach.email]]
    assert client_for(partner_parent).get(url).status_code == 404
    assert "I got the apartment!" in client_for(coach).get(url).content.decode()


def test_the_inbox_lists_what_each_person_may_open(
    client_for, coach, birth_parent, partner_parent, agreed
):
    start(client_for(birth_parent), agreed, "coach")
    start(client_for(birth_parent), agreed, "homes")
    partner_inbox = client_for(partner_parent).get(reverse("conversations:inbox"))
    body = partner_inbox.content.decode()
    assert "Between the two homes" in body and "With your coach" not in body
    coach_inbox = client_for(coach).get(reverse("conversations:inbox")).content.decode()
    assert birth_parent.person.full_name in coach_inbox
