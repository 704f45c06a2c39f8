"""Each kind of date has one icon and one colour, written with its name, wherever the
calendar shows it: the agenda, the week and the month, the event's own page."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from gatherings.models import Gathering
from gatherings.services import registration_make
from schedule.models import Event, Kind

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")

#: The icon each kind is drawn with, by the design system's names.
ICONS = {
    "visit": "favorite",
    "court": "account_balance",
    "appointment": "event",
    "school": "backpack",
    "gathering": "groups",
}

_ITEM = re.compile(
    r'<(?P<tag>li|div) class="event-item kind-(?P<kind>[a-z]+)[^"]*">(?P<body>.*?)</(?P=tag)>', re.S
)


@dataclass
class Item:
    kind: str
    icons: list[str]
    text: str


def icons_in(html: str) -> list[str]:
    return re.findall(r'icons\.svg#([a-z_]+)"', html)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def event_items(html: str) -> list[Item]:
    """Every entry drawn as a kind of date: its kind, the icons in it and its words."""
    return [Item(m["kind"], icons_in(m["body"]), text_of(m["body"])) for m in _ITEM.finditer(html)]


def item_titled(html: str, title: str) -> Item:
    (item,) = [item for item in event_items(html) if title in item.text]
    return item


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def in_three_days() -> datetime:
    day = timezone.localdate(timezone.now(), CHICAGO) + timedelta(days=3)
    return datetime(day.year, day.month, day.day, 11, tzinfo=CHICAGO)


def an_event(partnership, coach, kind: str, **fields) -> Event:
    fields = {"starts_at": in_three_days(), "title": f"The {kind} date", **fields}
    return Event.objects.create(
        partnership=partnership, kind=kind, place="public", created_by=coach, **fields
    )


def calendar_pages(client, day: date) -> dict[str, str]:
    on = day.isoformat()
    return {
        view: client.get(reverse("schedule:agenda"), params).content.decode()
        for view, params in (
            ("agenda", {}),
            ("week", {"view": "week", "on": on}),
            ("month", {"view": "month", "on": on}),
        )
    }


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_each_kind_shows_its_class_icon_and_name_on_the_agenda_week_and_month(
    kind, client_for, coach, birth_parent, agreed
):
    event = an_event(agreed, coach, kind)
    pages = calendar_pages(client_for(birth_parent), timezone.localdate(event.starts_at, CHICAGO))
    for view, html in pages.items():
        item = item_titled(html, event.title)
        assert (item.kind, item.icons) == (kind, [ICONS[kind]]), view
        assert item.text.startswith(f"{kind.label} "), view


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_an_event_s_page_heads_its_details_with_its_kind_s_icon_colour_and_name(
    kind, client_for, coach, birth_parent, agreed
):
    event = an_event(agreed, coach, kind)
    page = client_for(birth_parent).get(reverse("schedule:event", args=[event.pk])).content
    heading = re.search(
        r'<h2 id="event-heading" class="kind-heading kind-([a-z]+)">(.*?)</h2>', page.decode(), re.S
    )
    assert heading[1] == kind
    assert icons_in(heading[2]) == [ICONS[kind]] and text_of(heading[2]) == kind.label


def test_a_cancelled_date_keeps_its_kind_and_is_dimmed(client_for, coach, birth_parent, agreed):
    from schedule.models import Change

    event = an_event(agreed, coach, "court", repeat="FREQ=WEEKLY")
    Change.objects.create(event=event, occurrence=event.starts_at, changed_by=coach)
    html = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    assert '<li class="event-item kind-court muted">' in html
    cancelled = [i for i in event_items(html) if "Cancelled" in i.text]
    assert cancelled and all(i.icons == ["account_balance"] for i in cancelled)


def test_a_gathering_on_the_calendar_has_the_gathering_icon_colour_and_name(
    client_for, coach, partner_parent
):
    gathering = Gathering.objects.create(
        title="Holidays in two homes",
        starts_at=in_three_days(),
        place="Fellowship Hall",
        capacity=10,
        created_by=coach,
    )
    registration_make(gathering=gathering, user=partner_parent, data={"name": "Paula"})
    pages = calendar_pages(client_for(partner_parent), timezone.localdate(in_three_days(), CHICAGO))
    for view, html in pages.items():
        item = item_titled(html, "Holidays in two homes")
        assert (item.kind, item.icons) == ("gathering", ["groups"]), view
        assert item.text.startswith("Gathering "), view


def test_the_kinds_are_named_in_spanish_with_the_same_icons(
    client_for, coach, birth_parent, agreed
):
    for kind in Kind:
        an_event(agreed, coach, kind)
    birth_parent.language = "es"
    birth_parent.save()
    html = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    named = {
        "visit": "Tiempo en familia",
        "court": "Audiencia en el tribunal",
        "appointment": "Cita",
        "school": "Evento escolar",
    }
    items = event_items(html)
    assert sorted(item.kind for item in items) == sorted(named)
    for item in items:
        assert item.icons == [ICONS[item.kind]] and item.text.startswith(f"{named[item.kind]} ")


def test_the_label_writes_the_name_beside_the_icon_and_nothing_for_an_unknown_kind():
    template = Template("{% load kinds %}[{% kind_label kind %}]")
    with translation.override("en"):
        school = template.render(Context({"kind": "school"}))
        unknown = template.render(Context({"kind": "picnic"}))
    assert school.startswith('[<span class="kind-label"><svg class="icon "')
    assert school.endswith('#backpack"></use></svg><span>School event</span></span>]')
    assert unknown == "[]"
