"""The team's queue of interest forms is kept for each coach a minute (decision 0048),
and written afresh for every coach when a form arrives or one of them acts on a form."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in_client
from intake.tests.test_intake import interest, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings):
    """Production's minute: the suite writes every page afresh (test_settings)."""
    settings.BADGE_SECONDS = 60


def queue_of(client) -> str:
    page = client.get(reverse("intake:queue"))
    assert page.status_code == 200
    return page.content.decode()


def test_the_queue_is_reused_within_the_minute_when_no_form_arrived_or_changed(client_for, coach):
    carmen = client_for(coach)
    assert "Quiet" not in queue_of(carmen)
    make_submission(first_name="Quiet")  # straight to the table: nothing announced it
    assert "Quiet" not in queue_of(carmen)


def test_a_form_a_visitor_sends_shows_on_every_coachs_kept_queue_at_once(
    client, coach, other_coach
):
    carmen, diego = sign_in_client(Client(), coach), sign_in_client(Client(), other_coach)
    assert "Lucía" not in queue_of(carmen) and "Lucía" not in queue_of(diego)
    sent = client.post(reverse("intake:interest"), interest())
    assert sent.status_code == 302
    assert "Lucía" in queue_of(carmen) and "Lucía" in queue_of(diego)


def test_a_form_one_coach_takes_shows_as_hers_on_the_other_coachs_queue_at_once(coach, other_coach):
    submission = make_submission(first_name="Ana")
    carmen, diego = sign_in_client(Client(), coach), sign_in_client(Client(), other_coach)
    assert "not assigned" in queue_of(diego)
    carmen.post(reverse("intake:assign", args=[submission.pk]), {"coach": coach.pk})
    assert "not assigned" not in queue_of(diego)


def test_a_filter_asked_is_a_queue_of_its_own(client_for, coach):
    make_submission(first_name="Travis", county="Travis")
    make_submission(first_name="Hays", county="Hays")
    carmen = client_for(coach)
    assert "<strong>Hays" in queue_of(carmen)
    only = carmen.get(reverse("intake:queue"), {"county": "travis"}).content.decode()
    assert "<strong>Travis" in only and "<strong>Hays" not in only
