"""Hostile uploads (issue 18): each is refused in words with nothing kept, or kept as what
it claims to be and nothing else. Every file is made here (core.tests.hostile)."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.test import RequestFactory
from django.urls import ResolverMatch, reverse
from django.utils import timezone
from PIL import Image, ImageFile
from PIL.JpegImagePlugin import JpegImageFile
from pypdf import PdfReader, PdfWriter

from assistance.models import Document, Rules
from assistance.services import request_create
from core.demo_files import one_page_pdf
from core.images import MAX_DECODE_BYTES, PhotoRefused, decode_cost, make_safe
from core.tests import hostile
from core.uploads import TooLargeUpload, accepts_upload, checked_document
from journal.models import Photo, Post

pytestmark = pytest.mark.django_db

#: What no kept document may contain: scripts, what runs them, programs and attachments.
FORBIDDEN_IN_A_PDF = [b"/JavaScript", b"/OpenAction", b"/JS", b"/EmbeddedFile", b"/Launch"]
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test keeps its files apart, so "nothing is kept" can be checked on disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return settings.MEDIA_ROOT


def kept_files(media) -> list[Path]:
    return [path for path in Path(media).rglob("*") if path.is_file()]


@pytest.fixture
def bill(coach, partnership):
    Rules.objects.create(coach_limit=250, two_approvers_above=1000, family_cap=2500)
    return request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "utilities",
            "amount": "120",
            "payee": "Austin Energy",
            "due_on": timezone.localdate(),
            "purpose": "The heat.",
        },
    )


def add_document(client, bill, data: bytes, name="bill.pdf", content_type="application/pdf"):
    return client.post(
        reverse("assistance:document_add", args=[bill.pk]),
        {"kind": "bill", "file": SimpleUploadedFile(name, data, content_type)},
        follow=True,
    )


def post_photo(client, partnership, data: bytes, name="photo.jpg", text="Making cards."):
    return client.post(
        reverse("journal:post_new", args=[partnership.pk]),
        {
            "text": text,
            "photo": SimpleUploadedFile(name, data, "image/jpeg"),
            "description": "Two children at a table.",
        },
    )


def jpeg(size=(64, 48)) -> bytes:
    return hostile.jpeg(size)


def png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    return buffer.getvalue()


def served(response) -> bytes:
    return b"".join(response.streaming_content)


# --- Bodies bounded before they are read ------------------------------------------------


class UnreadBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readline = read


def send_unread(client, url, length: int):
    return client.post(
        url,
        data=b"-",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadBody()},
    )


def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(
    client_for, birth_parent, agreed
):
    response = send_unread(
        client_for(birth_parent), reverse("journal:post_new", args=[agreed.pk]), 60 * MB
    )
    page = response.content.decode()
    assert response.status_code == 413
    # A post takes a photo (up to 15 MB) or a voice note (up to 20 MB).
    assert "That was too much to send" in page and "files of up to 20 MB" in page
    assert Post.objects.count() == 0


def test_a_form_without_files_refuses_a_large_body_unread_in_the_persons_language(
    client, client_for, birth_parent
):
    birth_parent.language = "es"
    birth_parent.save(update_fields=["language"])
    response = send_unread(client_for(birth_parent), reverse("accounts:settings"), 3 * MB)
    assert response.status_code == 413
    assert "Era demasiado para enviar" in response.content.decode()
    client.logout()
    # Nobody signed in takes files anywhere: the sign-in form refuses what a file would be.
    assert send_unread(client, reverse("accounts:sign_in"), 3 * MB).status_code == 413


def test_a_photo_over_its_limit_is_refused_beside_the_field_and_what_was_typed_stays(
    client_for, birth_parent, agreed, media
):
    response = post_photo(
        client_for(birth_parent), agreed, b"\xff\xd8" + b"\0" * (16 * MB), text="Our day out."
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "That file is too large. Choose a photo under 15 MB." in page
    assert "Our day out." in page  # the words are still in the form
    assert Post.objects.count() == 0 and kept_files(media) == []


def test_a_photo_past_what_is_kept_in_memory_goes_through_a_temporary_file_and_is_kept(
    client_for, birth_parent, agreed, media, settings, tmp_path
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    assert post_photo(client_for(birth_parent), agreed, jpeg((640, 480))).status_code == 302
    assert Photo.objects.count() == 1 and len(kept_files(media)) == 2
    assert [p for p in tmp_path.iterdir() if p.is_file()] == []  # the temporary file is gone


def parsed_files(view, data: dict, user, tmp_path):
    """request.FILES as `view` would see it, for `user`."""
    request = RequestFactory().post("/somewhere/", data)
    request.user = user
    request.resolver_match = ResolverMatch(view, (), {})
    files = request.FILES
    return files, sorted(p.name for p in tmp_path.iterdir() if p.name != "media")


def test_a_view_keeps_at_most_its_limit_of_each_file_and_others_keep_none(
    birth_parent, tmp_path, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # so the file goes through a temporary file

    @accepts_upload(1 * MB)
    def takes_a_photo(request):
        """A view that takes files of up to 1 MB."""

    def takes_none(request):
        """A view that takes no files."""

    big = {"photo": SimpleUploadedFile("big.jpg", b"x" * (2 * MB)), "text": "kept"}
    files, temporary = parsed_files(takes_a_photo, big, birth_parent, tmp_path)
    photo = files["photo"]
    assert isinstance(photo, TooLargeUpload) and photo.size == 2 * MB and photo.read() == b""
    assert temporary == []  # the part that was written is gone with its temporary file
    small = {"photo": SimpleUploadedFile("small.jpg", b"x" * 5000)}
    files, _ = parsed_files(takes_a_photo, small, birth_parent, tmp_path)
    assert files["photo"].read() == b"x" * 5000
    assert not parsed_files(takes_none, small, birth_parent, tmp_path)[0]

    class Visitor:
        is_authenticated = False

    assert not parsed_files(takes_a_photo, small, Visitor(), tmp_path)[0]


def test_a_view_cannot_take_more_than_the_largest_upload():
    with pytest.raises(ValueError):
        accepts_upload(51 * MB)


def test_a_directory_file_over_its_limit_is_refused_before_it_is_read():
    from directory.forms import ImportForm

    too_big = TooLargeUpload("county.zip", "application/zip", 60 * MB)
    form = ImportForm(files={"file": too_big}, data={})
    assert not form.is_valid()
    assert form.errors["file"] == ["Choose a file under 50 MB."]


# --- Photos: what decoding costs is known from the header ---------------------------------


def test_the_png_of_issue_18_is_refused_before_it_is_decoded(monkeypatch):
    bomb = hostile.png_bomb(6300, 6300)
    assert len(bomb) < 150_000  # 116 KB on disk for 159 MB of pixels

    def decoded(self):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decoded)
    with pytest.raises(PhotoRefused, match="too large to open"):
        make_safe(SimpleUploadedFile("bomb.png", bomb))


MEASURE = """
import json, resource, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from core.images import PhotoRefused, make_safe
from core.tests.hostile import png_bomb

