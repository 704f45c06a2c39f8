"""Voice notes in the journal and in messages, for parents who would rather speak than
write: heard by whoever may read the post or the message, and by nobody else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conversations.models import Conversation, Message
from core.audio import synthesized_tune
from journal.models import Post, Status
from voice.models import Recording, State

pytestmark = pytest.mark.django_db


def a_note(seconds=2.0):
    return SimpleUploadedFile("note.wav", synthesized_tune(seconds), content_type="audio/wav")


def test_a_voice_note_in_the_journal_is_heard_only_once_the_coach_shares_its_post(
    client_for,
    coach,
    birth_parent,
    partner_parent,
    outsider,
    agreed,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(birth_parent).post(
            reverse("journal:post_new", args=[agreed.pk]), {"voice": a_note()}
        )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == Status.WAITING and post.text == ""
    recording = Recording.objects.get()
    assert post.recording_id == recording.pk and recording.state == State.SHARED
    audio = reverse("voice:audio", args=[recording.pk])
    assert client_for(partner_parent).get(audio).status_code == 404

    review = client_for(coach).get(reverse("journal:review")).content.decode()
    assert audio in review  # the coach listens before sharing
    client_for(coach).post(reverse("journal:review_approve", args=[post.pk]))
    client = client_for(partner_parent)
    assert client.get(audio).status_code == 200
    feed = client.get(reverse("journal:feed", args=[agreed.pk])).content.decode()
    assert audio in feed
    assert client_for(outsider).get(audio).status_code == 404


def test_a_post_needs_words_a_photo_or_a_voice_note(client_for, birth_parent, agreed):
    response = client_for(birth_parent).post(reverse("journal:post_new", args=[agreed.pk]), {})
    assert response.status_code == 400
    assert "record a voice note" in response.content.decode()
    assert not Post.objects.exists()


def test_a_voice_note_to_the_coach_is_heard_by_the_coach_and_not_by_the_other_home(
    client_for, coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    client = client_for(birth_parent)
    client.post(reverse("conversations:start", args=[agreed.pk]), {"kind": "coach"})
    conversation = Conversation.objects.get(kind="coach")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(conversation.get_absolute_url(), {"voice": a_note()})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.text == "" and message.recording_id is not None
    audio = reverse("voice:audio", args=[message.recording_id])
    thread = client_for(coach).get(conversation.get_absolute_url()).content.decode()
    assert audio in thread
    assert client_for(coach).get(audio).status_code == 200
    assert client_for(partner_parent).get(audio).status_code == 404


def test_an_empty_message_asks_for_words_or_a_voice_note(client_for, birth_parent, agreed):
    client = client_for(birth_parent)
    client.post(reverse("conversations:start", args=[agreed.pk]), {"kind": "coach"})
    conversation = Conversation.objects.get(kind="coach")
    response = client.post(conversation.get_absolute_url(), {"text": "  "})
    assert response.status_code == 200
    assert "Write your message, or record a voice note." in response.content.decode()
    assert not Message.objects.exists()


def test_a_voice_notes_own_page_leads_back_to_its_post_or_its_conversation(
    client_for, birth_parent, agreed, django_capture_on_commit_callbacks
):
    client = client_for(birth_parent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("journal:post_new", args=[agreed.pk]), {"voice": a_note()})
    post = Post.objects.get()
    page = client.get(reverse("voice:recording", args=[post.recording_id])).content.decode()
    assert f'href="{post.get_absolute_url()}"' in page

    client.post(reverse("conversations:start", args=[agreed.pk]), {"kind": "coach"})
    conversation = Conversation.objects.get(kind="coach")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(conversation.get_absolute_url(), {"voice": a_note()})
    message = Message.objects.get()
    page = client.get(reverse("voice:recording", args=[message.recording_id])).content.decode()
    assert f'href="{conversation.get_absolute_url()}"' in page
