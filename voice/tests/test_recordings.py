"""Recording the song and voice notes: made safe by the worker, heard only by whoever the
agreement and the coach let hear it, served in the ranges phones ask for."""

import os

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from agreements.selectors import sharing_for
from audit.models import AuditEntry
from core.audio import synthesized_tune
from voice.models import Recording, State
from voice.selectors import recording_for
from voice.services import recording_create

pytestmark = pytest.mark.django_db


def a_song(seconds=3.0, name="song.wav"):
    return SimpleUploadedFile(name, synthesized_tune(seconds), content_type="audio/wav")


def sofia(partnership):
    return partnership.children.order_by("pk").first()


def record(client, partnership, purpose="song", upload=None, **extra):
    url = reverse("voice:new", args=[partnership.pk])
    url += f"?purpose={purpose}&child={sofia(partnership).pk}"
    return client.post(url, {"audio": upload or a_song(), **extra})


def made_by(client, partnership, capture, **kwargs):
    with capture(execute=True):
        response = record(client, partnership, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Recording.objects.latest("pk")


def test_a_parents_song_is_made_safe_and_waits_for_the_coach_before_the_other_home_hears_it(
    client_for,
    birth_parent,
    partner_parent,
    coach,
    outsider,
    agreed,
    django_capture_on_commit_callbacks,
):
    client = client_for(birth_parent)
    mail.outbox.clear()
    recording = made_by(
        client, agreed, django_capture_on_commit_callbacks, transcript="Duérmete, mi niña"
    )
    assert recording.state == State.WAITING
    assert recording.audio.name.endswith(".m4a") and not recording.incoming
    assert 2900 <= recording.duration_ms <= 3100
    # The coach hears that something waits, and nothing about it.
    assert [m.to[0] for m in mail.outbox] == [coach.email]
    assert sofia(agreed).first_name not in mail.outbox[0].subject + mail.outbox[0].body
    audio_url = reverse("voice:audio", args=[recording.pk])
    assert client.get(audio_url).status_code == 200  # its author hears it at once

    assert client_for(partner_parent).get(audio_url).status_code == 404
    client = client_for(coach)
    assert client.get(reverse("voice:review")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("voice:share", args=[recording.pk]))
    recording.refresh_from_db()
    assert recording.state == State.SHARED

    client = client_for(partner_parent)
    response = client.get(audio_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mp4"
    assert "private" in response["Cache-Control"]
    assert b"ftyp" in b"".join(response.streaming_content)[:64]
    profile = client.get(reverse("aboutme:profile", args=[sofia(agreed).pk])).content.decode()
    assert audio_url in profile and "Play Beatriz's song" in profile
    assert "Duérmete, mi niña" in profile

    assert client_for(outsider).get(audio_url).status_code == 404
    assert client_for(outsider).get(recording.get_absolute_url()).status_code == 404


def test_a_recording_is_served_in_the_ranges_a_phone_asks_for_and_each_playing_is_audited_once(
    client_for, birth_parent, agreed, django_capture_on_commit_callbacks
):
    client = client_for(birth_parent)
    recording = made_by(client, agreed, django_capture_on_commit_callbacks)
    url = reverse("voice:audio", args=[recording.pk])
    size = recording.audio.size
    reads = AuditEntry.objects.filter(record_type="voice.recording", action="viewed")
    before = reads.count()

    first = client.get(url, headers={"Range": "bytes=0-99"})
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-99/{size}"
    assert len(b"".join(first.streaming_content)) == 100
    later = client.get(url, headers={"Range": f"bytes=100-{size + 50}"})
    assert later.status_code == 206
    assert later["Content-Range"] == f"bytes 100-{size - 1}/{size}"
    assert len(b"".join(later.streaming_content)) == size - 100
    assert reads.count() == before + 1

    beyond = client.get(url, headers={"Range": f"bytes={size}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{size}"
    whole = client.get(url + "?save=1")
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert "attachment" in whole["Content-Disposition"]


def test_a_file_that_is_not_a_recording_is_refused_in_words_and_nothing_is_kept(
    client_for, birth_parent, agreed
):
    client = client_for(birth_parent)
    fake = SimpleUploadedFile("song.m4a", b"Twinkle twinkle little star\n" * 50)
    response = record(client, agreed, upload=fake, transcript="the words I typed")
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a sound recording" in page
    assert "the words I typed" in page  # nothing typed is lost
    assert Recording.objects.count() == 0


def test_a_damaged_file_is_refused_by_the_worker_and_its_author_reads_why(
    client_for, birth_parent, agreed, django_capture_on_commit_callbacks
):
    """Whole at a quick look, damaged in the middle: refused once decoded, in words."""
    from core.tests.test_audio import garbled, recording

    client = client_for(birth_parent)
    damaged = garbled(recording(4.0, format="mp3", codec="libmp3lame"))
    with django_capture_on_commit_callbacks(execute=True):
        response = record(client, agreed, upload=SimpleUploadedFile("song.mp3", damaged))
    assert response.status_code == 302
    made = Recording.objects.get()
    assert made.state == State.REFUSED
    assert not made.audio and not made.incoming
    page = client.get(made.get_absolute_url()).content.decode()
    assert "damaged or only partly uploaded" in made.refusal and made.refusal in page


def test_a_cut_file_is_refused_at_once_and_nothing_is_kept(client_for, birth_parent, agreed):
    whole = synthesized_tune(4)
    cut = SimpleUploadedFile("song.wav", whole[: len(whole) // 3], content_type="audio/wav")
    response = record(client_for(birth_parent), agreed, upload=cut)
    assert response.status_code == 400
    assert "damaged or only partly uploaded" in response.content.decode()
    assert not Recording.objects.exists()


def test_while_the_worker_makes_it_the_page_says_ready_in_a_moment_and_asks_again(
    client_for, birth_parent, agreed
):
    client = client_for(birth_parent)
    record(client, agreed)  # its task waits for the commit, which never comes here
    recording = Recording.objects.get()
    assert recording.state == State.PROCESSING
    page = client.get(recording.get_absolute_url()).content.decode()
    assert "ready in a moment" in page
    fragment = client.get(recording.get_absolute_url(), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in fragment.content.decode()
    assert client.get(reverse("voice:audio", args=[recording.pk])).status_code == 404


def test_sending_the_same_recording_twice_keeps_one(
    client_for, birth_parent, agreed, django_capture_on_commit_callbacks
):
    client = client_for(birth_parent)
    url = reverse("voice:new", args=[agreed.pk]) + f"?purpose=song&child={sofia(agreed).pk}"
    form = client.get(url).context["form"]
    key = form["key"].value()
    for _ in range(2):
        client.post(url, {"audio": a_song(), "key": key})
    assert Recording.objects.count() == 1


def test_the_author_writes_the_words_and_takes_the_recording_back(
    client_for, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    client = client_for(birth_parent)
    recording = made_by(client, agreed, django_capture_on_commit_callbacks)
    client.post(reverse("voice:words", args=[recording.pk]), {"transcript": "Duerme, duerme"})
    recording.refresh_from_db()
    assert recording.transcript == "Duerme, duerme"
    assert (
        client_for(partner_parent)
        .post(reverse("voice:words", args=[recording.pk]), {"transcript": "x"})
        .status_code
        == 404
    )
    stored = recording.audio.path
    client = client_for(birth_parent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("voice:remove", args=[recording.pk]))
    recording.refresh_from_db()
    assert recording.state == State.REMOVED and not recording.audio
    assert not os.path.exists(stored)
    assert client.get(reverse("voice:audio", args=[recording.pk])).status_code == 404


def test_the_other_home_does_not_hear_a_song_its_author_did_not_consent_to_share(
    coach, birth_parent, partner_parent, partnership, django_capture_on_commit_callbacks
):
    """No agreement acknowledged, no consent: shared by the coach, still not heard."""
    from home.testing import agreement_for

    agreement_for(partnership, by=coach, acknowledged_by=[birth_parent, partner_parent])
    sharing = sharing_for(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        recording = recording_create(
            actor=coach,
            sharing=sharing,
            purpose="song",
            child=sofia(partnership),
            upload=a_song(),
        )
    recording.refresh_from_db()
    assert recording.state == State.SHARED  # the coach's own needs no review
    mine = recording_create(
        actor=birth_parent,
        sharing=sharing,
        purpose="song",
        child=sofia(partnership),
        upload=a_song(),
    )
    Recording.objects.filter(pk=mine.pk).update(state=State.SHARED, audio=recording.audio.name)
    with pytest.raises(Http404):
        recording_for(partner_parent, mine.pk)
    assert recording_for(partner_parent, recording.pk).pk == recording.pk


def test_the_profile_and_the_review_page_run_the_same_queries_for_one_recording_or_many(
    client_for, coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    profile = reverse("aboutme:profile", args=[sofia(agreed).pk])
    review = reverse("voice:review")
    parent = client_for(birth_parent)
    made_by(parent, agreed, django_capture_on_commit_callbacks)
    parent.get(profile)  # the first visit also notes when the reader first looked
    counts = (queries(client_for(birth_parent), profile), queries(client_for(coach), review))
    parent = client_for(birth_parent)
    for purpose in ("song", "comfort", "comfort", "song"):
        made_by(parent, agreed, django_capture_on_commit_callbacks, purpose=purpose)
    assert Recording.objects.filter(state=State.WAITING).count() == 5
    assert (queries(client_for(birth_parent), profile), queries(client_for(coach), review)) == (
        counts
    )


def test_the_worker_run_twice_or_after_a_removal_keeps_nothing_more(
    client_for, birth_parent, agreed, django_capture_on_commit_callbacks
):
    from voice.services import recording_encode, recording_remove

    client = client_for(birth_parent)
    record(client, agreed)  # waits for the worker
    waiting = Recording.objects.get()
    recording_remove(actor=birth_parent, recording=waiting)
    assert recording_encode(recording_id=waiting.pk) is None
    waiting.refresh_from_db()
    assert waiting.state == State.REMOVED and not waiting.audio

    done = made_by(client, agreed, django_capture_on_commit_callbacks)
    kept = done.audio.name
    assert recording_encode(recording_id=done.pk) is None
    done.refresh_from_db()
    assert done.audio.name == kept


def test_the_coachs_today_says_how_many_recordings_wait_and_links_to_them(
    client_for, coach, birth_parent, agreed, django_capture_on_commit_callbacks
):
    made_by(client_for(birth_parent), agreed, django_capture_on_commit_callbacks)
    page = client_for(coach).get(reverse("home:home")).content.decode()
    assert "1 recording is waiting for you to listen" in page
    assert f'href="{reverse("voice:review")}"' in page


def test_a_recording_over_20_mb_is_refused_beside_the_field_unread_and_the_words_stay(
    client_for, birth_parent, agreed
):
    big = SimpleUploadedFile("song.m4a", b"\0" * (21 * 1024 * 1024), content_type="audio/mp4")
    response = record(client_for(birth_parent), agreed, upload=big, transcript="Duerme, mi sol")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a recording under 20 MB" in page and "Duerme, mi sol" in page
    assert not Recording.objects.exists()
