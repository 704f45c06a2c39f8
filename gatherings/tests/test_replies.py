"""Places, the wait-list, changes and the messages that go with them."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.testing import sign_in_client
from gatherings.models import Registration, Reminder, Status
from gatherings.reminders import reminders_send
from gatherings.services import (
    AlreadyReceived,
    StaleForm,
    TooManyReplies,
    gathering_cancel,
    gathering_change,
    registration_cancel,
    registration_change,
    registration_check_in,
    registration_make,
    walk_in_add,
)
from notices import sms

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """`with told():` sends the messages queued inside once it ends, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def statuses(gathering):
    return dict(Registration.objects.filter(gathering=gathering).values_list("name", "status"))


def test_replies_get_places_until_the_adults_fill_the_room_then_wait(gathering, reply_as):
    reply_as(gathering, "Rosa", adults=2, children_ages=[4, 7])
    reply_as(gathering, "Tamika")
    late = reply_as(gathering, "Yesenia")
    assert late.status == Status.WAITING
    assert statuses(gathering) == {
        "Rosa": Status.CONFIRMED,
        "Tamika": Status.CONFIRMED,
        "Yesenia": Status.WAITING,
    }


def test_a_cancellation_gives_the_place_to_the_first_person_waiting(gathering, reply_as, told):
    reply_as(gathering, "Rosa", adults=2)
    tamika = reply_as(gathering, "Tamika")
    reply_as(gathering, "Yesenia")
    reply_as(gathering, "Marta")
    mail.outbox.clear()
    with told():
        promoted = registration_cancel(registration=tamika)
    assert [r.name for r in promoted] == ["Yesenia"]
    assert statuses(gathering)["Marta"] == Status.WAITING
    (told,) = mail.outbox
    assert told.to == ["yesenia@example.net"] and "A place opened" in told.subject


def test_a_family_too_large_for_the_free_place_keeps_its_turn_while_one_person_comes_in(
    gathering, reply_as
):
    reply_as(gathering, "Rosa", adults=2)
    tamika = reply_as(gathering, "Tamika")
    reply_as(gathering, "Ortiz", adults=3)
    reply_as(gathering, "Marta")
    registration_cancel(registration=tamika)
    assert statuses(gathering)["Marta"] == Status.CONFIRMED
    assert statuses(gathering)["Ortiz"] == Status.WAITING


def test_a_new_reply_waits_behind_people_already_waiting(gathering, reply_as):
    rosa = reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Ortiz", adults=2)
    registration_change(registration=rosa, data={"adults": 2})
    # One place is free, but it is too small for the family waiting; Marta takes it.
    marta = reply_as(gathering, "Marta")
    assert marta.status == Status.CONFIRMED
    assert statuses(gathering)["Ortiz"] == Status.WAITING


def test_a_signed_in_person_replies_once_and_can_come_back_after_cancelling(
    gathering, partner_parent
):
    first = registration_make(gathering=gathering, user=partner_parent, data={"name": "Paula"})
    with pytest.raises(ValidationError, match="already replied"):
        registration_make(gathering=gathering, user=partner_parent, data={"name": "Paula"})
    registration_cancel(registration=first)
    again = registration_make(
        gathering=gathering, user=partner_parent, data={"name": "Paula", "adults": 2}
    )
    assert again.pk == first.pk and again.status == Status.CONFIRMED and again.adults == 2


def test_the_same_form_sent_twice_makes_one_reply(gathering):
    data = {"name": "Rosa", "email": "rosa@example.net"}
    first = registration_make(gathering=gathering, data=data, ip="192.0.2.1", nonce="n-1")
    with pytest.raises(AlreadyReceived) as again:
        registration_make(gathering=gathering, data=data, ip="192.0.2.1", nonce="n-1")
    assert again.value.registration == first
    assert Registration.objects.count() == 1


