"""The gatherings' pages: the public listing and event page, replying, the reply's own
link, the organizer's headcount, the door, sharing afterwards and the calendar files."""

from datetime import timedelta

import pytest
import recurring_ical_events
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from audit.models import AuditEntry
from core.demo_files import one_page_pdf
from gatherings.models import Gathering, Registration, Resource, Status
from gatherings.services import registration_check_in, registration_make
from home.tests.test_query_counts import queries_for

pytestmark = pytest.mark.django_db


def guest_reply(client, gathering, **overrides):
    from gatherings.forms import GuestReplyForm

    started = GuestReplyForm(gathering=gathering).initial["started"]
    data = {
        "name": "Rosa Delgado",
        "email": "rosa@example.net",
        "phone": "",
        "adults": "1",
        "children_ages": "4, 7",
        "dietary": "Vegetarian",
        "interpretation": "es",
        "started": started,
        "website": "",
        **overrides,
    }
    return client.post(reverse("gatherings:reply", args=[gathering.pk]), data)


def test_a_guest_replies_with_two_children_and_reads_their_reply_with_the_online_link(
    client, gathering, django_capture_on_commit_callbacks
):
    page = client.get(gathering.get_absolute_url()).content.decode()
    assert "Holidays in two homes" in page and "meet.example.org" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = guest_reply(client, gathering)
    reply = Registration.objects.get()
    assert response.status_code == 302 and response["Location"] == reply.get_absolute_url()
    assert reply.children_ages == [4, 7] and reply.status == Status.CONFIRMED
    assert reply.language == "en" and reply.user is None
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "You have a place" in page and "https://meet.example.org/holidays" in page
    (confirmation,) = mail.outbox
    assert reply.get_absolute_url() in confirmation.body


def test_a_reply_missing_a_way_to_reach_them_is_explained_and_keeps_what_was_typed(
    client, gathering
):
    response = guest_reply(client, gathering, email="", dietary="No nuts, please")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give us a phone number or an e-mail" in page
    assert 'value="No nuts, please"' in page and 'value="4, 7"' in page
    assert not Registration.objects.exists()


def test_ages_that_are_not_childrens_ages_are_refused_in_words(client, gathering):
    response = guest_reply(client, gathering, children_ages="four and 30")
    assert response.status_code == 400
    assert "Write only their ages" in response.content.decode()
    response = guest_reply(client, gathering, children_ages="4 and 17")
    assert "up to 17 years old" not in response.content.decode()
    response = guest_reply(client, gathering, children_ages="4 and 30", email="b@example.net")
    assert "up to 17 years old" in response.content.decode()
    for junk in ("4.5", "9" * 5000, "²"):
        response = guest_reply(client, gathering, children_ages=junk, email="c@example.net")
        assert response.status_code == 400


def test_a_filled_hidden_field_is_a_robot_and_saves_nothing(client, gathering):
    response = guest_reply(client, gathering, website="http://spam.example")
    assert response.status_code == 302 and not Registration.objects.exists()


def test_a_signed_in_parent_replies_with_their_own_name_and_sees_it_on_the_page(
    client_for, partner_parent, gathering
):
    client = client_for(partner_parent)
    response = client.post(
        reverse("gatherings:reply", args=[gathering.pk]),
        {"adults": "1", "children_ages": "", "dietary": "", "interpretation": ""},
    )
    reply = Registration.objects.get()
    assert response.status_code == 302 and reply.user_id == partner_parent.pk
    assert reply.name == partner_parent.person.full_name
    page = client.get(gathering.get_absolute_url()).content.decode()
    assert "Your reply" in page and "Will you come?" not in page
    listing = client.get(reverse("gatherings:list")).content.decode()
    assert "Your replies" in listing


def test_the_reply_link_changes_the_numbers_and_cancelling_gives_the_place_away(
    client, gathering, reply_as
):
    rosa = reply_as(gathering, "Rosa", adults=2)
    yesenia = reply_as(gathering, "Yesenia", adults=2)
    assert yesenia.status == Status.WAITING
    url = rosa.get_absolute_url()
    response = client.post(url, {"adults": "1", "children_ages": "3", "dietary": ""})
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.adults == 1 and rosa.children_ages == [3]
    client.post(reverse("gatherings:registration_cancel", args=[rosa.secret]))
    yesenia.refresh_from_db()
    assert yesenia.status == Status.CONFIRMED
    assert "Cancelled" in client.get(url).content.decode()


