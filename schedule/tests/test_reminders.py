"""Reminders the day before and two hours before, on a controlled clock."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from agreements.selectors import sharing_for
from home.testing import agreement_for
from notices import sms
from notices.models import Preference
from schedule.models import Reminder
from schedule.reminders import reminders_send
from schedule.services import event_create, occurrence_change

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
VISIT = datetime(2026, 12, 2, 16, 0, tzinfo=CHICAGO)  # a Wednesday, 4 pm


@pytest.fixture(autouse=True)
def _program_time(settings):
    settings.TIME_ZONE = "America/Chicago"


def clock(*args) -> datetime:
    return datetime(*args, tzinfo=CHICAGO)


def visit(coach, partnership, **fields):
    data = {
        "kind": "visit",
        "title": "Family time with Sofi",
        "starts_at": VISIT,
        "minutes": 90,
        "place": "visit_room",
        **fields,
    }
    return event_create(actor=coach, sharing=sharing_for(partnership), data=data)


def sweep_at(moment: datetime) -> list[str]:
    """Run the sweep with the clock at `moment`; the recipients of what it sent."""
    mail.outbox.clear()
    with time_machine.travel(moment, tick=False):
        reminders_send()
    return sorted(address for message in mail.outbox for address in message.to)


def test_reminders_go_the_day_before_and_two_hours_before_each_once(
    coach, birth_parent, partner_parent, agreed
):
    visit(coach, agreed)
    both = sorted([birth_parent.email, partner_parent.email])
    assert sweep_at(clock(2026, 12, 1, 15, 59)) == []
    assert sweep_at(clock(2026, 12, 1, 16, 0)) == both
    assert "tomorrow at 4 p.m." in mail.outbox[0].body
    assert sweep_at(clock(2026, 12, 1, 16, 5)) == []
    assert sweep_at(clock(2026, 12, 2, 13, 59)) == []
    assert sweep_at(clock(2026, 12, 2, 14, 0)) == both
    assert "today at 4 p.m." in mail.outbox[0].body
    assert sweep_at(clock(2026, 12, 2, 14, 5)) == []
    assert sweep_at(clock(2026, 12, 2, 16, 0)) == []
    assert Reminder.objects.count() == 4


def test_a_reminder_says_when_and_nothing_of_what_or_who(
    coach, birth_parent, partner_parent, agreed
):
    child = agreed.children.first()
    person = birth_parent.person
    person.phone, person.texts_ok = "+15125550117", True
    person.save()
    Preference.objects.create(user=birth_parent, channel="sms", frequency="instant")
    visit(coach, agreed, title=f"Family time with {child.first_name}")
    sms.outbox.clear()
    sweep_at(clock(2026, 12, 1, 16, 0))
    ((to, text),) = sms.outbox
    assert to == "+15125550117" and "tomorrow at 4 p.m." in text
    for message in [text, *(m.subject + m.body for m in mail.outbox)]:
        assert child.first_name not in message and "Family time" not in message
        assert "/calendar/" in message


def test_quiet_hours_hold_a_reminder_until_they_end(coach, birth_parent, partner_parent, agreed):
    agreement_for(
        agreed,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        partner={"quiet_from": time(21), "quiet_until": time(7)},
    )
    visit(coach, agreed, starts_at=clock(2026, 12, 2, 8, 0))
    assert sweep_at(clock(2026, 12, 2, 6, 0)) == [birth_parent.email]
    assert sweep_at(clock(2026, 12, 2, 6, 55)) == []
    assert sweep_at(clock(2026, 12, 2, 7, 0)) == [partner_parent.email]


def test_a_cancelled_date_is_not_reminded_and_a_moved_one_is_at_its_new_time(
    coach, birth_parent, partner_parent, agreed
):
    event = visit(coach, agreed, repeat="FREQ=WEEKLY", starts_at=VISIT - timedelta(weeks=1))
    sharing = sharing_for(agreed)
    occurrence_change(actor=coach, sharing=sharing, event=event, occurrence=VISIT)
    following = VISIT + timedelta(weeks=1)
    occurrence_change(
        actor=coach,
        sharing=sharing,
        event=event,
        occurrence=following,
        moved_to=following + timedelta(days=1),
    )
    assert sweep_at(clock(2026, 12, 1, 16, 0)) == []  # cancelled
    assert sweep_at(clock(2026, 12, 8, 16, 0)) == []  # moved away from the 9th
    assert len(sweep_at(clock(2026, 12, 9, 16, 0))) == 2  # to the 10th


def test_a_home_is_reminded_only_of_its_own_appointments(coach, birth_parent, agreed):
    visit(coach, agreed, kind="appointment", title="Counseling", attendees="birth")
    assert sweep_at(clock(2026, 12, 1, 16, 0)) == [birth_parent.email]


def test_no_reminder_goes_to_a_parent_who_turned_notices_off(
    coach, birth_parent, partner_parent, agreed
):
    Preference.objects.create(user=partner_parent, channel="email", frequency="none")
    visit(coach, agreed)
    assert sweep_at(clock(2026, 12, 1, 16, 0)) == [birth_parent.email]


# The worker closes its database connection when done, as a real one does: outside a
# wrapping transaction, so Django simply reconnects.
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_reminders_on_time_and_once(
    settings, coach, birth_parent, partner_parent, agreed
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with time_machine.travel(clock(2026, 11, 20, 9, 0), tick=False):
        visit(coach, agreed)
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # "new"

    def worker_at(moment: datetime) -> int:
        mail.outbox.clear()
        with time_machine.travel(moment, tick=False):
            call_command("start_reminders", verbosity=0)
            call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        return len(mail.outbox)

    assert worker_at(clock(2026, 12, 1, 9, 0)) == 0
    assert worker_at(clock(2026, 12, 1, 16, 1)) == 2
    assert worker_at(clock(2026, 12, 1, 16, 7)) == 0
    assert worker_at(clock(2026, 12, 2, 14, 2)) == 2
    assert worker_at(clock(2026, 12, 2, 17, 0)) == 0
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path="schedule.tasks.remind", status="READY")
    assert waiting.count() == 1  # one sweep queued, however often it was started
    assert date(2026, 12, 2) == waiting.get().run_after.astimezone(CHICAGO).date()


def test_family_time_held_by_a_later_court_order_is_marked_and_not_reminded(
    client_for, coach, birth_parent, agreed
):
    from django.urls import reverse

    from agreements.services import restriction_add

    with time_machine.travel(clock(2026, 11, 25, 9, 0), tick=False):
        visit(coach, agreed)
        restriction_add(actor=coach, partnership=agreed, kind="no_contact", starts_on=date.today())
        page = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    assert "On hold: a court order forbids contact" in page
    from schedule.feed import feed_for
    from schedule.models import Event

    feed = feed_for(Event.objects.prefetch_related("changes")).decode()
    assert "STATUS:CANCELLED" in feed and "SUMMARY:On hold" in feed
    assert sweep_at(clock(2026, 12, 1, 16, 0)) == []


def test_the_last_evening_date_of_a_series_is_still_reminded(
    coach, birth_parent, partner_parent, agreed
):
    visit(
        coach,
        agreed,
        starts_at=clock(2026, 12, 2, 20, 0),
        repeat="FREQ=WEEKLY",
        repeat_until=date(2026, 12, 16),
    )
    # At 6 pm in Chicago it is already the 17th in UTC.
    assert len(sweep_at(clock(2026, 12, 16, 18, 0))) == 2


def test_an_order_beginning_on_the_day_of_a_visit_holds_its_reminder(coach, agreed):
    from agreements.services import restriction_add

    with time_machine.travel(clock(2026, 11, 25, 9, 0), tick=False):
        visit(coach, agreed)
        restriction_add(
            actor=coach, partnership=agreed, kind="no_contact", starts_on=date(2026, 12, 2)
        )
    assert sweep_at(clock(2026, 12, 1, 16, 0)) == []


def test_the_sweep_runs_the_reminders_of_referrals_then_of_gatherings():
    """They add themselves when their apps are ready; the calendar imports neither. The
    directors' unusual-access notice comes last (decision 0022)."""
    from core import sweep
    from gatherings.reminders import reminders_send as gathering_reminders_send
    from home.watch import unusual_access_notify
    from referrals.reminders import nudges_send

    jobs = (nudges_send, gathering_reminders_send, unusual_access_notify)
    assert sweep.jobs() == jobs
    sweep.register(nudges_send)  # an app made ready twice adds nothing
    assert sweep.jobs() == jobs
