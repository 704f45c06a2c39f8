"""Where a form stands against the promise of a first contact wears the same tag in the
queue and on the form's page; an empty filtered queue offers to clear its filters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.tests.test_intake import make_submission as a_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "variant", "text"),
    [
        ({}, "attention", "Contact by"),
        ({"due_at": timezone.now() - timedelta(hours=3)}, "danger", "Overdue: was due"),
        ({"first_contact_at": timezone.now()}, "ok", "Contacted"),
    ],
)
def test_each_state_has_one_tag_in_the_queue_and_on_the_form_s_page(
    client_for, coach, fields, variant, text
):
    submission = a_form(**fields)
    client = client_for(coach)
    tag = f'<span class="badge {variant}">{text}'
    assert tag in client.get(reverse("intake:queue")).content.decode()
    assert tag in client.get(submission.get_absolute_url()).content.decode()


def test_a_closed_form_is_a_plain_fact_with_its_outcome(client_for, coach):
    submission = a_form(closed_at=timezone.now(), outcome="enrolled")
    page = client_for(coach).get(submission.get_absolute_url()).content.decode()
    assert f'<span class="badge ">Closed: {submission.get_outcome_display()}</span>' in page


def test_a_queue_filtered_to_nothing_offers_to_clear_the_filters(client_for, coach):
    a_form(county="Travis")
    client = client_for(coach)
    page = client.get(reverse("intake:queue"), {"county": "Hays"}).content.decode()
    assert "No open forms." in page
    assert f'<a href="{reverse("intake:queue")}">Clear the filters</a>' in page
