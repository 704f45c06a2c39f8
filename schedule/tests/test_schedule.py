from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from agreements.services import restriction_add
from home.testing import agreement_for
from schedule.feed import feed_for
from schedule.models import Event
from schedule.occurrences import occurrences
from schedule.services import event_create, occurrence_change

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def sharing_of(partnership):
    from agreements.selectors import sharing_for

    return sharing_for(partnership)


def weekly_visit(**overrides) -> dict:
    return {
        "kind": "visit",
        "title": "Family time",
        "starts_at": datetime(2026, 10, 20, 16, 0, tzinfo=CHICAGO),  # a Tuesday, before DST ends
        "minutes": 90,
        "repeat": "FREQ=WEEKLY",
        "repeat_until": date(2026, 11, 30),
        "place": "visit_room",
        **overrides,
    }


def test_under_a_supervised_only_order_a_visit_needs_a_supervisor(coach, agreed):
    restriction_add(actor=coach, partnership=agreed, kind="supervised", starts_on=date(2026, 10, 1))
    with pytest.raises(ValidationError) as refused:
        event_create(actor=coach, sharing=sharing_of(agreed), data=weekly_visit())
    assert "supervised contact only" in str(refused.value)
    event = event_create(
        actor=coach,
        sharing=sharing_of(agreed),
        data=weekly_visit(supervised=True, supervisor="Marisol Vega"),
    )
    assert event.supervisor == "Marisol Vega"


def test_under_a_no_contact_order_family_time_cannot_be_scheduled(coach, agreed):
    restriction_add(actor=coach, partnership=agreed, kind="no_contact", starts_on=date(2026, 10, 1))
    with pytest.raises(ValidationError, match="cannot be scheduled"):
        event_create(actor=coach, sharing=sharing_of(agreed), data=weekly_visit())
    assert not Event.objects.exists()


def test_under_a_no_contact_order_only_the_court_brings_both_homes_together(coach, agreed):
    restriction_add(actor=coach, partnership=agreed, kind="no_contact", starts_on=date.today())
    soon = timezone.now() + timedelta(days=2)
    school = weekly_visit(
        kind="school", title="School play", repeat="", repeat_until=None, starts_at=soon
    )
    with pytest.raises(ValidationError, match="schedule this for one home"):
        event_create(actor=coach, sharing=sharing_of(agreed), data=school)
    event_create(actor=coach, sharing=sharing_of(agreed), data=school | {"attendees": "partner"})
    hearing = school | {"kind": "court", "title": "Hearing", "place": "court"}
    event_create(actor=coach, sharing=sharing_of(agreed), data=hearing)
    assert Event.objects.count() == 2


def test_a_visit_at_the_partner_home_needs_the_agreement_to_share_its_address(coach, agreed):
    with pytest.raises(ValidationError, match="does not share the partner home"):
        event_create(
            actor=coach, sharing=sharing_of(agreed), data=weekly_visit(place="partner_home")
        )
    agreement_for(
        agreed,
        by=coach,
        acknowledged_by=list(_parents(agreed)),
        partner={"share_address": True},
    )
    event_create(actor=coach, sharing=sharing_of(agreed), data=weekly_visit(place="partner_home"))


def _parents(partnership):
    for home in (partnership.birth_family, partnership.partner_home):
        for person in home.parents.select_related("user"):
            if person.user_id:
                yield person.user


def test_a_weekly_visit_keeps_its_local_time_across_daylight_saving(coach, agreed):
    event = event_create(actor=coach, sharing=sharing_of(agreed), data=weekly_visit())
    event = Event.objects.prefetch_related("changes").get(pk=event.pk)
    found = occurrences(
        [event],
        datetime(2026, 10, 1, tzinfo=CHICAGO),
        datetime(2026, 12, 1, tzinfo=CHICAGO),
    )
    assert len(found) == 6  # Oct 20, 27; Nov 3, 10, 17, 24
    assert {timezone.localtime(o.starts_at).hour for o in found} == {16}


def test_a_moved_and_a_cancelled_occurrence(coach, agreed):
    sharing = sharing_of(agreed)
    event = event_create(actor=coach, sharing=sharing, data=weekly_visit())
    nov_3 = datetime(2026, 11, 3, 16, 0, tzinfo=CHICAGO)
    nov_10 = datetime(2026, 11, 10, 16, 0, tzinfo=CHICAGO)
    occurrence_change(actor=coach, sharing=sharing, event=event, occurrence=nov_3)
    occurrence_change(
        actor=coach,
        sharing=sharing,
        event=event,
        occurrence=nov_10,
        moved_to=nov_10 + timedelta(days=1, hours=1),
    )
    event = Event.objects.prefetch_related("changes").get(pk=event.pk)
    found = occurrences(
        [event], datetime(2026, 11, 1, tzinfo=CHICAGO), datetime(2026, 11, 15, tzinfo=CHICAGO)
    )
    assert [(o.cancelled, o.moved, timezone.localtime(o.starts_at).day) for o in found] == [
        (True, False, 3),
        (False, True, 11),
    ]
    with pytest.raises(ValidationError, match="not one of this event"):
        occurrence_change(
            actor=coach, sharing=sharing, event=event, occurrence=nov_3 + timedelta(hours=1)
        )


