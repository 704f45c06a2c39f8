"""Opening the journal reads it for that person alone, up to the newest post they were
shown; opening it again with nothing new leaves the trail as it was."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from journal.models import Post, ReadMark, Status
from journal.selectors import unread_candidates

pytestmark = pytest.mark.django_db


def shared_post(partnership, author, side) -> Post:
    return Post.objects.create(
        partnership=partnership,
        author=author,
        side=side,
        text="At the park",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )


def test_one_parent_opening_the_journal_marks_it_read_for_them_alone(
    client_for, coach, birth_parent, partner_parent, agreed
):
    post = shared_post(agreed, birth_parent, "birth")
    client_for(partner_parent).get(reverse("journal:feed", args=[agreed.pk]))
    (mark,) = ReadMark.objects.all()
    assert (mark.user_id, mark.partnership_id) == (partner_parent.pk, agreed.pk)
    assert mark.read_at == post.published_at
    # Neither the other parent nor the coach has read it.
    assert not ReadMark.objects.filter(user__in=[birth_parent, coach]).exists()


def test_opening_the_journal_again_with_nothing_new_adds_nothing_to_the_trail(
    client_for, birth_parent, partner_parent, agreed
):
    shared_post(agreed, birth_parent, "birth")
    father = client_for(partner_parent)
    for _ in range(2):
        father.get(reverse("journal:feed", args=[agreed.pk]))
    (entry,) = AuditEntry.objects.filter(record_type="journal.readmark", action="changed")
    assert entry.record_id == str(ReadMark.objects.get().pk)
    newer = shared_post(agreed, birth_parent, "birth")
    father.get(reverse("journal:feed", args=[agreed.pk]))
    assert ReadMark.objects.get().read_at == newer.published_at
    assert AuditEntry.objects.filter(record_type="journal.readmark").count() == 2
    assert ReadMark.objects.count() == 1


def test_posts_shared_since_the_last_reading_are_tagged_new_in_the_feed_once(
    client_for, birth_parent, partner_parent, agreed
):
    new = '<span class="badge attention">New</span>'
    feed = reverse("journal:feed", args=[agreed.pk])
    shared_post(agreed, birth_parent, "birth")
    father = client_for(partner_parent)
    assert father.get(feed).content.decode().count(new) == 1
    assert new not in father.get(feed).content.decode()
    shared_post(agreed, birth_parent, "birth")
    shared_post(agreed, partner_parent, "partner")  # his own: never new to him
    assert father.get(feed).content.decode().count(new) == 1


def test_a_post_shared_with_her_shows_on_her_kept_journal_at_once_marked_new(
    settings, client_for, coach, birth_parent, partner_parent, agreed
):
    """The posts are kept for the reader a minute (decision 0048); a post shared since
    moves her read mark when she opens the journal, which writes them afresh, with the
    post marked new once."""
    from django.test import Client

    from accounts.testing import sign_in_client

    settings.BADGE_SECONDS = 60
    mother = sign_in_client(Client(), birth_parent)
    url = reverse("journal:feed", args=[agreed.pk])
    mother.get(url)
    assert "Pancakes at the park" not in mother.get(url).content.decode()
    post = Post.objects.create(
        partnership=agreed, author=partner_parent, side="partner", text="Pancakes at the park"
    )
    Post.objects.filter(pk=post.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    page = mother.get(url).content.decode()
    new = '<span class="badge attention">New</span>'
    assert "Pancakes at the park" in page and new in page
    again = mother.get(url).content.decode()
    assert "Pancakes at the park" in again and new not in again


def test_a_kept_journal_gives_each_showing_of_its_form_a_key_of_its_own(
    settings, client_for, birth_parent, agreed
):
    """The form to share a moment is kept with the page (decision 0048), but its one-time
    key (core.once) is new at each showing: two posts written one after the other within
    the minute are two posts, and the same form sent twice is still one."""
    import re

    from notices.badges import _stand_in

    settings.BADGE_SECONDS = 60
    mother = client_for(birth_parent)
    url = reverse("journal:feed", args=[agreed.pk])
    keys = []
    for _ in range(2):
        page = mother.get(url).content.decode()
        assert _stand_in("once") not in page
        keys.append(re.search(r'name="key" value="([^"]+)"', page).group(1))
    assert keys[0] != keys[1]
    new = reverse("journal:post_new", args=[agreed.pk])
    for key, text in ((keys[0], "First tooth!"), (keys[1], "Second tooth!"), (keys[1], "Again")):
        assert mother.post(new, {"text": text, "key": key}).status_code == 302
    assert sorted(Post.objects.values_list("text", flat=True)) == ["First tooth!", "Second tooth!"]


def test_opening_the_journal_reads_the_posts_the_agreement_still_hides_from_the_reader(
    client_for, coach, birth_parent, partner_parent, partnership
):
    """No acknowledged agreement: the other home's posts are not his to read. Opening the
    journal reads up to the newest all the same, so none stays "new" to him, to be looked
    at again by every count of what is new on every page after."""
    shared_post(partnership, partner_parent, "partner")
    hidden = shared_post(partnership, birth_parent, "birth")
    father = client_for(partner_parent)
    page = father.get(reverse("journal:feed", args=[partnership.pk])).content.decode()
    assert page.count("At the park") == 1  # his own post alone
    assert ReadMark.objects.get(user=partner_parent).read_at == hidden.published_at
    assert not unread_candidates(partner_parent).exists()
