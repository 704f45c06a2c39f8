"""A double tap, or a form sent again, makes one record: each create form carries the
one-time key its page rendered, and the second sending is answered as the first was, a
normal redirect with the same confirmation, not an error (core/once.py, decision 0023).

Each test takes the key from the page a person sees, so it also proves the page sends it."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from assistance.models import AssistanceRequest
from caseplan.models import Contact, Goal
from conversations.models import Conversation, Message
from core.models import FormKey
from families.models import Child
from gatherings.models import Gathering, Registration
from intake.models import ContactAttempt, Submission
from journal.models import Post
from partnerships.models import Partnership
from schedule.models import Event

pytestmark = pytest.mark.django_db


def key_on(client, url, prefix="") -> str:
    page = client.get(url).content.decode()
    found = re.search(rf'name="{prefix}key" value="([A-Za-z0-9_-]+)"', page)
    assert found, f"no one-time key on {url}"
    return found.group(1)


def twice(client, url, data):
    """Send the same form twice, as a double tap does; both answers."""
    return client.post(url, data), client.post(url, data)


def told(response) -> str:
    """The last confirmation the response carries to the next page."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_a_journal_post_sent_twice_is_posted_once(client_for, birth_parent, agreed):
    client = client_for(birth_parent)
    url = reverse("journal:post_new", args=[agreed.pk])
    data = {
        "text": "Sofi lost a tooth!",
        "key": key_on(client, reverse("journal:feed", args=[agreed.pk])),
    }
    first, second = twice(client, url, data)
    assert Post.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert told(second).startswith("Posted.")


def test_a_reply_to_a_post_sent_twice_is_one_reply(client_for, coach, birth_parent, agreed):
    client_for(coach).post(
        reverse("journal:post_new", args=[agreed.pk]), {"text": "Pictures from the zoo."}
    )
    post = Post.objects.get()
    client = client_for(birth_parent)
    data = {"text": "Thank you!", "key": key_on(client, post.get_absolute_url())}
    first, second = twice(client, reverse("journal:reply", args=[post.pk]), data)
    assert Post.objects.filter(reply_to=post).count() == 1
    assert second.status_code == 302 and told(second) == "Reply sent."


def test_a_message_sent_twice_is_one_message(client_for, birth_parent, agreed):
    client = client_for(birth_parent)
    client.post(reverse("conversations:start", args=[agreed.pk]), {"kind": "homes"})
    thread = Conversation.objects.get(kind="homes")
    url = reverse("conversations:thread", args=[thread.pk])
    first, second = twice(client, url, {"text": "Sunday at 3?", "key": key_on(client, url)})
    assert Message.objects.count() == 1
    assert second.status_code == 302 and told(second) == "Sent."


def test_a_gathering_reply_sent_twice_is_one_reply_and_no_error(client_for, coach, partner_parent):
    day = timezone.localdate() + timedelta(days=7)
    gathering = Gathering.objects.create(
        title="Holidays in two homes",
        starts_at=timezone.make_aware(datetime.combine(day, time(18))),
        place="Fellowship Hall",
        capacity=10,
        created_by=coach,
    )
    client = client_for(partner_parent)
    url = reverse("gatherings:reply", args=[gathering.pk])
    data = {"adults": "2", "key": key_on(client, gathering.get_absolute_url())}
    first, second = twice(client, url, data)
    assert Registration.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert told(second) == "You have a place. We sent you the details."


def test_a_request_for_help_sent_twice_is_one_request(client_for, birth_parent, partnership):
    client = client_for(birth_parent)
    url = reverse("assistance:request_new", args=[partnership.pk])
    data = {
        "need": "utilities",
        "amount": "120",
        "payee_kind": "vendor",
        "payee": "Austin Energy",
        "due_on": (timezone.localdate() + timedelta(days=9)).isoformat(),
        "purpose": "The heat.",
        "key": key_on(client, url),
    }
    first, second = twice(client, url, data)
    assert AssistanceRequest.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_contact_logged_twice_from_a_phone_is_one_contact(client_for, coach, partnership):
    client = client_for(coach)
    url = reverse("caseplan:contacts", args=[partnership.pk])
    data = {
        "kind": "check_in",
        "medium": "phone",
        "happened_on": timezone.localdate().isoformat(),
        "minutes": "20",
        "people": [partnership.birth_family.parents.get().pk],
        "key": key_on(client, url),
    }
    twice(client, url, data)
    assert Contact.objects.count() == 1