def test_the_feed_parses_and_expands_like_the_calendar(coach, agreed):
    sharing = sharing_of(agreed)
    event = event_create(actor=coach, sharing=sharing, data=weekly_visit(place_detail="Room 2"))
    nov_3 = datetime(2026, 11, 3, 16, 0, tzinfo=CHICAGO)
    nov_10 = datetime(2026, 11, 10, 16, 0, tzinfo=CHICAGO)
    occurrence_change(actor=coach, sharing=sharing, event=event, occurrence=nov_3)
    occurrence_change(
        actor=coach,
        sharing=sharing,
        event=event,
        occurrence=nov_10,
        moved_to=nov_10 + timedelta(days=1),
        note="Car trouble at the partner home",
    )
    events = Event.objects.prefetch_related("changes")
    parsed = Calendar.from_ical(feed_for(events))
    assert parsed.walk("VTIMEZONE")[0]["TZID"] == "America/Chicago"
    expanded = recurring_ical_events.of(parsed).between(date(2026, 10, 1), date(2026, 12, 1))
    starts = sorted(e["DTSTART"].dt.astimezone(CHICAGO) for e in expanded)
    ours = sorted(
        o.starts_at.astimezone(CHICAGO)
        for o in occurrences(
            events, datetime(2026, 10, 1, tzinfo=CHICAGO), datetime(2026, 12, 1, tzinfo=CHICAGO)
        )
        if not o.cancelled
    )
    assert starts == ours and len(starts) == 5
    text = feed_for(events).decode()
    assert "UNTIL=20261201T055959Z" in text  # the end of Nov 30 in Chicago, in UTC
    assert "Room 2" in text  # the visit room's name, for everyone
    assert "Car trouble" not in text and agreed.partner_home.address not in text


def test_a_private_feed_answers_to_its_secret_until_it_is_revoked(
    client, client_for, coach, birth_parent, agreed, other_partnership, other_coach
):
    from django.urls import reverse

    from schedule.models import FeedToken

    event_create(actor=coach, sharing=sharing_of(agreed), data=weekly_visit(place_detail="Room 2"))
    event_create(
        actor=other_coach,
        sharing=sharing_of(other_partnership),
        data=weekly_visit(title="Someone else's hearing", kind="court", place="court"),
    )
    client_for(birth_parent).post(reverse("schedule:feed_manage"), {"action": "create"})
    secret = FeedToken.objects.get(user=birth_parent).secret
    url = reverse("schedule:feed", args=[secret])
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "Family time" in text and "Someone else" not in text
    client_for(birth_parent).post(reverse("schedule:feed_manage"), {"action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404


def test_the_agenda_shows_what_is_coming_with_cancellations_marked(
    client_for, coach, birth_parent, agreed
):
    from django.urls import reverse

    start = timezone.now().astimezone(CHICAGO).replace(minute=0, second=0, microsecond=0)
    sharing = sharing_of(agreed)
    event = event_create(
        actor=coach,
        sharing=sharing,
        data=weekly_visit(starts_at=start + timedelta(days=1), repeat_until=None),
    )
    occurrence_change(
        actor=coach, sharing=sharing, event=event, occurrence=start + timedelta(days=8)
    )
    page = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    # Eight weekly dates, each drawn as family time (its icon and name) and titled so.
    assert page.count('class="event-item kind-visit') == 8
    assert page.count(">Family time</a>") == 8 and page.count("Cancelled") == 1


def test_the_coach_schedules_weekly_family_time_and_moves_one_date_the_mother_sees(
    client_for, coach, birth_parent, agreed
):
    from django.urls import reverse

    restriction_add(actor=coach, partnership=agreed, kind="supervised", starts_on=date.today())
    start = (
        (timezone.now() + timedelta(days=2))
        .astimezone(CHICAGO)
        .replace(hour=16, minute=0, second=0, microsecond=0)
    )
    data = {
        "kind": "visit",
        "title": "Family time",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "minutes": "90",
        "repeat": "FREQ=WEEKLY",
        "attendees": "both",
        "place": "visit_room",
    }
    refused = client_for(coach).post(reverse("schedule:event_new", args=[agreed.pk]), data)
    assert "name who will supervise this visit" in refused.content.decode()
    assert not Event.objects.exists()
    data.update(supervised="on", supervisor="Marisol Vega")
    client_for(coach).post(reverse("schedule:event_new", args=[agreed.pk]), data)
    event = Event.objects.get()
    second = start + timedelta(days=7)
    client_for(coach).post(
        reverse("schedule:occurrence_change", args=[event.pk]),
        {
            "occurrence": second.strftime("%Y-%m-%dT%H:%M"),
            "moved_to": (second + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    agenda = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    assert "Moved" in agenda and "Supervised by Marisol Vega" in agenda


def test_the_parents_page_shows_what_is_coming(client_for, coach, birth_parent, agreed):
    from django.urls import reverse

    soon = (
        (timezone.now() + timedelta(days=3))
        .astimezone(CHICAGO)
        .replace(hour=10, minute=0, second=0, microsecond=0)
    )
    event_create(
        actor=coach,
        sharing=sharing_of(agreed),
        data=weekly_visit(starts_at=soon, repeat="", repeat_until=None, title="Park visit"),
    )
    for url in (reverse("home:home"), reverse("partnerships:detail", args=[agreed.pk])):
        page = client_for(birth_parent).get(url).content.decode()
        assert "Park visit" in page and "The whole calendar" in page, url
