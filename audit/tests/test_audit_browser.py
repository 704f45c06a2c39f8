"""The director reads the audit trail on a phone: its wide table scrolls sideways and
can be scrolled from the keyboard."""

import pytest
from django.urls import reverse

from core.tests.browser_fixtures import assert_sound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_audit_trail_s_wide_table_is_accessible_on_a_phone(sign_in):
    director = sign_in("director@example.org")
    director.goto(director.base_url + reverse("audit:search"))
    assert_sound(director)