def peak_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)

files = {"bomb": png_bomb(6300, 6300), "largest": png_bomb(4096, 4096)}
make_safe(SimpleUploadedFile("warm.png", png_bomb(64, 64)))  # imports and caches first
figures = {}
for name, data in files.items():
    before = peak_mb()
    try:
        make_safe(SimpleUploadedFile(name + ".png", data))
        kept = True
    except PhotoRefused:
        kept = False
    figures[name] = {"kept": kept, "added_mb": round(peak_mb() - before)}
print(json.dumps(figures))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource is a Unix module")
def test_peak_memory_stays_within_the_budget():
    """Measured in a fresh process, whose peak no other test has raised. Before issue 18's
    change the 6300 x 6300 PNG added 504 MB; the largest PNG accepted adds about 100."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "village.test_settings",
            "PYTHONPATH": str(settings.BASE_DIR),
        },
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["bomb"] == {"kept": False, "added_mb": figures["bomb"]["added_mb"]}
    assert figures["bomb"]["added_mb"] < 16, figures
    assert figures["largest"]["kept"] and figures["largest"]["added_mb"] < 128, figures


def test_a_header_claiming_huge_dimensions_is_refused_in_words():
    with pytest.raises(PhotoRefused, match="too large to open"):
        make_safe(SimpleUploadedFile("huge.png", hostile.huge_dimensions()))


def test_a_jpeg_decoded_in_one_pass_costs_little_and_one_in_many_scans_costs_its_size():
    fifty = (8160, 6120)
    baseline = Image.open(io.BytesIO(hostile.jpeg_header(*fifty, progressive=False)))
    progressive = Image.open(io.BytesIO(hostile.jpeg_header(*fifty, progressive=True)))
    separate = Image.open(io.BytesIO(hostile.jpeg_header(*fifty, first_scan_components=1)))
    assert decode_cost(baseline, io.BytesIO(hostile.jpeg_header(*fifty))) < 16 * MB
    for costly in (progressive, separate):
        assert decode_cost(costly, costly.fp) > MAX_DECODE_BYTES
    with pytest.raises(PhotoRefused, match="too large to open"):
        make_safe(SimpleUploadedFile("p.jpg", hostile.jpeg_header(*fifty, progressive=True)))


def test_a_large_phone_photo_is_decoded_at_a_reduced_scale(monkeypatch):
    sizes = []
    draft = JpegImageFile.draft

    def spy(self, mode, size):
        result = draft(self, mode, size)
        if result is not None:  # thumbnail() asks again once loaded: nothing happens then
            sizes.append(self.size)
        return result

    monkeypatch.setattr(JpegImageFile, "draft", spy)
    safe = make_safe(SimpleUploadedFile("phone.jpg", jpeg((4000, 3000))))
    assert sizes == [(2000, 1500)] and (safe.width, safe.height) == (1600, 1200)


# --- Photos through the journal ---------------------------------------------------------


@pytest.mark.parametrize(
    "data, name, words",
    [
        (hostile.png_bomb(6300, 6300), "bomb.png", "too large to open"),
        (hostile.huge_dimensions(), "huge.png", "too large to open"),
        (hostile.jpeg_header(8160, 6120, progressive=True), "p.jpg", "too large to open"),
        (hostile.SVG, "drawing.svg", "not a photo"),
        (hostile.SVG, "drawing.jpg", "not a photo"),
        (hostile.HTML, "photo.jpg", "not a photo"),
        (b"\xff\xd8\xff\xe0" + hostile.HTML, "photo.jpg", "could not be read"),
        (one_page_pdf("A letter"), "photo.jpg", "not a photo"),
        (hostile.jpeg((640, 480))[:600], "cut.jpg", "could not be read"),
        (b"", "empty.jpg", "The submitted file is empty."),
    ],
    ids=[
        "decompression bomb",
        "huge dimensions",
        "progressive 50 MP",
        "svg with script",
        "svg named jpg",
        "html named jpg",
        "html behind a jpeg header",
        "pdf named jpg",
        "truncated",
        "zero bytes",
    ],
)
def test_a_hostile_photo_is_refused_in_words_and_nothing_is_kept(
    client_for, birth_parent, agreed, media, data, name, words
):
    response = post_photo(client_for(birth_parent), agreed, data, name=name)
    assert response.status_code == 400 and words in response.content.decode()
    assert Post.objects.count() == 0 and kept_files(media) == []


@pytest.mark.parametrize(
    "data", [hostile.jpeg_with_html(), hostile.gifar()], ids=["jpeg+html", "gif+jar"]
)
def test_a_photo_that_is_also_something_else_is_kept_as_its_pixels_alone(
    client_for, birth_parent, agreed, media, data
):
    assert post_photo(client_for(birth_parent), agreed, data).status_code == 302
    photo = Photo.objects.get()
    for kept in kept_files(media):
        stored = kept.read_bytes()
        assert stored.startswith(b"\xff\xd8")
        for part in (b"<script", b"<html", b"PK\x03\x04", b"META-INF", b"Evil"):
            assert part not in stored
    response = client_for(birth_parent).get(reverse("journal:photo_large", args=[photo.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" not in response.get("Content-Disposition", "")  # shown in the page


# --- Documents: PDFs rewritten, photos redrawn ------------------------------------------


def test_a_pdf_keeps_its_pages_and_nothing_else(client_for, birth_parent, bill, media):
    original = hostile.pdf_with_everything()
    assert all(part in original for part in FORBIDDEN_IN_A_PDF)
    add_document(client_for(birth_parent), bill, original)
    document = Document.objects.get()
    (kept,) = kept_files(media)
    stored = kept.read_bytes()
    for part in [*FORBIDDEN_IN_A_PDF, b"/AA", b"/XFA", b"/AcroForm", b"/Metadata", b"MZ"]:
        assert part not in stored, part
    for part in (b"Secret Author", b"EvilCorp", b"xmpmeta", b"javascript:", b"pypdf"):
        assert part not in stored, part
    reader = PdfReader(io.BytesIO(stored))
    assert reader.metadata is None
    (page,) = reader.pages
    assert "Five things to try" in page.extract_text()
    (link,) = [annotation.get_object() for annotation in page["/Annots"]]
    assert link["/A"]["/URI"] == "https://example.org/five-things"
    response = client_for(birth_parent).get(reverse("assistance:document", args=[document.pk]))
    assert served(response) == stored
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_pdf_that_is_also_a_web_page_keeps_only_the_pdf(client_for, birth_parent, bill, media):
    add_document(client_for(birth_parent), bill, hostile.pdf_with_html())
    (kept,) = kept_files(media)
    stored = kept.read_bytes()
    assert b"<script" not in stored and b"<html" not in stored
    assert "Five things to try" in PdfReader(io.BytesIO(stored)).pages[0].extract_text()


def test_a_pdf_protected_only_against_printing_is_kept_without_its_protection(
    client_for, birth_parent, bill, media
):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(one_page_pdf("Owner only"))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    add_document(client_for(birth_parent), bill, buffer.getvalue())
    (kept,) = kept_files(media)
    reader = PdfReader(kept)
    assert not reader.is_encrypted and "Owner only" in reader.pages[0].extract_text()


def locked_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(one_page_pdf("Locked"))))
    writer.encrypt("a secret", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, name, words",
    [
        (hostile.html_behind_a_pdf_header(), "bill.pdf", "That PDF could not be read"),
        (one_page_pdf("Cut short")[:300], "bill.pdf", "That PDF could not be read"),
        (locked_pdf(), "bill.pdf", "That PDF is locked with a password"),
        (hostile.pdf_pages(0), "bill.pdf", "That PDF has no pages"),
        (hostile.pdf_pages(51), "bill.pdf", "more than 50 pages"),
        (hostile.HTML, "bill.pdf", "Choose a PDF or a photo"),
        (hostile.SVG, "bill.svg", "Choose a PDF or a photo"),
        (hostile.png_bomb(6300, 6300), "bill.png", "too large to open"),
        (b"", "bill.pdf", "Choose what it is and the file"),
    ],
    ids=[
        "html behind a pdf header",
        "truncated",
        "password",
        "no pages",
        "51 pages",
        "html named pdf",
        "svg",
        "image bomb",
        "zero bytes",
    ],
)
def test_a_hostile_document_is_refused_in_words_and_nothing_is_kept(
    client_for, birth_parent, bill, media, data, name, words
):
    page = add_document(client_for(birth_parent), bill, data, name=name).content.decode()
    assert words in page
    assert Document.objects.count() == 0 and kept_files(media) == []


def test_an_extension_that_lies_does_not_decide(client_for, birth_parent, bill):
    mother = client_for(birth_parent)
    add_document(mother, bill, png(), name="scan.pdf", content_type="application/pdf")
    add_document(mother, bill, one_page_pdf("A quote"), name="quote.jpg", content_type="image/jpeg")
    kinds = sorted(Document.objects.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/jpeg"]
    for document in Document.objects.all():
        name = document.file.name
        assert name.endswith(".pdf" if document.content_type == "application/pdf" else ".jpg")


# --- Names never become paths -----------------------------------------------------------

RANDOM_NAME = re.compile(r"^(assistance|journal)/\d+/[0-9a-f]{32}\.(jpg|pdf)$")


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.jpg",
        "..\\..\\windows\\win.ini.pdf",
        "photo\x00.php.jpg",
        "/etc/cron.d/evil.pdf",
        "x" * 400 + ".jpg",
        ".htaccess",
    ],
    ids=["parent dirs", "windows parent dirs", "nul byte", "absolute", "very long", "dotfile"],
)
def test_an_uploaded_name_is_never_used_as_a_path(birth_parent, bill, media, name):
    for data in (jpeg(), one_page_pdf("A quote")):
        upload = UploadedFile(io.BytesIO(data), name="x", size=len(data))
        upload._name = name  # as a hostile client could name it, past Django's cleaning
        content, _type = checked_document(upload, field="file", too_big="big", refused="no")
        document = Document(request=bill, kind="bill", content_type=_type, size=content.size)
        document.uploaded_by = birth_parent
        document.file.save(content.name, content, save=True)
        assert RANDOM_NAME.match(document.file.name), document.file.name
    for kept in kept_files(media):
        assert kept.resolve().is_relative_to(Path(media).resolve())
        assert RANDOM_NAME.match(str(kept.relative_to(media)))


def test_a_name_with_path_tricks_through_the_forms_is_stored_under_a_random_name(
    client_for, birth_parent, agreed, bill, media
):
    mother = client_for(birth_parent)
    post_photo(mother, agreed, jpeg(), name="../../../etc/passwd.jpg")
    add_document(mother, bill, one_page_pdf("x"), name="../../" + "y" * 300 + ".pdf")
    assert len(kept_files(media)) == 3  # two sizes of the photo, and the document
    for kept in kept_files(media):
        assert RANDOM_NAME.match(str(kept.relative_to(media))), kept


def test_a_handout_is_rewritten_and_handed_out_as_a_download(client_for, coach, media):
    from datetime import timedelta

    from gatherings.models import Gathering, Resource

    gathering = Gathering.objects.create(
        title="Holidays in two homes",
        starts_at=timezone.now() + timedelta(days=7),
        place="Fellowship Hall",
        capacity=3,
        created_by=coach,
    )
    team = client_for(coach)
    response = team.post(
        reverse("gatherings:share", args=[gathering.pk]),
        {
            "kind": "file",
            "title": "Five things to try",
            "upload": SimpleUploadedFile("tips.pdf", hostile.pdf_with_everything()),
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    download = team.get(reverse("gatherings:resource_file", args=[resource.pk]))
    stored = served(download)
    assert stored.startswith(b"%PDF-") and not [p for p in FORBIDDEN_IN_A_PDF if p in stored]
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "private, no-store"


def test_the_views_that_take_files_are_the_forms_that_send_them():
    """Every other view skips a file unread: a new form that sends one needs its view
    marked with accepts_upload, and its limit then shows here."""
    from django.urls import get_resolver

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif getattr(pattern.callback, "upload_limit", 0):
                yield f"{namespace}{pattern.name}", pattern.callback.upload_limit // MB

    assert dict(walk(get_resolver().url_patterns)) == {
        # A photo (15 MB) or a voice note (20 MB, core.audio).
        "journal:post_new": 20,
        "conversations:thread": 20,
        "voice:new": 20,
        "assistance:document_add": 10,
        "gatherings:share": 10,
        "directory:manage": 50,
    }
