from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from home.testing import partnership_for, person_with_account
from schedule.models import Change
from work.models import Shift, ShiftChange
from work.tests.conftest import CHICAGO, soon, visit, weekly_shift

pytestmark = pytest.mark.django_db


def this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def test_a_parent_adds_a_shift_and_the_change_is_audited(client_for, birth_parent, partnership):
    day = timezone.localdate() + timedelta(days=3)
    response = client_for(birth_parent).post(
        reverse("work:shift_new"),
        {
            "day": day.isoformat(),
            "starts": "15:00",
            "ends": "23:00",
            "repeat": "FREQ=WEEKLY",
            "label": "H-E-B bakery",
        },
    )
    assert response.status_code == 302
    shift = Shift.objects.get(user=birth_parent)
    assert (shift.minutes, shift.label, shift.time_zone) == (480, "H-E-B bakery", "America/Chicago")
    assert timezone.localtime(shift.starts_at, CHICAGO).time() == time(15)
    assert AuditEntry.objects.filter(
        actor=birth_parent, action="created", record_type="work.shift"
    ).exists()
    page = client_for(birth_parent).get(reverse("work:shifts")).content.decode()
    assert "H-E-B bakery" in page


def test_a_shift_longer_than_sixteen_hours_is_refused_in_words(client_for, birth_parent):
    response = client_for(birth_parent).post(
        reverse("work:shift_new"),
        {"day": timezone.localdate().isoformat(), "starts": "06:00", "ends": "23:30"},
    )
    assert response.status_code == 200
    assert "at most 16 hours" in response.content.decode()
    assert not Shift.objects.exists()


def test_this_weeks_schedule_makes_a_shift_a_day_and_saving_again_replaces_it(
    client_for, birth_parent
):
    monday = this_monday()
    url = reverse("work:week")
    client = client_for(birth_parent)
    assert "Save the week" in client.get(url).content.decode()
    week = {"week": monday.isoformat(), "starts_1": "15:00", "ends_1": "23:00"}
    week |= {"starts_4": "22:00", "ends_4": "06:00"}  # a night shift into Saturday
    assert client.post(url, week).status_code == 302
    made = list(Shift.objects.filter(user=birth_parent).order_by("starts_at"))
    assert [timezone.localtime(s.starts_at, CHICAGO).date() for s in made] == [
        monday + timedelta(days=1),
        monday + timedelta(days=4),
    ]
    assert [s.minutes for s in made] == [480, 480]
    # The form opens with what was entered; the boss changed Tuesday to Wednesday.
    assert 'value="15:00"' in client.get(url).content.decode()
    changed = {"week": monday.isoformat(), "starts_2": "15:00", "ends_2": "23:00"}
    assert client.post(url, changed).status_code == 302
    (left,) = Shift.objects.filter(user=birth_parent)
    assert timezone.localtime(left.starts_at, CHICAGO).date() == monday + timedelta(days=2)


def test_a_day_with_a_start_and_no_end_is_refused(client_for, birth_parent):
    response = client_for(birth_parent).post(
        reverse("work:week"), {"week": this_monday().isoformat(), "starts_0": "09:00"}
    )
    assert "Give both the start and the end, or neither." in response.content.decode()
    assert not Shift.objects.exists()


def test_a_parent_takes_one_day_off_moves_another_ends_and_removes_a_shift(
    client_for, birth_parent
):
    shift = weekly_shift(birth_parent, timezone.localdate() + timedelta(days=1))
    url = reverse("work:shift", args=[shift.pk])
    client = client_for(birth_parent)
    page = client.get(url)
    first, second = [c[0] for c in page.context["date_form"].fields["occurrence"].choices[:2]]
    assert client.post(url, {"form": "date", "occurrence": first, "what": "off"}).status_code == 302
    moved = {"form": "date", "occurrence": second, "what": "moved", "starts": "07:00"}
    moved |= {"day": datetime.fromisoformat(second).date().isoformat(), "ends": "15:00"}
    assert client.post(url, moved).status_code == 302
    changes = ShiftChange.objects.order_by("occurrence")
    assert [c.off for c in changes] == [True, False]
    assert timezone.localtime(changes[1].moved_to, CHICAGO).time() == time(7)
    last = (timezone.localdate() + timedelta(weeks=3)).isoformat()
    assert client.post(url, {"form": "end", "last_day": last}).status_code == 302
    shift.refresh_from_db()
    assert shift.repeat_until.isoformat() == last
    assert client.post(url, {"form": "delete"}).status_code == 302
    assert not Shift.objects.exists()
    trail = AuditEntry.objects.filter(actor=birth_parent, record_type="work.shift")
    assert sorted(trail.values_list("action", flat=True)) == [
        "changed",
        "changed",
        "changed",
        "created",
        "removed",
    ]


