"""A parent answers a text: "C" confirms tomorrow's family time, STOP and START (in
English and Spanish) turn texts off and on, HELP answers, any other words reach the
coach. Every request is signed as Twilio signs it, and an unsigned one changes nothing."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from twilio.request_validator import RequestValidator

from agreements.selectors import sharing_for
from audit.models import AuditEntry
from conversations.models import Conversation, Message
from notices import sms
from notices.models import Preference
from schedule.models import Confirmation
from schedule.services import event_create
from texts.models import OptOut
from texts.tests.signing import SITE, TOKEN, new_sid, reply_of, text_in

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
PHONE = "+15125550117"
STRANGER = "+15125550199"


@pytest.fixture(autouse=True)
def _twilio(settings):
    settings.TIME_ZONE = "America/Chicago"
    settings.SITE_URL = SITE
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.PROGRAM_NAME = "Partners in Permanency"


@pytest.fixture
def parent(birth_parent, agreed):
    person = birth_parent.person
    person.phone, person.texts_ok = PHONE, True
    person.save()
    return birth_parent


def family_time(coach, partnership, starts_at, **fields):
    data = {
        "kind": "visit",
        "title": "Family time",
        "starts_at": starts_at,
        "minutes": 60,
        "place": "visit_room",
        **fields,
    }
    return event_create(actor=coach, sharing=sharing_for(partnership), data=data)


def tomorrow_at(hour: int) -> datetime:
    tomorrow = timezone.localdate(timezone.now(), CHICAGO) + timedelta(days=1)
    return datetime.combine(tomorrow, time(hour), tzinfo=CHICAGO)


def test_c_confirms_tomorrows_family_time_and_the_coach_sees_it(
    client, client_for, coach, parent, agreed
):
    # Weekly family time that began a week ago: tomorrow's is one of its dates.
    event = family_time(coach, agreed, tomorrow_at(16) - timedelta(weeks=1), repeat="FREQ=WEEKLY")
    reply = reply_of(text_in(client, " c ", PHONE))
    assert reply == "Thanks, see you tomorrow at 4 p.m."
    (confirmation,) = Confirmation.objects.all()
    assert (confirmation.event_id, confirmation.user_id) == (event.pk, parent.pk)
    assert confirmation.occurrence == tomorrow_at(16)
    assert AuditEntry.objects.filter(
        actor=parent, action="created", record_type="schedule.confirmation"
    ).exists()
    # Said twice (or the webhook sent twice): one confirmation.
    reply_of(text_in(client, "C", PHONE))
    assert Confirmation.objects.count() == 1

    name = parent.person.called
    coach_client = client_for(coach)
    agenda = coach_client.get(reverse("schedule:agenda")).content.decode()
    assert f"Confirmed by {name}" in agenda
    page = coach_client.get(
        reverse("schedule:event", args=[event.pk]),
        {"occurrence": tomorrow_at(16).isoformat()},
    ).content.decode()
    assert "Confirmed by text" in page and name in page


def test_the_confirmation_names_no_child_and_no_place(client, coach, parent, agreed):
    family_time(coach, agreed, tomorrow_at(10), place_detail="Pease Park, by the swings")
    reply = reply_of(text_in(client, "C", PHONE))
    assert "tomorrow at 10 a.m." in reply
    children = [child.first_name for child in agreed.children.all()]
    assert children and not any(child in reply for child in children)
    assert "Pease" not in reply and "visit room" not in reply.lower()


def test_c_without_family_time_tomorrow_says_so_politely(client, coach, parent, agreed):
    family_time(coach, agreed, tomorrow_at(16) + timedelta(days=1))  # the day after
    reply = reply_of(text_in(client, "C", PHONE))
    assert reply.startswith("Thank you. We found no family time for you tomorrow.")
    assert not Confirmation.objects.exists()


def test_stop_stops_every_text_to_the_number_until_start(client, parent):
    sms.outbox.clear()
    sms.send_sms(PHONE, "You have a new update")
    assert len(sms.outbox) == 1
    reply = reply_of(text_in(client, "Stop", PHONE))
    assert reply.startswith("Partners in Permanency: you will get no more texts")
    assert OptOut.objects.filter(number=PHONE).exists()
    # Not the console, not the memory backend, not a notice: nothing goes.
    sms.send_sms(PHONE, "You have a new update")
    Preference.objects.create(user=parent, channel="sms", frequency="instant")
    from notices.delivery import notify

    notify(user_id=parent.pk, path="/journal/1/")
    assert len(sms.outbox) == 1
    reply = reply_of(text_in(client, "START", PHONE))
    assert "texts are on again" in reply
    assert not OptOut.objects.exists()
    sms.send_sms(PHONE, "You have a new update")
    assert len(sms.outbox) == 2
    actions = list(
        AuditEntry.objects.filter(record_type="texts.optout")
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions == [("created", parent.pk), ("removed", parent.pk)]


@pytest.mark.parametrize("word", ["STOPALL", "unsubscribe", "Cancel", "end", "quit", "S T O P."])
def test_the_carriers_other_stop_words_stop_texts_too(client, parent, word):
    reply_of(text_in(client, word, PHONE))
    assert OptOut.objects.filter(number=PHONE).exists()


def test_spanish_keywords_stop_and_start_and_the_answer_is_in_spanish(client, parent):
    parent.language = "es"
    parent.save()
    reply = reply_of(text_in(client, "Parar", PHONE))
    assert "no le enviaremos más mensajes" in reply
    assert OptOut.objects.filter(number=PHONE).exists()
    for word in ("alto", "CANCELAR"):
        reply_of(text_in(client, word, PHONE))
    assert OptOut.objects.count() == 1
    reply = reply_of(text_in(client, "comenzar", PHONE))
    assert "los mensajes vuelven" in reply.lower()
    assert not OptOut.objects.exists()
    reply_of(text_in(client, "PARAR", PHONE))
    reply_of(text_in(client, "Iniciar", PHONE))
    assert not OptOut.objects.exists()


def test_help_names_the_program_and_says_how_to_stop_in_the_persons_language(client, parent):
    reply = reply_of(text_in(client, "help", PHONE))
    assert reply.startswith("Partners in Permanency:") and "Reply STOP" in reply
    parent.language = "es"
    parent.save()
    reply = reply_of(text_in(client, "Ayuda", PHONE))
    assert reply.startswith("Partners in Permanency:") and "PARAR" in reply


def test_any_other_reply_reaches_the_coach_as_a_message_from_the_parent(
    client, client_for, coach, parent, agreed, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    sid = new_sid()
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_of(text_in(client, "Running 10 minutes late, sorry!", PHONE, sid=sid))
    assert reply == "Thank you. Your coach will see your message in Village."
    (message,) = Message.objects.all()
    assert message.author_id == parent.pk and message.text == "Running 10 minutes late, sorry!"
    conversation = Conversation.objects.get(pk=message.conversation_id)
    assert (conversation.kind, conversation.parent_id) == ("coach", parent.pk)
    # The coach hears of it as of any message: that something is new, not what.
    (notice,) = mail.outbox
    assert notice.to == [coach.email] and "late" not in notice.body
    thread = client_for(coach).get(reverse("conversations:thread", args=[conversation.pk]))
    assert "Running 10 minutes late" in thread.content.decode()
    # Twilio sends the same text again when we were slow to answer: still one message.
    reply_of(text_in(client, "Running 10 minutes late, sorry!", PHONE, sid=sid))
    assert Message.objects.count() == 1


def test_yes_from_a_number_that_never_stopped_is_an_answer_for_the_coach(client, parent):
    reply_of(text_in(client, "Yes", PHONE))
    assert Message.objects.get().text == "Yes"


def test_an_unknown_number_gets_a_polite_answer_and_nothing_is_kept(
    client, parent, security_events
):
    before = AuditEntry.objects.count()
    reply = reply_of(text_in(client, "Hi, is this the program? Call me", STRANGER))
    assert "cannot answer texts from this number" in reply
    assert not Message.objects.exists() and not Confirmation.objects.exists()
    assert not OptOut.objects.exists()
    # The attempt is noted, without the number or any part of it.
    ((event, user, detail),) = security_events
    assert (event, user, detail) == ("refused", None, "texts:unknown_sender")
    (entry,) = AuditEntry.objects.order_by("pk")[before:]
    assert entry.record_id == "texts:unknown_sender" and "199" not in str(vars(entry))


@pytest.mark.parametrize(
    "signing",
    [
        {"signature": ""},  # no signature at all
        {"signature": "bm90IGEgc2lnbmF0dXJl"},  # made up
        {"token": "another-accounts-token"},  # signed, with the wrong token
    ],
)
def test_an_unsigned_or_wrongly_signed_text_is_refused_and_changes_nothing(
    client, coach, parent, agreed, security_events, signing
):
    family_time(coach, agreed, tomorrow_at(16))
    for body in ("STOP", "C", "Let me in"):
        response = text_in(client, body, PHONE, **signing)
        assert response.status_code == 403
    assert not OptOut.objects.exists()
    assert not Confirmation.objects.exists() and not Message.objects.exists()
    assert [event for event, _user, _detail in security_events] == ["refused"] * 3
    refusals = AuditEntry.objects.filter(action="refused", record_id="texts:incoming unsigned")
    assert refusals.count() == 3


def test_a_request_signed_for_another_address_is_refused(client, parent):
    """A signature made for another site's address (or replayed from one) is no good
    here: it is checked against our own public address."""
    fields = {"MessageSid": new_sid(), "From": PHONE, "To": "+15125550100", "Body": "STOP"}
    elsewhere = "https://elsewhere.example.org" + reverse("texts:incoming")
    signature = RequestValidator(TOKEN).compute_signature(elsewhere, fields)
    response = client.post(
        reverse("texts:incoming"), fields, headers={"X-Twilio-Signature": signature}
    )
    assert response.status_code == 403
    assert not OptOut.objects.exists()


def test_without_a_token_every_webhook_is_refused(client, parent, settings):
    settings.TWILIO_AUTH_TOKEN = ""
    assert text_in(client, "STOP", PHONE, token=TOKEN).status_code == 403
    assert not OptOut.objects.exists()


def test_a_webhook_is_posted_not_opened(client):
    assert client.get(reverse("texts:incoming")).status_code == 405


def test_twilio_is_not_throttled_like_a_visitor_but_unsigned_floods_are(
    client, parent, settings, security_events
):
    """Every text and delivery report comes from Twilio's few addresses: signed, they
    all go through; unsigned, they are refused, and past the public forms' limit no
    longer written to the trail one by one."""
    settings.PUBLIC_POSTS_PER_HOUR = 2
    for _n in range(5):
        assert text_in(client, "help", PHONE).status_code == 200
    for _n in range(5):
        assert text_in(client, "STOP", PHONE, signature="forged").status_code == 403
    assert len(security_events) == 2
    assert not OptOut.objects.exists()


def test_a_coachs_own_phone_neither_confirms_nor_writes_as_a_parent(client, coach, agreed):
    coach.person.phone = "+15125550142"
    coach.person.save()
    family_time(coach, agreed, tomorrow_at(16))
    for body in ("C", "Running late"):
        assert reply_of(text_in(client, body, "+15125550142")) == (
            "Thank you. Please answer in Village."
        )
    assert not Confirmation.objects.exists() and not Message.objects.exists()