def test_the_same_form_sent_twice_by_the_same_guest_opens_their_one_reply(client, gathering):
    from gatherings.forms import GuestReplyForm

    started = GuestReplyForm(gathering=gathering).initial["started"]
    first = guest_reply(client, gathering, started=started)
    again = guest_reply(client, gathering, started=started)
    assert again["Location"] == first["Location"] == Registration.objects.get().get_absolute_url()
    someone_else = guest_reply(client, gathering, started=started, name="Tamika Hayes")
    assert someone_else.status_code == 400
    assert "already used" in someone_else.content.decode()
    assert Registration.objects.count() == 1


def test_an_unknown_reply_link_opens_nothing(client):
    assert client.get(reverse("gatherings:registration", args=["guessed"])).status_code == 404


def test_an_unlisted_gathering_is_only_for_people_who_sign_in(client_for, gathering, outsider):
    client = Client()
    gathering.listed = False
    gathering.save()
    url = gathering.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(reverse("gatherings:gathering_ics", args=[gathering.pk])).status_code == 404
    assert "Holidays" not in client.get(reverse("gatherings:list")).content.decode()
    assert b"Holidays" not in client.get(reverse("gatherings:feed")).content
    assert client_for(outsider).get(url).status_code == 200


def test_the_reply_page_is_not_cached_and_its_secret_stays_out_of_the_audit_trail(
    client, gathering, reply_as
):
    rosa = reply_as(gathering, "Rosa")
    response = client.get(rosa.get_absolute_url())
    assert "no-store" in response["Cache-Control"]
    client.post(reverse("gatherings:registration_cancel", args=[rosa.secret]))
    paths = AuditEntry.objects.filter(record_type="gatherings.registration").values_list(
        "path", flat=True
    )
    assert len(paths) >= 2 and not any(rosa.secret in path for path in paths)


def test_a_change_after_the_event_began_is_refused_in_words(client, gathering, reply_as):
    import time_machine

    rosa = reply_as(gathering, "Rosa")
    with time_machine.travel(gathering.starts_at + timedelta(minutes=5)):
        response = client.post(rosa.get_absolute_url(), {"adults": "2"}, follow=True)
        assert "Replies to this event are closed" in response.content.decode()
        response = client.post(
            reverse("gatherings:registration_cancel", args=[rosa.secret]), follow=True
        )
        assert "already started" in response.content.decode()
    rosa.refresh_from_db()
    assert rosa.adults == 1 and rosa.status == Status.CONFIRMED


def test_the_organizer_sees_the_room_the_childcare_by_age_the_food_and_interpretation(
    client_for, coach, gathering, reply_as
):
    reply_as(gathering, "Rosa", adults=2, children_ages=[1, 4, 7], interpretation="es")
    reply_as(gathering, "Tamika", dietary="No pork")
    reply_as(gathering, "Yesenia", children_ages=[15])  # waiting: not planned for yet
    page = client_for(coach).get(reverse("gatherings:organize", args=[gathering.pk]))
    text = page.content.decode()
    assert "3 / 3" in text
    assert "<td>0-2</td><td>1</td>" in text and "<td>3-5</td><td>1</td>" in text
    assert "<td>6-12</td><td>1</td>" in text and "<td>13-17</td><td>0</td>" in text
    assert "Spanish: 2 adults" in text and "Tamika: No pork" in text
    assert AuditEntry.objects.filter(record_type="gatherings.gathering", action="viewed").exists()


def test_the_organizer_and_door_pages_run_the_same_queries_for_2_or_40_replies(
    client_for, coach, gathering, reply_as, settings
):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 100
    client = client_for(coach)
    urls = [
        reverse("gatherings:organize", args=[gathering.pk]),
        reverse("gatherings:check_in", args=[gathering.pk]),
        reverse("gatherings:list"),
        gathering.get_absolute_url(),
    ]
    for n in range(2):
        reply_as(gathering, f"Early{n}", children_ages=[n])
    few = [queries_for(client, url) for url in urls]
    for n in range(38):
        reply_as(gathering, f"Late{n}", children_ages=[3, 9], dietary="Vegetarian")
    Gathering.objects.create(
        title="Another", starts_at=gathering.starts_at, place="Hall", capacity=5, created_by=coach
    )
    assert [queries_for(client, url) for url in urls] == few


