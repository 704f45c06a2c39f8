"""The life book: who may choose what, the rule that each home sees the choice before it
prints, the offer at reunification, and the book's PDF for the demo's Sofía."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from audit.models import Action, AuditEntry
from core.images import make_safe
from families.models import Child
from journal.models import Photo, Post, Status
from lifebook.models import Book, PartnerCopy, Pick
from partnerships.models import Partnership, Stage

pytestmark = pytest.mark.django_db


def _pango_here() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


needs_pango = pytest.mark.skipif(not _pango_here(), reason="WeasyPrint needs Pango, missing here")


def _post(partnership, author, side, text, *, status=Status.PUBLISHED, photo="", reply_to=None):
    post = Post.objects.create(
        partnership=partnership,
        author=author,
        side=side,
        text=text,
        status=status,
        published_at=timezone.now() if status == Status.PUBLISHED else None,
        reply_to=reply_to,
    )
    post.children.set(partnership.children.all())
    if photo:
        buffer = io.BytesIO()
        Image.new("RGB", (320, 240), "#3366cc").save(buffer, "JPEG")
        safe = make_safe(SimpleUploadedFile("p.jpg", buffer.getvalue(), "image/jpeg"))
        Photo.objects.create(
            post=post,
            large=safe.large,
            small=safe.small,
            width=safe.width,
            height=safe.height,
            description=photo,
        )
    return post


def _child(partnership) -> Child:
    return partnership.children.order_by("pk").first()


def _url(name, child, query=""):
    return reverse(f"lifebook:{name}", args=[child.pk]) + query


def _pick(client, child, post):
    return client.post(_url("pick", child), {"post": post.pk}, follow=True)


def _pdf_text(response) -> str:
    from pypdf import PdfReader

    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pdf(response):
    from pypdf import PdfReader

    assert response.status_code == 200
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def _drawn(page) -> list[bytes]:
    """The images a page draws (WeasyPrint shares one resource list between pages)."""
    import re

    return re.findall(rb"/(\w+) Do", page.get_contents().get_data())


# --- choosing ---------------------------------------------------------------------------


def test_a_home_chooses_a_shared_post_and_the_other_home_sees_who_chose_it(
    client_for, birth_parent, partner_parent, agreed
):
    from agreements.models import Purpose
    from agreements.services import consent_set

    consent_set(
        actor=partner_parent,
        partnership=agreed,
        person=partner_parent.person,
        purpose=Purpose.PHOTOS,
        given=True,
    )
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Pancakes on Saturday.", photo="Flour art.")
    page = _pick(client_for(birth_parent), child, post)
    assert "Added to the life book" in page.content.decode()
    assert list(Pick.objects.values_list("post", "side", "picked_by")) == [
        (post.pk, "birth", birth_parent.pk)
    ]
    theirs = client_for(partner_parent).get(_url("book", child)).content.decode()
    assert "Pancakes on Saturday." in theirs
    assert "Chosen by the birth family" in theirs
    assert "Flour art." in theirs


def test_choosing_twice_makes_one_pick_and_taking_out_removes_it(
    client_for, birth_parent, partner_parent, agreed
):
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Park day.")
    client = client_for(birth_parent)
    _pick(client, child, post)
    _pick(client, child, post)
    assert Pick.objects.count() == 1
    client.post(_url("unpick", child), {"post": post.pk})
    assert Pick.objects.count() == 0
    assert AuditEntry.objects.filter(record_type="lifebook.pick", action=Action.REMOVED).exists()


def test_someone_outside_the_partnership_gets_404_on_every_page_of_the_book(
    client_for, outsider, partner_parent, agreed, other_partnership
):
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Park day.")
    client = client_for(outsider)
    for name in ("book", "pdf", "photos"):
        assert client.get(_url(name, child)).status_code == 404
    for name in ("pick", "unpick", "partner_copy"):
        assert client.post(_url(name, child), {"post": post.pk}).status_code == 404
    assert not Pick.objects.exists()


@pytest.mark.parametrize("kind", ["other partnership", "waiting", "reply", "withdrawn"])
def test_only_a_shared_post_of_the_childs_partnership_can_be_chosen(
    client_for, birth_parent, partner_parent, outsider, agreed, other_partnership, kind
):
    child = _child(agreed)
    top = _post(agreed, partner_parent, "partner", "Top.")
    post = {
        "other partnership": lambda: _post(other_partnership, outsider, "birth", "Not theirs."),
        "waiting": lambda: _post(agreed, partner_parent, "partner", "W.", status=Status.WAITING),
        "reply": lambda: _post(agreed, partner_parent, "partner", "R.", reply_to=top),
        "withdrawn": lambda: _post(agreed, birth_parent, "birth", "X.", status=Status.WITHDRAWN),
    }[kind]()
    page = _pick(client_for(birth_parent), child, post)
    assert "cannot go in the book" in page.content.decode()
    assert not Pick.objects.exists()


def test_a_post_the_other_home_may_not_read_cannot_be_chosen(
    client_for, birth_parent, partner_parent, partnership
):
    # No agreement acknowledged yet: the birth parent's words stay on her side.
    child = _child(partnership)
    mine = _post(partnership, birth_parent, "birth", "Only mine for now.")
    page = client_for(birth_parent).get(_url("book", child)).content.decode()
    assert "Only mine for now." not in page
    _pick(client_for(birth_parent), child, mine)
    assert not Pick.objects.exists()


# --- seen before it prints --------------------------------------------------------------


def test_the_book_prints_only_once_the_other_home_has_seen_the_choice(
    client_for, coach, birth_parent, partner_parent, agreed
):
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Park day.")
    _pick(client_for(birth_parent), child, post)
    mine = client_for(birth_parent)
    page = mine.get(_url("book", child)).content.decode()
    assert "Waiting for Paula to see the choices." in page
    assert _url("pdf", child) not in page
    refused = mine.get(_url("pdf", child))
    assert refused.status_code == 302 and refused["Location"].endswith("#print")

    theirs = client_for(partner_parent)
    assert theirs.get(_url("pdf", child)).status_code == 302
    theirs.post(_url("seen", child))
    assert _url("pdf", child) in theirs.get(_url("book", child)).content.decode()
    book = Book.objects.get()
    assert book.seen_by_both

    # A change by the coach waits for both homes again.
    other = _post(agreed, birth_parent, "birth", "Zoo.")
    _pick(client_for(coach), child, other)
    book.refresh_from_db()
    assert not book.seen_by("birth") and not book.seen_by("partner")
    page = client_for(birth_parent).get(_url("book", child)).content.decode()
    assert "say they look good before printing" in page


def test_a_change_tells_the_other_home_without_a_name(
    settings, client_for, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Park day.")
    with django_capture_on_commit_callbacks(execute=True):
        _pick(client_for(birth_parent), child, post)
    told = [r.args for r in default_task_backend.results]
    assert told and all(args[0] == partner_parent.pk for args in told)
    assert all(child.first_name not in str(args) for args in told)


# --- the day home -----------------------------------------------------------------------


def test_at_reunification_the_partner_home_keeps_a_copy_only_if_the_birth_parent_agrees(
    client_for, coach, birth_parent, partner_parent, agreed
):
    child = _child(agreed)
    post = _post(agreed, partner_parent, "partner", "Park day.")
    _pick(client_for(partner_parent), child, post)
    client_for(birth_parent).post(_url("seen", child))
    Partnership.objects.filter(pk=agreed.pk).update(stage=Stage.POST_REUNIFICATION)

    page = client_for(partner_parent).get(_url("book", child)).content.decode()
    assert "the life book is their family" in page
    assert client_for(partner_parent).get(_url("pdf", child)).status_code == 302
    # The birth parent cannot answer before the offer, nor a partner ever.
    client_for(birth_parent).post(_url("partner_copy", child), {"answer": "yes"})
    assert Book.objects.get().partner_copy == ""

    client_for(coach).post(_url("offer", child))
    book = Book.objects.get()
    assert book.offered_at is not None and book.offered_by_id == coach.pk
    # Offered: the choice no longer changes.
    client_for(partner_parent).post(_url("unpick", child), {"post": post.pk})
    assert Pick.objects.count() == 1

    assert client_for(partner_parent).get(_url("pdf", child)).status_code == 302
    client_for(birth_parent).post(_url("partner_copy", child), {"answer": "no"})
    assert Book.objects.get().partner_copy == PartnerCopy.NO
    assert client_for(partner_parent).get(_url("pdf", child)).status_code == 302
    assert (
        client_for(partner_parent).post(_url("partner_copy", child), {"answer": "yes"}).status_code
        == 404
    )
    client_for(birth_parent).post(_url("partner_copy", child), {"answer": "yes"})
    assert Book.objects.get().partner_copy == PartnerCopy.YES
    if _pango_here():
        assert client_for(partner_parent).get(_url("pdf", child)).status_code == 200
        assert client_for(birth_parent).get(_url("pdf", child)).status_code == 200


def test_only_the_coach_offers_and_only_once_the_children_are_home(
    client_for, coach, birth_parent, agreed
):
    child = _child(agreed)
    assert client_for(birth_parent).post(_url("offer", child)).status_code == 404
    client_for(coach).post(_url("offer", child))
    assert not Book.objects.filter(offered_at__isnull=False).exists()


# --- the page ---------------------------------------------------------------------------


def test_the_book_page_runs_the_same_queries_however_many_picks(
    client_for, birth_parent, partner_parent, agreed
):
    child = _child(agreed)
    client = client_for(birth_parent)

    def queries_with(count):
        for n in range(count):
            _pick(client, child, _post(agreed, partner_parent, "partner", f"N{n}", photo="P"))
        with CaptureQueriesContext(connection) as seen:
            assert client.get(_url("book", child)).status_code == 200
        return len(seen)

    assert queries_with(1) == queries_with(4)


# --- the PDFs, for the demo's Sofía -----------------------------------------------------

SPANISH = {
    "milestones": "Hitos",
    "longer": "La primera visita más larga",
    "journal": "Nuestro diario",
}
ENGLISH = {"milestones": "Milestones", "longer": "The first longer visit", "journal": "Our journal"}


@needs_pango
@pytest.mark.parametrize(("language", "words"), [("en", ENGLISH), ("es", SPANISH)])
def test_sofias_life_book_holds_what_was_chosen_and_nothing_else(client_for, demo, language, words):
    from accounts.models import User

    sofia = Child.objects.get(first_name="Sofía")
    ana = User.objects.get(email="birth.parent@example.org")
    text = _pdf_text(client_for(ana).get(_url("pdf", sofia, f"?lang={language}")))
    # The song, the breakfast as it was and as it is, the milestones.
    assert "Duérmete, Sofi, la luna te cuida" in text
    assert "Pan dulce and warm milk" in text
    assert "Oatmeal with cinnamon and banana" in text
    assert words["milestones"] in text and words["longer"] in text
    assert words["journal"] in text
    # The chosen photos' captions and words.
    for caption in (
        "Two children at a breakfast table, with a card between them.",
        "Sofi's drawing: her family and Conejita the rabbit under a yellow sun.",
        "Sofi's certificate, Reader of the Month, with a gold star.",
    ):
        assert caption in text
    assert "Reader of the Month in Ms. Park's class!" in text
    # Nothing unchosen, nothing of the partner home's address or phone, nothing of another
    # partnership or of her brother's profile.
    for absent in (
        "training wheels",
        "Pronto, mi amor",
        "math quiz",
        "1418 Pecan",
        "555-0188",
        "5550188",
        "dinosaur backpack",
        "Jalen",
        "Huevos rancheros",
        "Penicillin",
    ):
        assert absent not in text, absent
    viewed = AuditEntry.objects.filter(
        actor=ana, action=Action.VIEWED, record_type="lifebook.book"
    ).values_list("fields", flat=True)
    assert ["life-book"] in list(viewed)


@needs_pango
def test_the_photo_prints_hold_each_chosen_photo(client_for, demo):
    from accounts.models import User

    sofia = Child.objects.get(first_name="Sofía")
    jenna = client_for(User.objects.get(email="partner.parent@example.org"))
    prints = _pdf(jenna.get(_url("photos", sofia, "?layout=4x6")))
    assert [len(_drawn(page)) for page in prints.pages] == [1, 1, 1]
    assert len({name for page in prints.pages for name in _drawn(page)}) == 3
    width, height = prints.pages[0].mediabox.width, prints.pages[0].mediabox.height
    assert (round(width), round(height)) == (288, 432)  # 4 × 6 inches, in points
    sheet = _pdf(jenna.get(_url("photos", sofia, "?layout=sheet")))
    assert [len(_drawn(page)) for page in sheet.pages] == [3]


def test_sofias_book_is_ready_to_print_in_the_demo(client_for, demo):
    from accounts.models import User

    sofia = Child.objects.get(first_name="Sofía")
    book = Book.objects.get(child=sofia)
    assert book.seen_by_both
    assert set(book.picks.values_list("side", flat=True)) == {"birth", "partner"}
    keisha = client_for(User.objects.get(email="outsider.parent@example.org"))
    assert keisha.get(_url("book", sofia)).status_code == 404
