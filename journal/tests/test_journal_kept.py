"""The journal's form to share a moment is kept for the reader through the journal's own
changes (decision 0048, the steady parts): a post writes the posts afresh, not the form.
Whether posts wait for the coach, the one thing of the journal's the form shows, shows
as it is at once."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in_client
from families.models import Child

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept_a_minute")]

WAITS = "Your coach looks at each post before the other home sees it."


def journal_of(client, partnership) -> str:
    page = client.get(reverse("journal:feed", args=[partnership.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_a_post_writes_the_journal_afresh_but_keeps_the_form_to_share_a_moment(
    client_for, birth_parent, agreed
):
    mother = client_for(birth_parent)
    journal_of(mother, agreed)
    # A child's name changed where no form announced it: only a page written afresh shows it.
    child = agreed.children.order_by("pk").first()
    Child.objects.filter(pk=child.pk).update(first_name="Zoraida", preferred_name="")
    sent = mother.post(reverse("journal:post_new", args=[agreed.pk]), {"text": "Pancakes today"})
    assert sent.status_code == 302
    page = journal_of(mother, agreed)
    assert "Pancakes today" in page
    assert "Zoraida" not in page
    cache.clear()  # the minute over
    assert "Zoraida" in journal_of(mother, agreed)


def test_whether_posts_wait_for_the_coach_shows_to_the_parents_at_once(coach, birth_parent, agreed):
    mother = sign_in_client(Client(), birth_parent)
    assert WAITS in journal_of(mother, agreed)
    carmen = sign_in_client(Client(), coach)
    changed = carmen.post(reverse("journal:review_setting", args=[agreed.pk]), {})
    assert changed.status_code == 302
    assert WAITS not in journal_of(mother, agreed)
    carmen.post(reverse("journal:review_setting", args=[agreed.pk]), {"posts_wait": "on"})
    assert WAITS in journal_of(mother, agreed)


def test_the_director_who_changes_whether_posts_wait_sees_the_change_at_once(director, agreed):
    """A director may change it without being one of the partnership's readers."""
    dana = sign_in_client(Client(), director)
    checked = 'id="posts-wait" checked'
    assert checked in journal_of(dana, agreed)
    dana.post(reverse("journal:review_setting", args=[agreed.pk]), {})
    assert checked not in journal_of(dana, agreed)