def test_the_door_finds_a_name_and_checks_them_in_without_reloading(
    client_for, coach, tonight, reply_as
):
    rosa = reply_as(tonight, "Rosa")
    reply_as(tonight, "Tamika")
    client = client_for(coach)
    door = reverse("gatherings:check_in", args=[tonight.pk])
    found = client.get(door, {"q": "ros"}, headers={"HX-Request": "true"}).content.decode()
    assert "Rosa" in found and "Tamika" not in found and "<html" not in found
    row = client.post(door, {"registration": rosa.pk}, headers={"HX-Request": "true"})
    row = row.content.decode()
    assert "Here" in row and "Undo Rosa" in row
    assert 'id="here-count"' in row and "1 adult here" in row
    rosa.refresh_from_db()
    assert rosa.checked_in_at is not None


def test_a_walk_in_is_checked_in_and_a_bad_one_is_explained(client_for, coach, tonight):
    client = client_for(coach)
    url = reverse("gatherings:walk_in", args=[tonight.pk])
    response = client.post(url, {"name": "Linda", "adults": "1", "children_ages": "2"})
    assert response.status_code == 302
    linda = Registration.objects.get(name="Linda")
    assert linda.walk_in and linda.checked_in_at and linda.children_ages == [2]
    response = client.post(url, {"name": "", "adults": "0"})
    assert response.status_code == 400 and "Please fix" in response.content.decode()


def test_a_handout_reaches_those_who_came_and_nobody_else(
    client_for, client, coach, tonight, reply_as, django_capture_on_commit_callbacks
):
    gathering = tonight
    came = reply_as(gathering, "Rosa")
    stayed_home = reply_as(gathering, "Tamika")
    registration_check_in(actor=coach, registration=came)
    mail.outbox.clear()
    handout = SimpleUploadedFile("tips.pdf", one_page_pdf("Five things to try"), "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coach).post(
            reverse("gatherings:share", args=[gathering.pk]),
            {"kind": "file", "title": "Five things to try", "upload": handout},
        )
    assert response.status_code == 302
    (told,) = mail.outbox
    assert told.to == ["rosa@example.net"] and "Shared after" in told.subject
    resource = Resource.objects.get()
    mine = reverse("gatherings:registration_file", args=[came.secret, resource.pk])
    theirs = reverse("gatherings:registration_file", args=[stayed_home.secret, resource.pk])
    client.logout()
    download = client.get(mine)
    assert download.status_code == 200 and b"".join(download.streaming_content)[:5] == b"%PDF-"
    assert client.get(theirs).status_code == 404
    assert "Five things to try" in client.get(came.get_absolute_url()).content.decode()
    assert "Five things to try" not in client.get(stayed_home.get_absolute_url()).content.decode()


def test_sharing_a_file_that_is_neither_pdf_nor_photo_is_refused_in_words(
    client_for, coach, gathering
):
    response = client_for(coach).post(
        reverse("gatherings:share", args=[gathering.pk]),
        {
            "kind": "file",
            "title": "Notes",
            "upload": SimpleUploadedFile("notes.txt", b"hello", "text/plain"),
        },
    )
    assert response.status_code == 400
    assert "Choose a PDF or a photo" in response.content.decode()


def test_the_event_file_and_the_feed_parse_and_keep_the_online_link_out(client, coach, gathering):
    other = Gathering.objects.create(
        title="Unlisted training",
        starts_at=gathering.starts_at + timedelta(days=1),
        place="Office",
        capacity=5,
        listed=False,
        created_by=coach,
    )
    body = client.get(reverse("gatherings:gathering_ics", args=[gathering.pk])).content
    (event,) = recurring_ical_events.of(Calendar.from_ical(body)).between(
        timezone.now(), timezone.now() + timedelta(days=30)
    )
    assert str(event["SUMMARY"]) == "Holidays in two homes"
    assert event["DTSTART"].dt == gathering.starts_at.replace(microsecond=0)
    assert str(event["LOCATION"]) == gathering.place
    assert b"meet.example.org" not in body
    feed = client.get(reverse("gatherings:feed")).content
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(feed).walk("VEVENT")}
    assert titles == {"Holidays in two homes"} and other.title not in titles


def test_a_cancelled_gathering_stays_in_the_feed_marked_cancelled(
    client_for, client, coach, gathering
):
    client_for(coach).post(reverse("gatherings:cancel", args=[gathering.pk]))
    client.logout()
    feed = Calendar.from_ical(client.get(reverse("gatherings:feed")).content)
    (event,) = feed.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert "cancelled" in client.get(gathering.get_absolute_url()).content.decode()


