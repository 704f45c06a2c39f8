"""The product's files kept in an S3-compatible object store instead of this machine's
disk (a real server over HTTP: core.tests.object_storage), through the product's own
flows: a journal photo posted and shown, a song made safe by the worker and played in
ranges, a life book's photo prints, a family's export and its closing. After each, this
machine's MEDIA_ROOT is still empty: any app server behind a load balancer could have
answered any of the requests."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from families.retention import family_records_close
from families.tests.test_records import held  # noqa: F401 — a fixture
from journal.models import Photo
from journal.tests.images import PDF
from journal.tests.test_journal import post_photo
from voice.models import State
from voice.tests.test_recordings import made_by

pytestmark = pytest.mark.django_db


def nothing_on_this_machine(settings) -> bool:
    media = Path(settings.MEDIA_ROOT)
    return not media.exists() or not any(media.rglob("*"))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_journal_photo_goes_to_the_bucket_without_its_metadata_and_is_shown_from_it(
    object_storage, settings, client_for, coach, birth_parent, partner_parent, agreed
):
    client_for(partner_parent).post(
        reverse("agreements:consent", args=[agreed.pk]), {"purpose": "photos", "given": "yes"}
    )
    client_for(coach).post(reverse("journal:review_setting", args=[agreed.pk]), {})  # no review
    post_photo(client_for(partner_parent), agreed)

    photo = Photo.objects.get()
    assert object_storage.keys() == {photo.large.name, photo.small.name}
    assert photo.large.name.startswith(f"journal/{agreed.pk}/")
    kept = object_storage.body(photo.large.name)
    assert len(Image.open(io.BytesIO(kept)).getexif()) == 0
    assert b"SecretCam" not in kept and b"Pecan Street" not in kept  # camera, comment
    for size in ("large", "small"):
        shown = client_for(birth_parent).get(reverse(f"journal:photo_{size}", args=[photo.pk]))
        assert shown.status_code == 200 and shown["Cache-Control"] == "private, no-store"
        stored = object_storage.body(getattr(photo, size).name)
        assert body(shown) == stored and shown["Content-Length"] == str(len(stored))
    assert nothing_on_this_machine(settings)


def test_a_song_is_made_safe_by_the_worker_from_the_bucket_played_in_ranges_and_removed(
    object_storage, settings, client_for, birth_parent, agreed, django_capture_on_commit_callbacks
):
    client = client_for(birth_parent)
    recording = made_by(client, agreed, django_capture_on_commit_callbacks)

    assert recording.state == State.WAITING and not recording.incoming
    # The upload as it came was read back from the bucket by the task, then deleted there.
    assert object_storage.keys() == {recording.audio.name}
    kept = object_storage.body(recording.audio.name)
    assert kept[4:8] == b"ftyp" and object_storage.head(recording.audio.name)["ContentLength"]
    url = reverse("voice:audio", args=[recording.pk])
    assert body(client.get(url)) == kept
    part = client.get(url, headers={"Range": "bytes=100-1123"})
    assert part.status_code == 206 and body(part) == kept[100:1124]
    assert part["Content-Range"] == f"bytes 100-1123/{len(kept)}"
    assert part["Content-Length"] == "1024"
    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert body(tail) == kept[-10:]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("voice:remove", args=[recording.pk]))
    assert object_storage.keys() == set()
    assert client.get(url).status_code == 404
    assert nothing_on_this_machine(settings)


def test_a_life_books_photo_prints_read_the_photo_from_the_bucket(
    object_storage, settings, client_for, birth_parent, partner_parent, agreed
):
    from agreements.models import Purpose
    from agreements.services import consent_set
    from lifebook.tests.test_lifebook import _child, _drawn, _pango_here, _pdf, _pick, _post, _url

    if not _pango_here():
        pytest.skip("WeasyPrint needs Pango, missing here")

    consent_set(
        actor=partner_parent,
        partnership=agreed,
        person=partner_parent.person,
        purpose=Purpose.PHOTOS,
        given=True,
    )
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Pancakes.", photo="Flour art.")
    assert object_storage.keys() == {post.photos.get().large.name, post.photos.get().small.name}
    _pick(client_for(birth_parent), child, post)
    client_for(partner_parent).post(_url("seen", child))

    prints = _pdf(client_for(birth_parent).get(_url("photos", child, "?layout=4x6")))
    assert [len(_drawn(page)) for page in prints.pages] == [1]
    assert nothing_on_this_machine(settings)


@pytest.fixture
def family_in_bucket(object_storage, held):  # noqa: F811 — the fixture imported above
    """The family of families/tests/test_records.py, its photo and quote in the bucket."""
    partnership, photo, document = held
    assert object_storage.keys() == {photo.large.name, photo.small.name, document.file.name}
    return partnership, photo, document


def test_a_familys_export_holds_its_files_from_the_bucket_and_closing_deletes_them(
    object_storage,
    family_in_bucket,
    settings,
    client_for,
    coach,
    director,
    django_capture_on_commit_callbacks,
):
    partnership, photo, document = family_in_bucket
    family = partnership.birth_family
    quote = client_for(coach).get(reverse("assistance:document", args=[document.pk]))
    assert quote.status_code == 200 and "attachment" in quote["Content-Disposition"]
    assert body(quote) == object_storage.body(document.file.name) == PDF

    response = client_for(director).post(reverse("families:records_download", args=[family.pk]))
    zipped = zipfile.ZipFile(io.BytesIO(body(response)))
    (photo_name,) = [name for name in zipped.namelist() if name.startswith("files/photos/")]
    assert zipped.read(photo_name) == object_storage.body(photo.large.name)
    (quote_name,) = [name for name in zipped.namelist() if name.startswith("files/assistance/")]
    assert zipped.read(quote_name) == PDF

    with django_capture_on_commit_callbacks(execute=True):
        family_records_close(actor=director, family=family)
    assert object_storage.keys() == set()
    assert nothing_on_this_machine(settings)
