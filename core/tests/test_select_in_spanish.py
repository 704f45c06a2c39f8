import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_select_s_empty_choice_reads_in_the_reader_s_spanish(client_for, coach):
    coach.language = "es"
    coach.save()
    page = client_for(coach).get(reverse("partnerships:new")).content.decode()
    assert "- Seleccione una opción -" in page
    assert "Select an option" not in page
