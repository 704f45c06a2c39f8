"""A kept part of a page belongs to one person, or to everyone when it says so
(notices/badges.py, decision 0048)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from notices.badges import kept_part

pytestmark = pytest.mark.django_db


def visitor_request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_a_part_kept_for_one_person_is_refused_to_a_visitor_who_is_nobody_in_particular():
    with pytest.raises(ValueError, match="signed in"):
        kept_part(visitor_request(), "x", template="home/_gatherings.html", context=lambda: {})


def test_a_part_kept_for_everyone_is_written_for_a_visitor_too():
    written = kept_part(
        visitor_request(),
        "x",
        template="home/_gatherings.html",
        context=lambda: {"gatherings_mine": [], "gatherings_next": []},
        shared="test",
        everyone=True,
    )
    assert "<section" in written
