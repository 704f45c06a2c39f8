"""How intake's pages read: what a form starts with chosen, what its error summary lists."""

import pytest
from django.urls import reverse

from intake.models import Submission
from intake.tests.test_intake import interest, make_submission

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


def test_the_error_summary_lists_every_missing_field_and_links_to_it(client):
    data = interest(kind="", first_name="", phone="", email="")
    page = client.post(reverse("intake:interest"), data).content.decode()
    summary = page.split('class="form-errors"')[1].split("</div>")[0]
    assert 'href="#id_kind_0"' in summary and "I am a…" in summary
    assert 'href="#id_first_name"' in summary and "First name" in summary
    assert 'href="#id_phone"' in summary
    assert "Give us a phone number or an e-mail" in summary
    assert not Submission.objects.exists()


def test_phone_and_e_mail_say_one_of_them_is_needed_rather_than_optional(client):
    page = client.get(reverse("intake:interest")).content.decode()
    phone = page.split('for="id_phone"')[1].split("</label>")[0]
    email = page.split('for="id_email"')[1].split("</label>")[0]
    assert "optional" not in phone and "optional" not in email
    assert "A phone or an e-mail, so we can reach you." in page
    assert "(optional)" in page.split('for="id_last_name"')[1].split("</label>")[0]
