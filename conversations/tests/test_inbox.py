"""The inbox shows each conversation's last message and marks those with news."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from conversations.models import Conversation, Message
from home.testing import partnership_for

pytestmark = pytest.mark.django_db


def coach_conversation(partnership, parent) -> Conversation:
    return Conversation.objects.create(partnership=partnership, kind="coach", parent=parent)


def test_the_inbox_shows_the_last_message_escaped_and_marks_it_new_until_opened(
    client_for, coach, birth_parent, partnership
):
    conversation = coach_conversation(partnership, birth_parent)
    Message.objects.create(conversation=conversation, author=birth_parent, text="Hello")
    client_for(coach).get(conversation.get_absolute_url())
    Message.objects.create(
        conversation=conversation, author=coach, text="See you <b>Tuesday</b> at 4"
    )
    inbox = reverse("conversations:inbox")
    html = client_for(birth_parent).get(inbox).content.decode()
    assert "See you &lt;b&gt;Tuesday&lt;/b&gt; at 4" in html
    assert "New messages" in html
    client_for(birth_parent).get(conversation.get_absolute_url())
    assert "New messages" not in client_for(birth_parent).get(inbox).content.decode()
    # The coach read Ana's message and wrote the last one: nothing is new for them.
    assert "New messages" not in client_for(coach).get(inbox).content.decode()


def test_the_inbox_never_previews_a_conversation_the_person_may_not_read(
    client_for, coach, birth_parent, partner_parent, partnership
):
    conversation = coach_conversation(partnership, birth_parent)
    Message.objects.create(conversation=conversation, author=coach, text="About the hearing")
    html = client_for(partner_parent).get(reverse("conversations:inbox")).content.decode()
    assert "About the hearing" not in html


def test_the_coachs_inbox_runs_the_same_queries_for_3_or_30_conversations(
    client_for, coach, birth_parent
):
    def add(count):
        for _ in range(count):
            conversation = coach_conversation(partnership_for(coach=coach), birth_parent)
            Message.objects.create(conversation=conversation, author=birth_parent, text="Hi")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("conversations:inbox")).status_code == 200
        return len(captured)

    client = client_for(coach)
    add(3)
    few = queries()
    add(27)
    assert queries() == few


def test_opening_a_conversation_again_with_nothing_new_adds_nothing_to_the_trail(
    client_for, coach, birth_parent, partnership
):
    conversation = coach_conversation(partnership, birth_parent)
    Message.objects.create(conversation=conversation, author=coach, text="Hello")
    for _ in range(2):
        client_for(birth_parent).get(conversation.get_absolute_url())
    marks = AuditEntry.objects.filter(record_type="conversations.readmark", action="changed")
    assert marks.count() == 1


def test_a_voice_note_with_no_words_is_previewed_as_a_voice_note(
    client_for, coach, birth_parent, partnership
):
    from voice.models import Purpose, Recording

    conversation = coach_conversation(partnership, birth_parent)
    recording = Recording.objects.create(
        partnership=partnership, purpose=Purpose.MESSAGE, author=coach, side="coach"
    )
    Message.objects.create(conversation=conversation, author=coach, recording=recording)
    html = client_for(birth_parent).get(reverse("conversations:inbox")).content.decode()
    assert '<br><span class="muted">Voice note</span>' in html


def test_the_homes_conversation_under_a_no_contact_order_is_neither_listed_nor_previewed(
    client_for, coach, birth_parent, partner_parent, agreed
):
    from datetime import timedelta

    from django.utils import timezone

    from agreements.models import CourtRestriction, RestrictionKind

    conversation = Conversation.objects.create(partnership=agreed, kind="homes")
    Message.objects.create(conversation=conversation, author=partner_parent, text="Hello there")
    inbox = reverse("conversations:inbox")
    assert "Hello there" in client_for(birth_parent).get(inbox).content.decode()
    CourtRestriction.objects.create(
        partnership=agreed,
        kind=RestrictionKind.NO_CONTACT,
        starts_on=timezone.localdate() - timedelta(days=1),
        recorded_by=coach,
    )
    html = client_for(birth_parent).get(inbox).content.decode()
    assert "Hello there" not in html and "New messages" not in html
