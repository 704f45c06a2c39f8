"""The calendar's dates are kept for the person a minute (decision 0048): reused when
nothing announced a change, written afresh at once when the person, another reader of
the partnership or a court order changes what it shows, and kept through a change of
another area's records (a journal post)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.testing import sign_in_client
from agreements.services import restriction_add
from notices.badges import area_of, kept_forget, kept_key
from partnerships.models import Coverage
from schedule.models import Event

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def kept(settings):
    """Production's minute: the suite writes every page afresh (test_settings)."""
    settings.BADGE_SECONDS = 60
    settings.TIME_ZONE = "America/Chicago"


def soon(days: int = 2) -> datetime:
    day = timezone.localdate(timezone.now(), CHICAGO) + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 16, tzinfo=CHICAGO)


def week_of(client, day: date | None = None) -> str:
    day = day or soon().date()
    page = client.get(reverse("schedule:agenda"), {"view": "week", "on": day.isoformat()})
    assert page.status_code == 200
    return page.content.decode()


def straight_to_the_table(partnership, coach, title: str) -> Event:
    """An event no form announced: nobody's kept page learns of it."""
    return Event.objects.create(
        partnership=partnership,
        created_by=coach,
        kind="visit",
        title=title,
        starts_at=soon(),
        minutes=60,
        place="visit_room",
    )


def form_for(title: str) -> dict:
    return {
        "kind": "appointment",
        "title": title,
        "starts_at": soon().strftime("%Y-%m-%dT%H:%M"),
        "minutes": "60",
        "attendees": "both",
        "place": "visit_room",
    }


def test_the_calendar_is_reused_within_the_minute_when_nothing_announced_a_change(
    client_for, coach, agreed
):
    carmen = client_for(coach)
    assert "Picnic" not in week_of(carmen)
    straight_to_the_table(agreed, coach, "Picnic")
    assert "Picnic" not in week_of(carmen)
    cache.clear()  # the minute over
    assert "Picnic" in week_of(carmen)


def test_a_date_the_coach_schedules_shows_on_her_calendar_and_the_mothers_at_once(
    client_for, coach, birth_parent, agreed
):
    carmen, mother = client_for(coach), sign_in_client(Client(), birth_parent)
    assert "Dentist" not in week_of(carmen) and "Dentist" not in week_of(mother)
    sent = carmen.post(reverse("schedule:event_new", args=[agreed.pk]), form_for("Dentist"))
    assert sent.status_code == 302
    assert "Dentist" in week_of(carmen)
    assert "Dentist" in week_of(mother)


def test_a_date_the_covering_coach_schedules_shows_on_the_coachs_calendar_at_once(
    client_for, coach, other_coach, agreed
):
    today = timezone.localdate()
    Coverage.objects.create(
        coach=coach, covering_coach=other_coach, starts_on=today, ends_on=today + timedelta(days=7)
    )
    carmen = client_for(coach)
    assert "Dentist" not in week_of(carmen)
    sent = sign_in_client(Client(), other_coach).post(
        reverse("schedule:event_new", args=[agreed.pk]), form_for("Dentist")
    )
    assert sent.status_code == 302
    assert "Dentist" in week_of(carmen)


def test_a_court_order_holds_back_a_kept_date_at_once(client_for, coach, birth_parent, agreed):
    straight_to_the_table(agreed, coach, "Park visit")
    mother = client_for(birth_parent)
    assert "Park visit" in week_of(mother) and "On hold" not in week_of(mother)
    restriction_add(actor=coach, partnership=agreed, kind="supervised", starts_on=date.today())
    assert "On hold: the court requires a supervisor" in week_of(mother)


def test_the_kept_dates_hold_no_form_whose_token_belongs_to_another_browser(
    client_for, coach, agreed
):
    """The page's own forms (time zone, feed) carry each browser's CSRF token; the part
    kept for the coach holds none, so a second browser of hers gets forms that work."""
    straight_to_the_table(agreed, coach, "Picnic")
    week_of(client_for(coach))
    page = sign_in_client(Client(), coach).get(
        reverse("schedule:agenda"), {"view": "week", "on": soon().date()}
    )
    kept = page.context["dates"]
    assert "Picnic" in kept and "csrfmiddlewaretoken" not in kept
    assert kept in page.content.decode()


def test_the_kept_dates_follow_the_readers_language(client_for, coach, agreed):
    straight_to_the_table(agreed, coach, "Picnic")
    carmen = client_for(coach)
    assert "Nothing this day." in week_of(carmen)
    coach.language = "es"
    coach.save(update_fields=["language"])
    spanish = week_of(carmen)
    assert "Nada este día." in spanish and "Nothing this day." not in spanish


def test_a_journal_post_leaves_the_other_homes_calendar_kept_and_writes_the_rest_afresh(
    client_for, coach, birth_parent, partner_parent, agreed
):
    def versions() -> dict:
        areas = ("", "journal", "schedule", "aboutme")
        return {area: kept_key(partner_parent.pk, "part", area=area) for area in areas}

    paula = client_for(partner_parent)
    assert "Bath night" not in week_of(paula)
    before = versions()
    straight_to_the_table(agreed, coach, "Bath night")
    sent = sign_in_client(Client(), birth_parent).post(
        reverse("journal:post_new", args=[agreed.pk]),
        {"text": "She sang the bath song all the way home.", "key": "k" * 32},
    )
    assert sent.status_code == 302
    # The post touched the journal, the tab bar's counts and the home page: not the
    # calendar nor All About Me, which stay as they were kept.
    after = versions()
    assert after["journal"] != before["journal"] and after[""] != before[""]
    assert after["schedule"] == before["schedule"] and after["aboutme"] == before["aboutme"]
    assert "Bath night" not in week_of(paula)
    # A change anywhere else (here, as an agreement's service does) writes all afresh.
    kept_forget(partner_parent.pk)
    assert "Bath night" in week_of(paula)


def test_a_date_scheduled_leaves_the_journal_kept_and_writes_the_calendar_afresh(
    client_for, coach, birth_parent, agreed
):
    mother = client_for(birth_parent)
    journal = reverse("journal:feed", args=[agreed.pk])
    assert mother.get(journal).status_code == 200
    journal_kept = kept_key(birth_parent.pk, "part", area="journal")
    sent = sign_in_client(Client(), coach).post(
        reverse("schedule:event_new", args=[agreed.pk]), form_for("Dentist")
    )
    assert sent.status_code == 302
    assert kept_key(birth_parent.pk, "part", area="journal") == journal_kept
    assert "Dentist" in week_of(mother)


def test_an_address_names_its_area_only_for_the_apps_that_have_one():
    assert area_of(reverse("journal:feed", args=[7])) == "journal"
    assert area_of(reverse("schedule:agenda") + "?view=week") == "schedule"
    assert area_of("/") == "" and area_of("/no/such/page/") == ""
    with pytest.raises(ValueError):
        kept_key(1, "part", area="families")
