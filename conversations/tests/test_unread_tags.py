"""Unread messages wear the same gold tag in the inbox and in the thread, where only the
messages written since the reader last opened it are marked, and only that once."""

import pytest
from django.urls import reverse

from conversations.models import Conversation, Message

pytestmark = pytest.mark.django_db

NEW = '<span class="badge attention">New</span>'


def test_what_arrived_since_the_last_reading_is_tagged_new_in_the_inbox_and_the_thread(
    client_for, coach, birth_parent, partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    Message.objects.create(conversation=conversation, author=coach, text="First")
    mother = client_for(birth_parent)
    first = mother.get(conversation.get_absolute_url()).content.decode()
    assert first.count(NEW) == 1  # never opened: the coach's message is new
    Message.objects.create(conversation=conversation, author=birth_parent, text="Thanks")
    Message.objects.create(conversation=conversation, author=coach, text="Tuesday at 4")
    inbox = mother.get(reverse("conversations:inbox")).content.decode()
    assert '<span class="badge attention">New messages</span>' in inbox
    thread = mother.get(conversation.get_absolute_url()).content.decode()
    # Only the coach's second message: not the first, read before, nor her own.
    assert thread.count(NEW) == 1
    assert thread.index(NEW) > thread.index("Thanks")
    assert NEW not in mother.get(conversation.get_absolute_url()).content.decode()
