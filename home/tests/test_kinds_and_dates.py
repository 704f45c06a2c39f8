"""The home pages draw a kind of date as the calendar does, and write dates as the
calendar does: "Thursday, December 3", never 12/03/2026."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.testing import sign_in_client
from home.demo import DEMO_PASSWORD
from schedule.models import Kind
from schedule.tests.test_kinds import (
    ICONS,
    an_event,
    event_items,
    in_three_days,
    item_titled,
    text_of,
)

pytestmark = pytest.mark.django_db

NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def section(html: str, heading_id: str) -> str:
    return re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)[0]


def test_the_parent_s_next_family_time_card_carries_the_family_time_icon_and_name(
    client_for, coach, birth_parent, agreed
):
    an_event(agreed, coach, "visit", title="Park visit")
    home = client_for(birth_parent).get(reverse("home:home")).content.decode()
    card = section(home, "family-time-heading")
    (item,) = event_items(card)
    assert (item.kind, item.icons) == ("visit", ["favorite"])
    assert item.text.startswith("Family time ")


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_a_kind_shows_the_same_icon_on_the_calendar_and_on_the_parent_s_home(
    kind, client_for, coach, partner_parent, agreed
):
    event = an_event(agreed, coach, kind)
    client = client_for(partner_parent)
    on_calendar = item_titled(client.get(reverse("schedule:agenda")).content.decode(), event.title)
    home = client.get(reverse("home:home")).content.decode()
    coming = item_titled(section(home, f"partnership-{agreed.pk}-heading"), event.title)
    assert on_calendar.kind == coming.kind == kind
    assert on_calendar.icons == coming.icons == [ICONS[kind]]
    assert coming.text.startswith(f"{kind.label} ")


def test_the_staff_s_partnership_page_draws_each_coming_date_by_its_kind(client_for, coach, agreed):
    for kind in Kind:
        an_event(agreed, coach, kind)
    page = client_for(coach).get(reverse("partnerships:detail", args=[agreed.pk]))
    items = event_items(section(page.content.decode(), "dates-heading"))
    assert {item.kind: item.icons for item in items} == {
        kind: [ICONS[kind]] for kind in ("visit", "court", "appointment", "school")
    }


def missed_twice(partnership, coach):
    from schedule.models import Attendance

    for weeks_ago in (1, 2):
        starts_at = in_three_days() - timedelta(weeks=weeks_ago)
        event = an_event(partnership, coach, "visit", starts_at=starts_at)
        Attendance.objects.create(
            event=event, occurrence=starts_at, outcome="no_show", by="birth", recorded_by=coach
        )


@pytest.fixture
def demo_coach_with_every_kind_of_row(demo):
    """The demo's coach, whose Today has a follow-up and a referral, given the rest of
    what Today dates: a step, a check-in due, a warning sign, family time missed."""
    from aftercare.models import FollowUp
    from caseplan.models import Step
    from partnerships.models import Partnership

    coach = User.objects.get(email="coach@example.org")
    morales = Partnership.objects.get(coach=coach, birth_family__name="Morales family")
    today = timezone.localdate()
    Step.objects.filter(goal__partnership=morales, done_on__isnull=True).update(
        due_on=today + timedelta(days=2)
    )
    FollowUp.objects.create(partnership=morales, due_on=today - timedelta(days=1))
    FollowUp.objects.create(
        partnership=morales, due_on=today - timedelta(days=9), done_on=today, warning=True
    )
    missed_twice(morales, coach)
    client = Client()
    assert client.login(username="coach@example.org", password=DEMO_PASSWORD)
    sign_in_client(client, User.objects.get(email="coach@example.org"))
    return coach, client


@pytest.mark.parametrize(
    ("language", "weekdays"),
    [
        ("en", "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),
        ("es", "lunes|martes|miércoles|jueves|viernes|sábado|domingo"),
    ],
)
def test_the_coach_s_today_writes_every_date_in_words_never_in_numbers(
    demo_coach_with_every_kind_of_row, language, weekdays
):
    coach, client = demo_coach_with_every_kind_of_row
    coach.language = language
    coach.save()
    today = text_of(section(client.get(reverse("home:home")).content.decode(), "today-heading"))
    assert not NUMERIC_DATE.search(today), today
    # Six dated rows: warning, check-in, missed family time, step, follow-up, referral.
    assert len(re.findall(rf"\b({weekdays})\b", today)) >= 6, today


def test_missed_family_times_on_today_carry_the_family_time_icon(client_for, coach, agreed):
    missed_twice(agreed, coach)
    today = section(client_for(coach).get(reverse("home:home")).content.decode(), "today-heading")
    (item,) = event_items(today)
    assert (item.kind, item.icons) == ("visit", ["favorite"])
    assert "2 family times missed in a row" in item.text and not NUMERIC_DATE.search(item.text)
