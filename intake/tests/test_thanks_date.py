import re

import pytest
from django.urls import reverse

from intake.tests.test_intake import interest

pytestmark = pytest.mark.django_db


def test_the_thanks_page_writes_the_day_as_spanish_writes_it_in_a_sentence(client, coach):
    response = client.post(
        reverse("intake:interest"), interest(), HTTP_ACCEPT_LANGUAGE="es", follow=True
    )
    page = response.content.decode()
    days = "lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    assert re.search(rf"le contactará antes del ({days}) \d{{1,2}} de [a-z]+,", page), page


def test_a_visitor_s_form_leaves_no_session_behind(client, coach):
    from django.contrib.sessions.models import Session

    response = client.post(reverse("intake:interest"), interest(), follow=True)
    assert "A family coach will contact you by" in response.content.decode()
    assert Session.objects.count() == 0


def test_a_forged_answer_date_is_ignored_on_the_thanks_page(client, db):
    client.cookies["village_intake_due"] = "2099-01-01T00:00:00+00:00"
    response = client.get(reverse("intake:thanks"))
    assert response.status_code == 200 and response.context["due_at"] is None
