"""Week and month views, time zones, attendance, missed family time and double bookings."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.selectors import sharing_for
from home.testing import agreement_for
from schedule.feed import feed_for
from schedule.models import Attendance, Event
from schedule.selectors import events_visible_to
from schedule.services import attendance_record, event_create

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CHICAGO)


def one_off(coach, partnership, starts_at, **fields) -> Event:
    data = {
        "kind": "visit",
        "title": "Family time",
        "starts_at": starts_at,
        "minutes": 60,
        "place": "visit_room",
        **fields,
    }
    return event_create(actor=coach, sharing=sharing_for(partnership), data=data)


def today_in_chicago() -> date:
    return timezone.localdate(timezone.now(), CHICAGO)


def test_the_week_view_lists_each_day_with_its_dates(client_for, coach, birth_parent, agreed):
    monday = date(2026, 11, 23)
    one_off(coach, agreed, at(monday + timedelta(days=2), 16), title="Park visit")
    page = client_for(birth_parent).get(
        reverse("schedule:agenda"), {"view": "week", "on": "2026-11-25"}
    )
    html = page.content.decode()
    assert 'datetime="2026-11-23"' in html and 'datetime="2026-11-29"' in html
    assert "Park visit" in html and "Nothing this day." in html
    assert 'href="?view=week&amp;on=2026-11-30"' in html


def test_the_month_view_shows_the_whole_month_and_an_empty_one_says_so(
    client_for, coach, birth_parent, agreed
):
    one_off(coach, agreed, at(date(2026, 12, 8), 10), title="Court date", kind="court")
    client = client_for(birth_parent)
    december = client.get(reverse("schedule:agenda"), {"view": "month", "on": "2026-12-15"})
    html = december.content.decode()
    assert "Court date" in html and 'datetime="2026-12-31"' in html
    assert 'datetime="2026-11-30"' in html  # the grid starts on the Monday before
    january = client.get(reverse("schedule:agenda"), {"view": "month", "on": "2027-01-15"})
    assert "Nothing scheduled this month." in january.content.decode()


def test_a_day_that_is_not_a_date_shows_this_week(client_for, birth_parent, agreed):
    page = client_for(birth_parent).get(reverse("schedule:agenda"), {"view": "week", "on": "x"})
    assert page.status_code == 200 and "Week of" in page.content.decode()


def test_a_parent_reads_times_in_the_zone_they_chose(client_for, coach, birth_parent, agreed):
    day = today_in_chicago() + timedelta(days=3)
    one_off(coach, agreed, at(day, 16))
    client = client_for(birth_parent)

    # The hour alone, not the end of another time on the page ("saved at 10:34 p.m.").
    def hour(number, html):
        return re.search(rf"(?<![\d:]){number} p\.m\.", html) is not None

    assert hour(4, client.get(reverse("schedule:agenda")).content.decode())
    client.post(reverse("schedule:time_zone"), {"time_zone": "America/New_York"})
    birth_parent.refresh_from_db()
    assert birth_parent.time_zone == "America/New_York"
    html = client.get(reverse("schedule:agenda")).content.decode()
    assert hour(5, html) and not hour(4, html)


def test_an_unknown_time_zone_is_refused_in_plain_words(client_for, birth_parent, agreed):
    response = client_for(birth_parent).post(
        reverse("schedule:time_zone"), {"time_zone": "Mars/Olympus"}, follow=True
    )
    assert "Choose one of the time zones" in response.content.decode()
    birth_parent.refresh_from_db()
    assert birth_parent.time_zone == ""


def test_a_home_sees_only_events_for_it_or_for_both_homes(
    coach, birth_parent, partner_parent, agreed
):
    soon = at(today_in_chicago() + timedelta(days=2), 11)
    for title, attendees in [
        ("Counseling", "birth"),
        ("Pediatrician", "partner"),
        ("Hearing", "both"),
    ]:
        one_off(coach, agreed, soon, title=title, kind="appointment", attendees=attendees)
    seen = {
        "birth": {e.title for e in events_visible_to(birth_parent)},
        "partner": {e.title for e in events_visible_to(partner_parent)},
        "coach": {e.title for e in events_visible_to(coach)},
    }
    assert seen == {
        "birth": {"Counseling", "Hearing"},
        "partner": {"Pediatrician", "Hearing"},
        "coach": {"Counseling", "Pediatrician", "Hearing"},
    }


def test_family_time_is_always_for_both_homes(coach, agreed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="both homes"):
        one_off(coach, agreed, at(today_in_chicago() + timedelta(days=2), 16), attendees="birth")


def test_the_birth_family_never_reads_the_partner_homes_address_on_the_calendar(
    client_for, coach, birth_parent, partner_parent, agreed
):
    address = "12 Maple Street"
    agreement_for(
        agreed,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        partner={"share_address": True},
    )
    one_off(
        coach,
        agreed,
        at(today_in_chicago() + timedelta(days=2), 16),
        place="partner_home",
        place_detail=address,
        supervised=True,
        supervisor="Marisol Vega",
    )
    mother = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    assert "The partner home" in mother and address not in mother
    assert address not in feed_for(events_visible_to(birth_parent)).decode()
    foster = client_for(partner_parent).get(reverse("schedule:agenda")).content.decode()
    assert address in foster


def record(coach, event, occurrence, outcome, by=""):
    return attendance_record(
        actor=coach, event=event, occurrence=occurrence, outcome=outcome, by=by
    )


def weekly_past_visits(coach, partnership, weeks: int) -> tuple[Event, list[datetime]]:
    first = at(today_in_chicago() - timedelta(days=7 * weeks), 16)
    event = one_off(
        coach, partnership, first, repeat="FREQ=WEEKLY", supervised=True, supervisor="Marisol"
    )
    return event, [first + timedelta(weeks=n) for n in range(weeks)]


def test_family_time_missed_twice_in_a_row_shows_on_the_coachs_home_page(
    client_for, coach, birth_parent, agreed
):
    from agreements.services import restriction_add

    restriction_add(actor=coach, partnership=agreed, kind="supervised", starts_on=date.today())
    event, dates = weekly_past_visits(coach, agreed, 4)
    record(coach, event, dates[0], "attended")
    record(coach, event, dates[1], "no_show", by="birth")
    record(coach, event, dates[2], "cancelled", by="program")  # neither counts nor breaks
    record(coach, event, dates[3], "cancelled", by="birth")
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert "2 family times missed in a row" in home
    record(coach, event, dates[3], "attended")
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert "missed in a row" not in home


def test_what_happened_is_recorded_only_after_the_date_and_says_who(client_for, coach, agreed):
    from django.core.exceptions import ValidationError

    future = one_off(coach, agreed, at(today_in_chicago() + timedelta(days=2), 16))
    with pytest.raises(ValidationError, match="has not come yet"):
        record(coach, future, future.starts_at, "attended")
    past = one_off(coach, agreed, at(today_in_chicago() - timedelta(days=2), 16))
    url = reverse("schedule:attendance", args=[past.pk])
    occurrence = timezone.localtime(past.starts_at).isoformat()
    refused = client_for(coach).post(url, {"occurrence": occurrence, "outcome": "no_show"})
    assert "Say who cancelled or did not come" in refused.content.decode()
    client_for(coach).post(
        url, {"occurrence": occurrence, "outcome": "no_show", "by": "partner", "note": "Flu"}
    )
    saved = Attendance.objects.get()
    assert (saved.outcome, saved.by, saved.note) == ("no_show", "partner", "Flu")


def test_the_calendar_asks_the_team_what_happened_at_past_dates(client_for, coach, agreed):
    past = one_off(coach, agreed, at(today_in_chicago() - timedelta(days=3), 16))
    page = client_for(coach).get(reverse("schedule:agenda")).content.decode()
    assert "What happened?" in page
    assert reverse("schedule:attendance", args=[past.pk]) in page
    record(coach, past, past.starts_at, "attended")
    page = client_for(coach).get(reverse("schedule:agenda")).content.decode()
    assert "What happened?" not in page


def test_double_booking_the_same_children_warns_before_saving(client_for, coach, agreed):
    start = at(today_in_chicago() + timedelta(days=2), 16)
    one_off(coach, agreed, start, repeat="FREQ=WEEKLY")
    data = {
        "kind": "appointment",
        "title": "Dentist",
        "starts_at": (start + timedelta(days=7, minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        "minutes": "60",
        "attendees": "partner",
        "place": "other",
    }
    url = reverse("schedule:event_new", args=[agreed.pk])
    warned = client_for(coach).post(url, data).content.decode()
    assert "This overlaps with other dates" in warned and "Schedule it anyway" in warned
    assert Event.objects.count() == 1
    client_for(coach).post(url, data | {"despite_conflicts": "on"})
    assert Event.objects.filter(title="Dentist").exists()


def test_a_partner_home_with_two_families_is_warned_of_its_own_double_booking(coach):
    from home.testing import partnership_for

    first = partnership_for(coach=coach)
    second = partnership_for(coach=coach)
    second.partner_home = first.partner_home
    second.save()
    start = at(today_in_chicago() + timedelta(days=2), 16)
    one_off(coach, first, start)
    from schedule.selectors import conflicts

    clash = Event(
        partnership=second,
        kind="visit",
        title="Other visit",
        starts_at=start + timedelta(minutes=15),
        minutes=60,
        place="visit_room",
    )
    assert [o.event.partnership_id for o in conflicts(clash)] == [first.pk]


def test_the_agenda_runs_the_same_queries_for_many_events(
    client_for, coach, agreed, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = at(today_in_chicago() + timedelta(days=1), 9)
    one_off(coach, agreed, start, repeat="FREQ=WEEKLY")
    client = client_for(coach)
    counts = []
    for extra in (0, 20):
        for n in range(extra):
            one_off(coach, agreed, start + timedelta(hours=n % 8, days=n), kind="appointment")
        for view in ("agenda", "week", "month"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("schedule:agenda"), {"view": view}).status_code == 200
            counts.append(len(queries))
    assert counts[:3] == counts[3:]


def test_the_coach_changes_every_date_of_a_series_within_the_courts_orders(
    client_for, coach, birth_parent, agreed
):
    from agreements.services import restriction_add
    from audit.models import AuditEntry

    restriction_add(actor=coach, partnership=agreed, kind="supervised", starts_on=date.today())
    start = at(today_in_chicago() + timedelta(days=2), 16)
    event = one_off(
        coach, agreed, start, repeat="FREQ=WEEKLY", supervised=True, supervisor="Marisol"
    )
    url = reverse("schedule:event_edit", args=[event.pk])
    form = {
        "kind": "visit",
        "title": "Family time at the library",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "minutes": "90",
        "repeat": "FREQ=WEEKLY",
        "attendees": "both",
        "place": "public",
        "place_detail": "Central Library, 2nd floor",
    }
    refused = client_for(coach).post(url, form).content.decode()
    assert "name who will supervise this visit" in refused
    event.refresh_from_db()
    assert event.title == "Family time" and event.supervisor == "Marisol"
    client_for(coach).post(url, form | {"supervised": "on", "supervisor": "Marisol"})
    event.refresh_from_db()
    assert (event.title, event.place) == ("Family time at the library", "public")
    changed = AuditEntry.objects.get(
        record_type="schedule.event", record_id=str(event.pk), action="changed"
    )
    assert set(changed.fields) >= {"title", "place", "place_detail"}
    assert client_for(birth_parent).get(url).status_code == 404


def test_an_order_counts_on_the_dates_it_covers(coach, birth_parent, agreed):
    from django.core.exceptions import ValidationError

    from agreements.services import restriction_add

    next_month = today_in_chicago() + timedelta(days=30)
    restriction_add(actor=coach, partnership=agreed, kind="no_contact", starts_on=next_month)
    one_off(coach, agreed, at(today_in_chicago() + timedelta(days=2), 16))  # before it
    with pytest.raises(ValidationError, match="forbids contact on these dates"):
        one_off(coach, agreed, at(next_month + timedelta(days=1), 16))
    weekly = one_off(
        coach,
        agreed,
        at(today_in_chicago() + timedelta(days=3), 16),
        repeat="FREQ=WEEKLY",
        repeat_until=next_month - timedelta(days=1),
    )
    from schedule.selectors import agenda

    assert [o.held for o in agenda(birth_parent) if o.event == weekly] == [""] * 4


def test_a_series_with_cancelled_dates_keeps_its_time_and_an_edit_is_audited(
    client_for, coach, agreed
):
    from agreements.selectors import sharing_for
    from audit.models import AuditEntry
    from schedule.services import occurrence_change

    start = at(today_in_chicago() + timedelta(days=2), 16)
    event = one_off(coach, agreed, start, repeat="FREQ=WEEKLY")
    occurrence_change(actor=coach, sharing=sharing_for(agreed), event=event, occurrence=start)
    url = reverse("schedule:event_edit", args=[event.pk])
    form = {
        "kind": "visit",
        "title": "Family time",
        "starts_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "minutes": "60",
        "repeat": "FREQ=WEEKLY",
        "attendees": "both",
        "place": "visit_room",
    }
    refused = client_for(coach).post(url, form).content.decode()
    assert "its day and time stay as they are" in refused
    same_time = {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "minutes": "75"}
    client_for(coach).post(url, form | same_time)
    event.refresh_from_db()
    assert event.minutes == 75 and event.starts_at == start
    edit = AuditEntry.objects.get(
        record_type="schedule.event", record_id=str(event.pk), action="changed", fields=["minutes"]
    )
    assert edit.actor_id == coach.pk


def test_the_29th_of_february_can_be_cancelled(coach, agreed):
    from agreements.selectors import sharing_for
    from schedule.models import Change
    from schedule.services import occurrence_change

    leap_day = at(date(2028, 2, 29), 10)
    event = one_off(coach, agreed, leap_day, kind="appointment", attendees="birth")
    occurrence_change(actor=coach, sharing=sharing_for(agreed), event=event, occurrence=leap_day)
    assert Change.objects.get().cancelled


@pytest.mark.parametrize("on", ["9999-12-01", "0001-01-01"])
def test_a_far_away_day_shows_this_month(client_for, birth_parent, agreed, on):
    page = client_for(birth_parent).get(reverse("schedule:agenda"), {"view": "month", "on": on})
    assert page.status_code == 200


def test_a_start_in_the_year_9999_is_refused_in_plain_words(client_for, coach, agreed):
    data = {
        "kind": "appointment",
        "title": "Dentist",
        "starts_at": "9999-12-01T10:00",
        "minutes": "60",
        "attendees": "partner",
        "place": "other",
    }
    page = client_for(coach).post(reverse("schedule:event_new", args=[agreed.pk]), data)
    assert "Choose a date on or before" in page.content.decode()
    assert not Event.objects.exists()


def test_a_closed_partnerships_calendar_no_longer_changes(coach, agreed):
    from django.core.exceptions import ValidationError

    agreed.stage = "closed"
    agreed.save()
    with pytest.raises(ValidationError, match="partnership is closed"):
        one_off(coach, agreed, at(today_in_chicago() + timedelta(days=2), 16))