def test_a_shift_is_on_her_calendar_and_feed_and_never_the_other_homes(
    client_for, birth_parent, partner_parent, partnership
):
    weekly_shift(birth_parent, timezone.localdate() + timedelta(days=1), label="H-E-B bakery")
    for parent in (birth_parent, partner_parent):
        client = client_for(parent)
        page = client.get(reverse("schedule:agenda")).content.decode()
        client.post(reverse("schedule:feed_manage"), {"action": "create"})
        secret = parent.calendar_feeds.get(revoked_at__isnull=True).secret
        feed = client.get(reverse("schedule:feed", args=[secret])).content.decode()
        mine = parent == birth_parent
        assert ("Your work shifts" in page) is mine
        assert ("H-E-B bakery" in page) is mine
        assert ("H-E-B bakery" in feed) is mine


def test_the_coach_sees_the_clash_before_saving_and_may_save_anyway(
    client_for, coach, birth_parent, agreed
):
    weekly_shift(birth_parent, timezone.localdate() + timedelta(days=1), label="H-E-B bakery")
    start = soon(8, 16)
    data = {
        "kind": "visit",
        "title": "Family time",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "minutes": "90",
        "attendees": "both",
        "place": "visit_room",
    }
    url = reverse("schedule:event_new", args=[agreed.pk])
    warned = client_for(coach).post(url, data).content.decode()
    assert "This clashes with a parent's work" in warned
    assert "Clashes with Beatriz&#x27;s shift on" in warned
    assert "bakery" not in warned and "Schedule it anyway" in warned
    assert not agreed.events.exists()
    client_for(coach).post(url, data | {"despite_conflicts": "on"})
    assert agreed.events.filter(title="Family time").exists()


def test_a_clash_on_the_coachs_today_is_resolved_by_moving_that_date(
    client_for, coach, birth_parent, partner_parent, agreed
):
    event = visit(agreed, soon(3, 16), repeat="FREQ=WEEKLY", coach=coach, save=True)
    # She entered the shift after the visit was saved: Today still shows the clash.
    shift = weekly_shift(birth_parent, soon(3, 0).date(), label="H-E-B bakery")
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert home.count("Clashes with Beatriz&#x27;s shift") == 2  # this week's and next
    assert "bakery" not in home
    first = event.starts_at
    change_url = reverse("schedule:occurrence_change", args=[event.pk])
    assert f"{change_url}?occurrence={timezone.localtime(first):%Y-%m-%dT%H:%M}" in home
    # The parent sees the warning beside the date on her calendar; the other home does not.
    hers = client_for(birth_parent).get(reverse("schedule:agenda")).content.decode()
    assert "Clashes with your shift (H-E-B bakery)" in hers
    theirs = client_for(partner_parent).get(reverse("schedule:agenda")).content.decode()
    assert "Clashes" not in theirs and "shift" not in theirs
    # The coach moves this week's visit to the morning: one clash is left.
    moved = {"occurrence": f"{first:%Y-%m-%dT%H:%M}", "moved_to": f"{soon(3, 10):%Y-%m-%dT%H:%M}"}
    assert client_for(coach).post(change_url, moved).status_code == 302
    assert Change.objects.filter(event=event).exists()
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert home.count("Clashes with Beatriz&#x27;s shift") == 1
    assert shift.pk


def test_the_coachs_today_runs_the_same_queries_for_3_or_12_families_with_clashes(
    client_for, coach
):
    def families(n):
        for _ in range(n):
            parent = person_with_account("birth_parent", first_name="Ana")
            partnership = partnership_for(coach=coach, birth_parent=parent)
            visit(partnership, soon(2, 16), repeat="FREQ=WEEKLY", coach=coach, save=True)
            weekly_shift(parent, soon(2, 0).date())

    client = client_for(coach)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("home:home"))
        assert response.status_code == 200
        return len(captured), response.content.decode().count("Clashes with Ana")

    families(3)
    few, shown = queries()
    assert shown == 6
    families(9)
    many, shown = queries()
    assert shown == 24
    # One more entry a page in the trail whatever the number of shifts read.
    assert many == few


def test_the_coach_reads_when_the_parents_work_never_where_and_it_is_audited(
    client_for, coach, birth_parent, agreed
):
    shift = weekly_shift(
        birth_parent, timezone.localdate() + timedelta(days=1), label="H-E-B bakery"
    )
    page = client_for(coach).get(reverse("work:partnership", args=[agreed.pk])).content.decode()
    assert "Beatriz" in page and "bakery" not in page
    assert AuditEntry.objects.filter(
        actor=coach, action="viewed", record_type="partnerships.partnership", fields=["work_shifts"]
    ).exists()
    detail = client_for(coach).get(reverse("partnerships:detail", args=[agreed.pk])).content
    assert reverse("work:partnership", args=[agreed.pk]).encode() in detail
    assert shift.pk


def test_a_parent_cannot_open_anyone_elses_shift(client_for, birth_parent, partner_parent, coach):
    shift = weekly_shift(birth_parent, timezone.localdate() + timedelta(days=1))
    for other in (partner_parent, coach):
        assert client_for(other).get(reverse("work:shift", args=[shift.pk])).status_code == 404
