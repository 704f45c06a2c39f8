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