def test_a_goal_added_twice_on_the_plan_page_is_one_goal(client_for, coach, partnership):
    client = client_for(coach)
    url = reverse("caseplan:plan", args=[partnership.pk])
    data = {
        "form": "goal",
        "goal-area": "housing",
        "goal-title": "A lease in her name",
        "goal-source": "own",
        "goal-key": key_on(client, url, prefix="goal-"),
    }
    first, second = twice(client, url, data)
    assert Goal.objects.count() == 1
    assert second.status_code == 302


def test_a_child_added_twice_is_one_child(client_for, director, partnership):
    client = client_for(director)
    url = reverse("families:child_add", args=[partnership.birth_family_id])
    data = {"first_name": "Lena", "birth_date": "2020-02-02", "key": key_on(client, url)}
    twice(client, url, data)
    assert Child.objects.filter(first_name="Lena").count() == 1


def test_a_contact_attempt_logged_twice_is_one_attempt(client_for, coach):
    submission = Submission.objects.create(
        kind="birth_parent",
        first_name="Ana",
        phone="+15125550100",
        due_at=timezone.now() + timedelta(days=2),
        sender="test",
    )
    client = client_for(coach)
    data = {"method": "no_answer", "key": key_on(client, submission.get_absolute_url())}
    twice(client, reverse("intake:attempt", args=[submission.pk]), data)
    assert ContactAttempt.objects.count() == 1


def test_an_event_scheduled_twice_is_one_event(client_for, coach, agreed):
    client = client_for(coach)
    url = reverse("schedule:event_new", args=[agreed.pk])
    data = {
        "kind": "appointment",
        "title": "Dentist",
        "starts_at": (timezone.localdate() + timedelta(days=3)).isoformat() + "T10:00",
        "minutes": "60",
        "attendees": "partner",
        "place": "other",
        "place_detail": "Main St clinic",
        "key": key_on(client, url),
    }
    twice(client, url, data)
    assert Event.objects.count() == 1


def test_a_new_family_referred_twice_is_one_partnership(client_for, coach):
    client = client_for(coach)
    url = reverse("partnerships:new")
    data = {
        "family_name": "Delgado family",
        "first_name": "Rosa",
        "language": "es",
        "coach": coach.pk,
        "referred_on": timezone.localdate().isoformat(),
        "key": key_on(client, url),
    }
    first, second = twice(client, url, data)
    assert Partnership.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_a_form_sent_with_another_person_s_key_makes_nothing_and_asks_again(
    client_for, birth_parent, partner_parent, agreed
):
    url = reverse("journal:post_new", args=[agreed.pk])
    key = key_on(client_for(birth_parent), reverse("journal:feed", args=[agreed.pk]))
    client_for(birth_parent).post(url, {"text": "Mine.", "key": key})
    response = client_for(partner_parent).post(url, {"text": "Also mine.", "key": key})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This form was already used. Please check it and send it again." in page
    assert f'value="{key}"' not in page  # a new key, so the corrected form can be sent
    assert list(Post.objects.values_list("text", flat=True)) == ["Mine."]


def test_an_altered_key_makes_nothing_and_the_form_comes_back_with_a_new_one(
    client_for, birth_parent, agreed
):
    response = client_for(birth_parent).post(
        reverse("journal:post_new", args=[agreed.pk]), {"text": "Hello", "key": "<script>"}
    )
    assert response.status_code == 400
    assert "Please send the form again." in response.content.decode()
    assert not Post.objects.exists()


def test_a_form_refused_in_words_leaves_its_key_unused_to_send_again(
    client_for, birth_parent, agreed
):
    client = client_for(birth_parent)
    url = reverse("journal:post_new", args=[agreed.pk])
    key = key_on(client, reverse("journal:feed", args=[agreed.pk]))
    refused = client.post(url, {"text": "", "key": key})  # nothing written
    assert refused.status_code == 400 and not FormKey.objects.exists()
    assert client.post(url, {"text": "Now with words.", "key": key}).status_code == 302
    assert Post.objects.count() == 1