def test_the_team_plans_a_gathering_and_a_bad_one_is_explained(client_for, coach):
    client = client_for(coach)
    data = {
        "kind": "gathering",
        "title": "Back to school",
        "description": "",
        "starts_at": (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT18:00"),
        "minutes": "90",
        "place": "",
        "online_link": "",
        "capacity": "20",
        "audience": "partner",
        "language": "both",
        "childcare": "on",
        "listed": "on",
    }
    response = client.post(reverse("gatherings:new"), data)
    assert response.status_code == 400 and "Say where it is" in response.content.decode()
    response = client.post(reverse("gatherings:new"), {**data, "place": "Fellowship Hall"})
    made = Gathering.objects.get(title="Back to school")
    assert response["Location"] == reverse("gatherings:organize", args=[made.pk])
    assert made.childcare and made.created_by_id == coach.pk


def test_a_place_is_on_the_persons_calendar_page_and_private_feed_and_a_wait_is_not(
    client_for, client, gathering, partner_parent, birth_parent, reply_as
):
    from schedule.services import feed_token_create

    reply_as(gathering, "Rosa", adults=2)
    registration_make(gathering=gathering, user=partner_parent, data={"name": "Paula"})
    registration_make(gathering=gathering, user=birth_parent, data={"name": "Beatriz"})
    agenda = client_for(partner_parent).get(reverse("schedule:agenda")).content.decode()
    assert "Holidays in two homes" in agenda and "Has a place" in agenda
    for user, expected in ((partner_parent, {"Holidays in two homes"}), (birth_parent, set())):
        token = feed_token_create(user=user)
        feed = client.get(reverse("schedule:feed", args=[token.secret])).content
        summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(feed).walk("VEVENT")}
        assert summaries & {"Holidays in two homes"} == expected
        assert b"meet.example.org" not in feed


def test_a_secret_that_could_not_be_ours_answers_404_on_every_database(client):
    for secret in ("%00abc", "a" * 10, "x" * 65):
        assert client.get(f"/gatherings/reply/{secret}/").status_code == 404
        assert client.get(f"/calendar/feed/{secret}.ics").status_code == 404


def test_replying_twice_is_explained_on_the_page_that_no_longer_shows_the_form(
    client_for, partner_parent, gathering
):
    client = client_for(partner_parent)
    url = reverse("gatherings:reply", args=[gathering.pk])
    data = {"adults": "1", "children_ages": "", "dietary": "", "interpretation": ""}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "You have already replied" in response.content.decode()


def test_a_room_of_no_places_is_refused_in_words(client_for, coach, gathering):
    response = client_for(coach).post(
        reverse("gatherings:edit", args=[gathering.pk]),
        {
            "kind": "gathering",
            "title": gathering.title,
            "starts_at": timezone.localtime(gathering.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "minutes": "120",
            "place": gathering.place,
            "capacity": "0",
            "audience": "partner",
            "language": "both",
        },
    )
    assert (
        response.status_code == 400 and "Give it at least one place." in response.content.decode()
    )


def test_a_long_list_of_gatherings_comes_a_page_at_a_time_with_a_parents_soonest_replies(
    client_for, coach, partner_parent, gathering
):
    from gatherings.selectors import REPLIES_SHOWN
    from gatherings.views import LIST_PAGE

    for n in range(LIST_PAGE + 5):
        later = Gathering.objects.create(
            title=f"Supper club {n:02d}",
            starts_at=gathering.starts_at + timedelta(days=n + 1),
            place="Hall",
            capacity=20,
            created_by=coach,
        )
        Registration.objects.create(
            gathering=later,
            user=partner_parent,
            name="Paula",
            status=Status.CONFIRMED,
            secret=f"paula-{n}",
        )
    parent = client_for(partner_parent)
    first = parent.get(reverse("gatherings:list")).content.decode()
    assert "Holidays in two homes" in first and "Supper club 18" in first
    replies, listing = first.split('id="mine-heading"')[1].split("</section>", 1)
    assert replies.count("Supper club") == REPLIES_SHOWN
    assert "Supper club 19" not in listing
    assert "Your replies further ahead are on your calendar" in first
    second = parent.get(reverse("gatherings:list"), {"page": 2}).content.decode()
    assert "Supper club 24" in second and "Page 2 of 2" in second
