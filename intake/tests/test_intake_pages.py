"""How intake's forms and pages read: what starts chosen, what the error summary lists, how
dates and durations are written."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.templatetags.village import spoken_duration, weekday_date
from intake.models import Submission
from intake.tests.test_intake import interest, make_submission

pytestmark = pytest.mark.django_db

SHORT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


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


def test_durations_read_as_people_say_them():
    with translation.override("en"):
        assert spoken_duration(timedelta(hours=96)) == "4 days"
        assert spoken_duration(timedelta(hours=30)) == "1 day 6 hours"
        assert spoken_duration(timedelta(hours=3, minutes=10)) == "3 hours"
        assert spoken_duration(timedelta(hours=1)) == "1 hour"
        assert spoken_duration(timedelta(minutes=25)) == "25 minutes"
    with translation.override("es"):
        assert spoken_duration(timedelta(hours=30)) == "1 día y 6 horas"
        assert spoken_duration(timedelta(hours=48)) == "2 días"


def test_the_figures_give_the_median_wait_in_days_and_hours(client_for, director):
    submission = make_submission(due_at=timezone.now() - timedelta(hours=1))
    received = Submission.objects.values_list("received_at", flat=True).get(pk=submission.pk)
    Submission.objects.filter(pk=submission.pk).update(
        first_contact_at=received + timedelta(hours=96)
    )
    page = client_for(director).get(reverse("intake:figures")).content.decode()
    # Only the page's main part: a random nonce in the head may happen to hold "96".
    main = page[page.index("<main") :]
    assert "4 days" in main and " h<" not in main and "96" not in main


def test_intake_pages_write_every_date_one_way(client_for, coach, director):
    submission = make_submission(due_at=timezone.now() - timedelta(hours=2))
    coach_client = client_for(coach)
    coach_client.post(reverse("intake:attempt", args=[submission.pk]), {"method": "no_answer"})
    make_submission(first_name="Later")
    pages = [
        coach_client.get(reverse("intake:queue")),
        coach_client.get(reverse("intake:detail", args=[submission.pk])),
        client_for(director).get(reverse("intake:figures")),
    ]
    received = timezone.localtime(Submission.objects.get(pk=submission.pk).received_at)
    for response in pages:
        page = response.content.decode()
        assert not SHORT_DATE.search(page), response.request["PATH_INFO"]
    assert date_format(received, "DATETIME_FORMAT") in pages[1].content.decode()


def test_the_thanks_page_writes_the_day_the_way_spanish_does(client, coach):
    response = client.post(
        reverse("intake:interest"), interest(), HTTP_ACCEPT_LANGUAGE="es", follow=True
    )
    due = timezone.localtime(Submission.objects.get().due_at)
    with translation.override("es"):
        expected = weekday_date(due)
    assert f"antes del {expected}," in response.content.decode()
