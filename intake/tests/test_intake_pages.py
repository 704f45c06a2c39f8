"""How intake's pages read: what a form starts with chosen."""

import pytest
from django.urls import reverse

from intake.tests.test_intake import make_submission

pytestmark = pytest.mark.django_db


def test_closing_a_form_starts_with_no_outcome_chosen_and_apart_from_routine_buttons(
    client_for, coach
):
    submission = make_submission()
    response = client_for(coach).get(reverse("intake:detail", args=[submission.pk]))
    close_form = response.context["close_form"]
    assert close_form["outcome"].value() in (None, "")
    page = response.content.decode()
    assert '<option value="" selected>Choose…</option>' in page
    assert '<button type="submit" class="warning">Close the form</button>' in page


def test_a_form_closed_without_choosing_an_outcome_stays_open(client_for, coach):
    submission = make_submission()
    response = client_for(coach).post(reverse("intake:close", args=[submission.pk]), {})
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.closed_at is None