def test_one_connection_cannot_flood_the_wait_list(gathering, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 2
    for n in range(2):
        registration_make(gathering=gathering, data={"name": f"R{n}"}, ip="192.0.2.9")
    with pytest.raises(TooManyReplies):
        registration_make(gathering=gathering, data={"name": "R3"}, ip="192.0.2.9")


def test_someone_with_a_place_cannot_add_adults_beyond_the_room_and_keeps_their_place(
    gathering, reply_as
):
    rosa = reply_as(gathering, "Rosa", adults=2)
    reply_as(gathering, "Tamika")
    with pytest.raises(ValidationError, match="room for 2 adults"):
        registration_change(registration=rosa, data={"adults": 3})
    rosa.refresh_from_db()
    assert rosa.adults == 2 and rosa.status == Status.CONFIRMED


def test_fewer_adults_let_the_wait_list_in(gathering, reply_as):
    rosa = reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Yesenia")
    registration_change(registration=rosa, data={"adults": 2})
    assert statuses(gathering)["Yesenia"] == Status.CONFIRMED


def test_the_room_cannot_shrink_below_those_with_a_place_and_a_larger_one_lets_people_in(
    gathering, reply_as, coach
):
    reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Yesenia")
    with pytest.raises(ValidationError, match="3 adults already have a place"):
        gathering_change(actor=coach, gathering=gathering, data={"capacity": 2})
    gathering_change(actor=coach, gathering=gathering, data={"capacity": 4})
    assert statuses(gathering)["Yesenia"] == Status.CONFIRMED


def test_a_new_time_tells_everyone_registered_and_moves_the_calendar_copy(
    gathering, reply_as, coach, told
):
    reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Yesenia")
    gone = reply_as(gathering, "Gone")
    registration_cancel(registration=gone)
    mail.outbox.clear()
    later = gathering.starts_at + timedelta(hours=1)
    with told():
        changed = gathering_change(actor=coach, gathering=gathering, data={"starts_at": later})
    assert changed == ["starts_at"] and gathering.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["rosa@example.net", "yesenia@example.net"]
    assert all(m.subject.startswith("Changed:") for m in mail.outbox)


def test_a_cancelled_gathering_tells_everyone_and_takes_no_more_replies(
    gathering, reply_as, coach, told
):
    reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Yesenia")
    mail.outbox.clear()
    with told():
        gathering_cancel(actor=coach, gathering=gathering)
    assert len(mail.outbox) == 2 and all("Cancelled" in m.subject for m in mail.outbox)
    with pytest.raises(ValidationError, match="cancelled"):
        reply_as(gathering, "Late")


def test_replies_close_when_the_gathering_begins(gathering, reply_as):
    with (
        time_machine.travel(gathering.starts_at + timedelta(minutes=1)),
        pytest.raises(ValidationError, match="already started"),
    ):
        reply_as(gathering, "Late")


def test_messages_name_the_event_and_link_to_the_reply_but_never_the_children(
    gathering, reply_as, told
):
    mail.outbox.clear()
    with told():
        rosa = reply_as(gathering, "Rosa", children_ages=[4, 7], dietary="Vegetarian")
    (confirmation,) = mail.outbox
    assert confirmation.subject == "You have a place: Holidays in two homes"
    assert rosa.get_absolute_url() in confirmation.body
    for private in ("4, 7", "Vegetarian", "meet.example.org"):
        assert private not in confirmation.body


def test_a_text_goes_only_to_a_phone_the_person_said_may_be_texted(gathering, reply_as, told):
    sms.outbox.clear()
    with told():
        reply_as(gathering, "Tamika", phone="+15125550188", texts_ok=True, email="")
        reply_as(gathering, "Rosa", phone="+15125550199", texts_ok=False)
    ((to, text),) = sms.outbox
    assert to == "+15125550188" and text.startswith("Village: you have a place")


def test_a_guest_who_replied_in_spanish_is_written_to_in_spanish(gathering, reply_as, told):
    mail.outbox.clear()
    with told():
        reply_as(gathering, "Rosa", language="es")
    assert mail.outbox[0].subject.startswith("Tiene un lugar")


def test_each_place_is_reminded_once_the_day_before(gathering, reply_as):
    reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Yesenia")  # waiting: not reminded
    mail.outbox.clear()
    with time_machine.travel(gathering.starts_at - timedelta(days=2)):
        assert reminders_send() == 0
    with time_machine.travel(gathering.starts_at - timedelta(hours=23)):
        assert reminders_send() == 1
        assert reminders_send() == 0
    assert [m.to for m in mail.outbox] == [["rosa@example.net"]]
    assert Reminder.objects.count() == 1


def test_the_door_lets_the_waiting_in_and_a_mistaken_tap_puts_them_back_on_the_wait_list(
    tonight, reply_as, coach
):
    reply_as(tonight, "Rosa", adults=3)
    yesenia = reply_as(tonight, "Yesenia")
    registration_check_in(actor=coach, registration=yesenia)
    assert yesenia.status == Status.CONFIRMED and yesenia.checked_in_at is not None
    registration_check_in(actor=coach, registration=yesenia, undo=True)
    yesenia.refresh_from_db()
    assert yesenia.checked_in_at is None and yesenia.status == Status.WAITING
    walk_in = walk_in_add(
        actor=coach, gathering=tonight, data={"name": "Linda", "adults": 1, "children_ages": [2]}
    )
    assert walk_in.walk_in and walk_in.checked_in_at <= timezone.now()


def test_the_door_is_closed_days_before_and_to_cancelled_replies(
    gathering, tonight, reply_as, coach
):
    early = reply_as(gathering, "Rosa")
    with pytest.raises(ValidationError, match="Check-in opens three hours before"):
        registration_check_in(actor=coach, registration=early)
    with pytest.raises(ValidationError, match="Check-in opens three hours before"):
        walk_in_add(actor=coach, gathering=gathering, data={"name": "Linda", "adults": 1})
    gone = reply_as(tonight, "Tamika")
    registration_cancel(registration=gone)
    with pytest.raises(ValidationError, match="was cancelled"):
        registration_check_in(actor=coach, registration=gone)


def test_once_it_has_begun_nobody_cancels_and_nobody_is_promoted(gathering, reply_as, coach):
    rosa = reply_as(gathering, "Rosa", adults=3)
    reply_as(gathering, "Yesenia")
    with time_machine.travel(gathering.starts_at + timedelta(minutes=5)):
        with pytest.raises(ValidationError, match="already started"):
            registration_cancel(registration=rosa)
        gathering_change(actor=coach, gathering=gathering, data={"capacity": 10})
    assert statuses(gathering)["Yesenia"] == Status.WAITING


def test_a_form_used_by_someone_else_is_refused_and_their_reply_stays_theirs(gathering):
    rosa = registration_make(
        gathering=gathering,
        data={"name": "Rosa", "email": "r@example.net"},
        ip="192.0.2.1",
        nonce="n",
    )
    with pytest.raises(StaleForm):
        registration_make(
            gathering=gathering,
            data={"name": "Tamika", "email": "t@example.net"},
            ip="192.0.2.1",
            nonce="n",
        )
    assert list(Registration.objects.all()) == [rosa]


def test_someone_who_replies_on_the_day_is_not_reminded_of_it(tonight, reply_as):
    reply_as(tonight, "Rosa")
    assert reminders_send() == 0


def test_a_walk_in_tapped_by_mistake_frees_their_place_for_the_first_person_waiting(
    tonight, reply_as, coach
):
    reply_as(tonight, "Rosa", adults=2)
    linda = walk_in_add(actor=coach, gathering=tonight, data={"name": "Linda", "adults": 1})
    yesenia = reply_as(tonight, "Yesenia")
    assert yesenia.status == Status.WAITING
    registration_check_in(actor=coach, registration=linda, undo=True)
    assert linda.status == Status.CANCELLED
    yesenia.refresh_from_db()
    assert yesenia.status == Status.CONFIRMED


def test_someone_checked_in_cannot_cancel_from_their_link(tonight, reply_as, coach):
    rosa = reply_as(tonight, "Rosa")
    registration_check_in(actor=coach, registration=rosa)
    with pytest.raises(ValidationError, match="checked in already"):
        registration_cancel(registration=rosa)


def test_one_adult_is_one_adult_in_the_refusal(gathering, reply_as, coach):
    reply_as(gathering, "Rosa")
    with pytest.raises(ValidationError, match="1 adult already has a place"):
        gathering_change(actor=coach, gathering=gathering, data={"capacity": 0})


def test_a_reply_wears_the_same_tag_colour_on_the_organizers_page_and_its_own(
    client, gathering, reply_as, coach
):
    """A place is green and the wait-list gold wherever a reply's status is shown
    (core.badges), on the organizer's headcount and on the reply's own page."""
    rosa = reply_as(gathering, "Rosa", adults=3)
    yesenia = reply_as(gathering, "Yesenia")
    sign_in_client(client, coach)
    organizer = client.get(reverse("gatherings:organize", args=[gathering.pk])).content.decode()
    assert f'<span class="badge ok">{rosa.get_status_display()}</span>' in organizer
    assert f'<span class="badge attention">{yesenia.get_status_display()}</span>' in organizer
    client.logout()
    own = client.get(yesenia.get_absolute_url()).content.decode()
    assert '<span class="badge attention">' in own
