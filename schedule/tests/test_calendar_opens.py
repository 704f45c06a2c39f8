"""The week and month views show every date on the person's calendar, gatherings
included, and each date opens a page about it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.selectors import sharing_for
from gatherings.models import Gathering
from gatherings.services import registration_make
from schedule.models import Place
from schedule.services import event_create

pytestmark = pytest.mark.django_db


def visit(coach, partnership, starts_at, **fields):
    data = {
        "kind": "visit",
        "title": "Family time",
        "starts_at": starts_at,
        "minutes": 60,
        "place": "visit_room",
        **fields,
    }
    return event_create(actor=coach, sharing=sharing_for(partnership), data=data)


def test_the_week_view_shows_a_gathering_the_person_replied_to_on_its_day(
    client_for, coach, partner_parent, agreed
):
    starts_at = timezone.now() + timedelta(days=1)
    gathering = Gathering.objects.create(
        title="Holidays in two homes",
        starts_at=starts_at,
        place="Fellowship Hall",
        capacity=10,
        created_by=coach,
    )
    reply = registration_make(
        gathering=gathering, data={"name": "Jenna", "adults": 1}, user=partner_parent
    )
    day = timezone.localdate(starts_at)
    for view in ("week", "month"):
        page = client_for(partner_parent).get(
            reverse("schedule:agenda"), {"view": view, "on": day.isoformat()}
        )
        html = page.content.decode()
        day_html = html.split(f'datetime="{day.isoformat()}"', 1)[1].split('class="day', 1)[0]
        assert "Holidays in two homes" in day_html, view
        assert reply.get_absolute_url() in day_html, view
        assert "Nothing this day." not in day_html


def test_a_date_on_the_week_view_opens_its_event_page_with_when_where_and_who_comes(
    client_for, coach, birth_parent, agreed
):
    starts_at = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    event = visit(
        coach,
        agreed,
        starts_at,
        title="Park visit",
        place=Place.PUBLIC,
        place_detail="Pease Park, by the playground",
        brings_children="Jenna",
    )
    week = client_for(birth_parent).get(
        reverse("schedule:agenda"),
        {"view": "week", "on": timezone.localdate(starts_at).isoformat()},
    )
    link = reverse("schedule:event", args=[event.pk])
    assert f'href="{link}?occurrence=' in week.content.decode()
    page = client_for(birth_parent).get(link, {"occurrence": starts_at.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Park visit" in html and "Pease Park, by the playground" in html
    assert "Both homes" in html and "Jenna brings the children" in html


def test_the_event_page_keeps_the_partner_home_address_from_the_other_home(
    client_for, coach, birth_parent, partner_parent, agreed
):
    event = visit(
        coach,
        agreed,
        timezone.now() + timedelta(days=2),
        kind="appointment",
        title="Pediatrician",
        attendees="both",
        place="visit_room",
    )
    event.place, event.place_detail = Place.PARTNER_HOME, "12 Elm Street"
    event.save()
    link = reverse("schedule:event", args=[event.pk])
    assert "12 Elm Street" not in client_for(birth_parent).get(link).content.decode()
    assert "12 Elm Street" in client_for(partner_parent).get(link).content.decode()


def test_a_parent_cannot_open_an_event_for_the_other_home_only(
    client_for, coach, birth_parent, agreed
):
    event = visit(
        coach,
        agreed,
        timezone.now() + timedelta(days=2),
        kind="appointment",
        title="Dentist",
        attendees="partner",
    )
    page = client_for(birth_parent).get(reverse("schedule:event", args=[event.pk]))
    assert page.status_code == 404


def test_an_event_page_asked_for_a_date_out_of_reach_shows_the_event_from_its_next_date(
    client_for, coach, birth_parent, agreed
):
    starts_at = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    event = visit(coach, agreed, starts_at, title="Park visit")
    link = reverse("schedule:event", args=[event.pk])
    for far in ("9999-12-31T00:00", "1900-01-01T00:00"):
        page = client_for(birth_parent).get(link, {"occurrence": far})
        assert page.status_code == 200 and "Park visit" in page.content.decode()


def test_what_to_bring_to_a_visit_is_on_its_page_and_on_the_parents_home_page(
    client_for, coach, birth_parent, agreed
):
    starts_at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    event = visit(coach, agreed, starts_at, to_bring="The photo album and a snack")
    page = client_for(birth_parent).get(
        reverse("schedule:event", args=[event.pk]), {"occurrence": starts_at.isoformat()}
    )
    assert "What to bring" in page.content.decode()
    assert "The photo album and a snack" in page.content.decode()
    home = client_for(birth_parent).get(reverse("home:home")).content.decode()
    card = home.split("data-next-family-time", 1)[1].split("</section>", 1)[0]
    assert "Bring: The photo album and a snack" in card


def test_what_to_bring_is_bounded_like_every_other_field(coach, agreed):
    from schedule.forms import EventForm

    form = EventForm(
        data={
            "kind": "visit",
            "title": "Family time",
            "starts_at": (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "minutes": 60,
            "attendees": "both",
            "place": "visit_room",
            "to_bring": "x" * 201,
        }
    )
    assert not form.is_valid()
    assert "to_bring" in form.errors
