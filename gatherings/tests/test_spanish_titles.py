"""A gathering may carry its title in Spanish too, for the people who read in Spanish."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_spanish_reader_sees_the_gathering_s_spanish_title(client, gathering):
    gathering.title_es = "Las fiestas en dos hogares"
    gathering.save()
    url = gathering.get_absolute_url()
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Las fiestas en dos hogares" in spanish and "Holidays in two homes" not in spanish
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Holidays in two homes" in english and "Las fiestas en dos hogares" not in english


def test_the_organizer_can_give_a_gathering_a_spanish_title(client_for, coach):
    page = client_for(coach).get(reverse("gatherings:new")).content.decode()
    assert 'name="title_es"' in page
