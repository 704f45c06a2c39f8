"""A listing names the languages spoken there in the reader's own language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_spanish_reader_reads_the_languages_spoken_in_spanish(client, directory):
    service = directory["Little Learners Childcare"]
    search = client.get(
        reverse("directory:search"),
        {"need": "childcare", "language": "es", "near": "78702"},
        HTTP_ACCEPT_LANGUAGE="es",
    ).content.decode()
    listing = client.get(service.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Se habla inglés, español" in search
    assert "<dd>inglés, español</dd>" in listing


def test_an_english_reader_reads_them_in_english(client, directory):
    service = directory["Little Learners Childcare"]
    listing = client.get(service.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dd>English, Spanish</dd>" in listing
