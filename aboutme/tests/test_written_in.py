import pytest

from aboutme.tests.test_aboutme import profile, write

pytestmark = pytest.mark.django_db


def test_a_spanish_reader_is_told_in_spanish_which_language_an_answer_was_written_in(
    client_for, birth_parent, partner_parent, agreed
):
    child = agreed.children.first()
    partner_parent.language = "es"
    partner_parent.save()
    write(client_for(birth_parent), child, breakfast="Pancakes with cinnamon.")
    page = profile(client_for(partner_parent), child)
    assert "escrito en inglés" in page
    assert "escrito en Inglés" not in page
    # Who wrote it and the language are set apart by a dot with a space on each side.
    assert ") escribió · escrito en inglés" in page
    assert "escribió· " not in page
