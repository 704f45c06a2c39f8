import io
from datetime import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from audit.models import Action, AuditEntry
from home.testing import agreement_for
from journal.models import Photo, Post, Reaction, Status
from journal.tests.images import jpeg_with_gps
from notices.delivery import notify

pytestmark = pytest.mark.django_db


def post_photo(client, partnership, text="Making cards for mama.", **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "text": text,
        "children": [c.pk for c in partnership.children.all()],
        "photo": SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), "image/jpeg"),
        "description": "Two children at a table.",
        **extra,
    }
    return client.post(reverse("journal:post_new", args=[partnership.pk]), data, follow=True)


def feed(client, partnership) -> str:
    return client.get(reverse("journal:feed", args=[partnership.pk])).content.decode()


def test_a_post_waits_for_the_coach_then_the_other_home_sees_it(
    client_for, coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    client_for(partner_parent).post(
        reverse("agreements:consent", args=[agreed.pk]), {"purpose": "photos", "given": "yes"}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_photo(client_for(partner_parent), agreed)
    assert "Your coach will look at it" in response.content.decode()
    post = Post.objects.get()
    assert post.status == Status.WAITING
    assert "Making cards for mama." not in feed(client_for(birth_parent), agreed)
    assert [m.to for m in mail.outbox] == [[coach.email]]
    queue = client_for(coach).get(reverse("journal:review")).content.decode()
    assert "Making cards for mama." in queue
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coach).post(reverse("journal:review_approve", args=[post.pk]))
    page = feed(client_for(birth_parent), agreed)
    assert "Making cards for mama." in page
    photo = Photo.objects.get()
    assert reverse("journal:photo_small", args=[photo.pk]) in page
    served = client_for(birth_parent).get(reverse("journal:photo_large", args=[photo.pk]))
    data = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/jpeg" and "private" in served["Cache-Control"]
    assert len(Image.open(io.BytesIO(data)).getexif()) == 0
    notice = mail.outbox[-1]
    assert notice.to == [birth_parent.email]
    for child in agreed.children.all():
        assert child.first_name not in notice.subject + notice.body
    assert "cards" not in notice.body and not notice.attachments


def test_the_outsider_gets_404_for_the_post_its_photo_and_the_file(
    client_for, partner_parent, outsider, agreed
):
    post_photo(client_for(partner_parent), agreed)
    post, photo = Post.objects.get(), Photo.objects.get()
    client = client_for(outsider)
    for url in (
        reverse("journal:post", args=[post.pk]),
        reverse("journal:photo_large", args=[photo.pk]),
        reverse("journal:photo_small", args=[photo.pk]),
        reverse("journal:feed", args=[agreed.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert photo.large.name.startswith(f"journal/{agreed.pk}/")
    assert "IMG_0001" not in photo.large.name


def test_a_returned_post_tells_its_author_why_and_never_reaches_the_other_home(
    client_for, coach, birth_parent, partner_parent, agreed
):
    client_for(partner_parent).post(
        reverse("journal:post_new", args=[agreed.pk]), {"text": "Their school is Lincoln."}
    )
    post = Post.objects.get()
    client_for(coach).post(
        reverse("journal:review_return", args=[post.pk]),
        {"reason": "Please leave out the school's name."},
    )
    mine = feed(client_for(partner_parent), agreed)
    assert "Please leave out the school&#x27;s name." in mine
    assert "Lincoln" not in feed(client_for(birth_parent), agreed)


def test_without_review_posts_are_shared_at_once(
    client_for, coach, birth_parent, partner_parent, agreed
):
    client_for(coach).post(reverse("journal:review_setting", args=[agreed.pk]), {})
    client_for(partner_parent).post(
        reverse("journal:post_new", args=[agreed.pk]), {"text": "Pancakes today!"}
    )
    assert Post.objects.get().status == Status.PUBLISHED
    assert "Pancakes today!" in feed(client_for(birth_parent), agreed)


def test_photos_stay_back_when_the_agreement_or_the_author_does_not_share_them(
    client_for, coach, birth_parent, partner_parent, agreed
):
    client_for(coach).post(reverse("journal:review_setting", args=[agreed.pk]), {})
    post_photo(client_for(partner_parent), agreed)
    photo = Photo.objects.get()
    url = reverse("journal:photo_small", args=[photo.pk])
    assert client_for(birth_parent).get(url).status_code == 404  # no consent to photos yet
    client_for(partner_parent).post(
        reverse("agreements:consent", args=[agreed.pk]), {"purpose": "photos", "given": "yes"}
    )
    assert client_for(birth_parent).get(url).status_code == 200
    agreement_for(agreed, by=coach, partner={"share_photos": False})
    assert client_for(birth_parent).get(url).status_code == 404
    assert "Making cards" in feed(client_for(birth_parent), agreed)  # the words still go


def test_an_author_edits_and_withdraws_a_post_and_the_trail_keeps_it(
    client_for, coach, birth_parent, partner_parent, agreed
):
    client_for(coach).post(reverse("journal:review_setting", args=[agreed.pk]), {})
    client = client_for(partner_parent)
    client.post(reverse("journal:post_new", args=[agreed.pk]), {"text": "First try."})
    post = Post.objects.get()
    client.post(reverse("journal:post_edit", args=[post.pk]), {"text": "Second try."})
    assert "Second try." in feed(client_for(birth_parent), agreed)
    assert "First try." not in feed(client_for(birth_parent), agreed)
    coach_view = client_for(coach).get(reverse("journal:post", args=[post.pk])).content.decode()
    assert "Earlier words" in coach_view and "First try." in coach_view
    assert (
        client_for(birth_parent).post(reverse("journal:post_withdraw", args=[post.pk])).status_code
        == 404
    )  # only its author
    client_for(partner_parent).post(reverse("journal:post_withdraw", args=[post.pk]))
    assert "Second try." not in feed(client_for(birth_parent), agreed)
    actions = list(
        AuditEntry.objects.filter(record_type="journal.post", record_id=str(post.pk))
        .exclude(action=Action.VIEWED)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [Action.CREATED, Action.CHANGED, Action.REMOVED]
    earlier = client_for(coach).get(reverse("journal:post", args=[post.pk]))
    assert earlier.status_code == 404  # withdrawn posts leave the journal for everyone
    assert list(post.revisions.values_list("text", flat=True)) == ["First try."]


def test_the_other_home_reacts_and_replies(client_for, coach, birth_parent, partner_parent, agreed):
    client_for(coach).post(reverse("journal:review_setting", args=[agreed.pk]), {})
    client_for(partner_parent).post(
        reverse("journal:post_new", args=[agreed.pk]), {"text": "Soccer goal!"}
    )
    post = Post.objects.get()
    client = client_for(birth_parent)
    client.post(reverse("journal:react", args=[post.pk]), {"kind": "heart"})
    client.post(reverse("journal:reply", args=[post.pk]), {"text": "¡Bravo, mijo!"})
    assert Reaction.objects.get().user_id == birth_parent.pk
    page = client_for(partner_parent).get(reverse("journal:post", args=[post.pk]))
    assert "¡Bravo, mijo!" in page.content.decode()
    client_for(birth_parent).post(reverse("journal:react", args=[post.pk]), {"kind": "heart"})
    assert not Reaction.objects.exists()  # a second tap takes it back


def test_a_file_that_is_not_a_photo_is_refused_and_the_words_are_kept(
    client_for, partner_parent, agreed
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(partner_parent).post(
        reverse("journal:post_new", args=[agreed.pk]),
        {"text": "Look at this!", "photo": SimpleUploadedFile("x.jpg", b"<svg/>", "image/jpeg")},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "That file is not a photo" in page
    assert "Look at this!" in page and not Post.objects.exists()


def test_the_journal_runs_the_same_queries_however_many_posts(
    client_for, coach, birth_parent, partner_parent, agreed
):
    client_for(coach).post(reverse("journal:review_setting", args=[agreed.pk]), {})
    counts = []
    for extra in (2, 9):
        for n in range(extra):
            post_photo(client_for(partner_parent), agreed, text=f"Moment {n}")
        posts = list(Post.objects.all())
        Reaction.objects.bulk_create(
            [Reaction(post=p, user=birth_parent, kind="heart") for p in posts],
            ignore_conflicts=True,
        )
        client = client_for(birth_parent)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("journal:feed", args=[agreed.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_notices_are_held_until_quiet_hours_end(settings, coach, agreed):
    from agreements.selectors import NOTHING, Terms

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    all_night = Terms(flags=NOTHING.flags, quiet_from=time(0, 0), quiet_until=time(23, 59))
    notify(user_id=coach.pk, path="/", quiet=all_night)
    (queued,) = default_task_backend.results
    assert queued.task.run_after is not None


# The worker closes its database connection when it is done, as a real worker does: the
# test runs outside a wrapping transaction so that Django can simply reconnect.
@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_notices(settings, client_for, coach, partner_parent, agreed):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mail.outbox.clear()
    client_for(partner_parent).post(
        reverse("journal:post_new", args=[agreed.pk]), {"text": "Bath time giggles."}
    )
    assert mail.outbox == []  # queued, not sent by the request
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.to for m in mail.outbox] == [[coach.email]]
    assert "Bath" not in mail.outbox[0].body


def test_older_posts_arrive_as_the_reader_scrolls(client_for, coach, birth_parent, agreed):
    Post.objects.bulk_create(
        Post(partnership=agreed, author=coach, side="coach", text=f"Note {n}.", status="published")
        for n in range(12)
    )
    client = client_for(birth_parent)
    first = client.get(reverse("journal:feed", args=[agreed.pk])).content.decode()
    assert 'hx-trigger="revealed"' in first and "Note 11." in first and "Note 1." not in first
    more = client.get(
        reverse("journal:feed", args=[agreed.pk]), {"page": 2}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Note 1." in more and "<html" not in more


def test_an_order_on_one_parent_hides_their_posts_and_replies_from_the_other_home(
    client_for, coach, birth_parent, partner_parent, partnership
):
    from accounts.models import Role
    from agreements.services import restriction_add
    from home.testing import person_with_account

    second = person_with_account(Role.PARTNER_PARENT, first_name="Pat")
    partnership.partner_home.parents.add(second.person)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent, second],
        consent=[birth_parent, partner_parent, second],
    )
    client_for(coach).post(reverse("journal:review_setting", args=[partnership.pk]), {})
    client_for(partner_parent).post(
        reverse("journal:post_new", args=[partnership.pk]), {"text": "Paula's news."}
    )
    client_for(second).post(
        reverse("journal:post_new", args=[partnership.pk]), {"text": "Pat's news."}
    )
    restriction_add(
        actor=coach,
        partnership=partnership,
        kind="protective_order",
        starts_on=timezone.localdate(),
        person=second.person,
    )
    paula_post = Post.objects.get(text="Paula's news.")
    client_for(second).post(reverse("journal:reply", args=[paula_post.pk]), {"text": "Pat agrees."})
    page = feed(client_for(birth_parent), partnership)
    assert "Paula&#x27;s news." in page
    assert "Pat&#x27;s news." not in page and "Pat agrees." not in page
    pat_post = Post.objects.get(text="Pat's news.")
    url = reverse("journal:post", args=[pat_post.pk])
    assert client_for(birth_parent).get(url).status_code == 404
