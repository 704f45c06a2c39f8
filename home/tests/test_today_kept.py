"""A coach's Today is kept a minute (notices/badges.py, decision 0045): reused when
nothing announced a change, counted afresh at once when a notice reaches the coach or
the coach sends a form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.selectors import sharing_for
from journal.models import Post, Status
from journal.services import post_create

pytestmark = pytest.mark.django_db

WAITING = "journal post is waiting for you"


@pytest.fixture
def kept(settings):
    """Production's minute: the suite counts afresh on every page (test_settings)."""
    settings.BADGE_SECONDS = 60


def today_of(client) -> str:
    return client.get(reverse("home:home")).content.decode()


def test_the_today_is_reused_within_the_minute_when_nothing_announced_a_change(
    kept, client_for, coach, birth_parent, agreed
):
    carmen = client_for(coach)
    assert WAITING not in today_of(carmen)
    # Written straight to the table: no notice, so the coach's page keeps its Today.
    Post.objects.create(
        partnership=agreed, author=birth_parent, side="birth", text="Hi", status=Status.WAITING
    )
    assert WAITING not in today_of(carmen)


def test_a_post_waiting_for_review_shows_on_the_coachs_today_at_once(
    kept, client_for, coach, birth_parent, agreed, django_capture_on_commit_callbacks
):
    carmen = client_for(coach)
    assert WAITING not in today_of(carmen)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(actor=birth_parent, sharing=sharing_for(agreed), text="Her first tooth!")
    assert "1 " + WAITING in today_of(carmen)


def test_sharing_the_post_clears_it_from_the_coachs_today_at_once(
    kept, client_for, coach, birth_parent, agreed
):
    post = Post.objects.create(
        partnership=agreed, author=birth_parent, side="birth", text="Hi", status=Status.WAITING
    )
    carmen = client_for(coach)
    assert "1 " + WAITING in today_of(carmen)
    answer = carmen.post(reverse("journal:review_approve", args=[post.pk]))
    assert answer.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED and post.published_at <= timezone.now()
    assert WAITING not in today_of(carmen)
