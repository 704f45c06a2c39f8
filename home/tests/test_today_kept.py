"""A coach's Today is kept a minute (notices/badges.py, decision 0045): reused when
nothing announced a change, counted afresh at once when a notice reaches the coach or
the coach sends a form."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.selectors import sharing_for
from journal.models import Post, Status
from journal.services import post_create
from notices.badges import _stand_in

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


def test_a_kept_today_gives_each_browser_a_form_token_of_its_own(
    kept, coach, birth_parent, partnership
):
    """The Today is kept as written, its "Done" forms with a stand-in for the CSRF token
    (decision 0048): a second browser of the coach's gets its own token, and its form
    is accepted with the check on."""
    from django.test import Client

    from accounts.testing import sign_in_client
    from caseplan.services import contact_log

    data = {"kind": "check_in", "medium": "phone", "happened_on": timezone.localdate()}
    data.update(minutes=20, follow_up_on=timezone.localdate())
    contact = contact_log(
        actor=coach, partnership=partnership, data=data, people=[birth_parent.person]
    )
    laptop = sign_in_client(Client(enforce_csrf_checks=True), coach)
    phone = sign_in_client(Client(enforce_csrf_checks=True), coach)
    assert "follow up on the Check-in" in today_of(laptop)  # written, and kept
    html = phone.get(reverse("home:home")).content.decode()
    form = html[html.index(reverse("caseplan:contact_done", args=[contact.pk])) :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert _stand_in("csrf") not in html
    done = phone.post(
        reverse("caseplan:contact_done", args=[contact.pk]),
        {"from": "home", "csrfmiddlewaretoken": token},
    )
    assert done.status_code == 302
    contact.refresh_from_db()
    assert contact.followed_up_at is not None
    assert "follow up on the Check-in" not in today_of(phone)
