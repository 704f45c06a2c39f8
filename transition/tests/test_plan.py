from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from agreements.selectors import sharing_for
from agreements.services import restriction_add
from audit.models import AuditEntry
from home.testing import agreement_for
from partnerships.models import Stage
from schedule.models import FeedToken
from transition.models import Item, Plan, Step
from transition.services import item_tick, plan_open, step_add
from transition.standard import STANDARD

pytestmark = pytest.mark.django_db


def opened(coach, partnership) -> Plan:
    return plan_open(actor=coach, sharing=sharing_for(partnership), reason="coach")


def a_step(coach, partnership, **data) -> Step:
    plan = partnership.transition_plan
    values = {"kind": "overnight", "on": timezone.localdate() + timedelta(days=5), "who": "both"}
    return step_add(
        actor=coach, sharing=sharing_for(partnership), plan=plan, data={**values, **data}
    )


def page(client, partnership) -> str:
    response = client.get(reverse("transition:plan", args=[partnership.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_opening_a_plan_gives_each_child_the_standard_checklist_and_tells_both_homes(
    coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan = opened(coach, agreed)
    assert plan.items.count() == 2 * len(STANDARD)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [birth_parent.email, partner_parent.email]
    )
    for notice in mail.outbox:
        for child in agreed.children.all():
            assert child.first_name not in notice.subject + notice.body
    assert AuditEntry.objects.filter(record_type="transition.plan", action="created").exists()


def test_opening_the_plan_twice_keeps_one_plan(coach, agreed):
    first = opened(coach, agreed)
    again = opened(coach, agreed)
    assert first.pk == again.pk and Plan.objects.count() == 1
    assert Item.objects.count() == 2 * len(STANDARD)


def test_a_return_the_court_ordered_needs_the_orders_date(client_for, coach, agreed):
    url = reverse("transition:open", args=[agreed.pk])
    response = client_for(coach).post(url, {"reason": "court"})
    assert "Give the date of the court" in response.content.decode()
    assert not Plan.objects.exists()
    client_for(coach).post(url, {"reason": "court", "ordered_on": "2026-11-20"})
    assert Plan.objects.get().ordered_on == date(2026, 11, 20)


def test_each_home_ticks_its_own_items_and_not_the_other_homes(
    client_for, coach, birth_parent, partner_parent, agreed
):
    plan = opened(coach, agreed)
    theirs = plan.items.filter(side="partner").first()
    mine = plan.items.filter(side="birth").first()
    client = client_for(birth_parent)
    response = client.post(reverse("transition:item", args=[mine.pk]), {"done": "on", "note": ""})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.done_on == timezone.localdate() and mine.done_by == birth_parent
    refused = client.post(reverse("transition:item", args=[theirs.pk]), {"done": "on"})
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.done_on is None
    with pytest.raises(ValidationError):
        item_tick(actor=birth_parent, sharing=sharing_for(agreed), item=theirs, done=True, note="")
    # The coach ticks any item, and a tick sent again untick it only when asked.
    client_for(coach).post(reverse("transition:item", args=[theirs.pk]), {"done": "on"})
    theirs.refresh_from_db()
    assert theirs.done_on is not None
    assert AuditEntry.objects.filter(record_type="transition.item", action="changed").count() == 2


def test_both_homes_read_the_whole_list_with_what_the_other_home_has_done(
    client_for, coach, birth_parent, partner_parent, agreed
):
    plan = opened(coach, agreed)
    medicines = plan.items.filter(standard="medicines").first()
    item_tick(
        actor=partner_parent,
        sharing=sharing_for(agreed),
        item=medicines,
        done=True,
        note="Amoxicillin 5 ml twice a day until Friday",
    )
    text = page(client_for(birth_parent), agreed)
    assert "Hand over medicines and prescriptions" in text
    assert "Amoxicillin 5 ml" in text


def test_a_note_about_health_stays_with_its_home_when_the_agreement_does_not_share_health(
    client_for, coach, birth_parent, partner_parent, agreed
):
    agreement_for(
        agreed,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        partner={"share_health": False},
    )
    plan = opened(coach, agreed)
    medicines = plan.items.filter(standard="medicines").first()
    item_tick(
        actor=partner_parent, sharing=sharing_for(agreed), item=medicines, done=True, note="5 ml"
    )
    routines = plan.items.filter(standard="routines").first()
    item_tick(
        actor=partner_parent,
        sharing=sharing_for(agreed),
        item=routines,
        done=True,
        note="Lights out at eight",
    )
    text = page(client_for(birth_parent), agreed)
    assert "5 ml" not in text and "Lights out at eight" in text
    assert "5 ml" in page(client_for(coach), agreed)


def test_under_a_no_contact_order_a_home_sees_only_its_own_items(
    client_for, coach, birth_parent, partner_parent, agreed
):
    plan = opened(coach, agreed)
    restriction_add(
        actor=coach, partnership=agreed, kind="no_contact", starts_on=timezone.localdate()
    )
    text = page(client_for(birth_parent), agreed)
    assert str(STANDARD["school_enrol"].label) in text
    assert str(STANDARD["pack"].label) not in text
    theirs = plan.items.filter(side="partner").first()
    assert (
        client_for(birth_parent).get(reverse("transition:item", args=[theirs.pk])).status_code
        == 404
    )


def test_staying_in_touch_shows_only_what_the_agreement_shares_and_only_when_both_want_it(
    client_for, coach, birth_parent, partner_parent, agreed
):
    agreement_for(
        agreed,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        consent=[birth_parent, partner_parent],
        partner={"share_phone": True},
    )
    opened(coach, agreed)
    partner_parent.person.phone = "+15125550142"
    partner_parent.person.save()
    url = reverse("transition:keep_in_touch", args=[agreed.pk])
    client_for(birth_parent).post(url, {"wish": "yes"})
    assert "+15125550142" not in page(client_for(birth_parent), agreed)
    client_for(partner_parent).post(url, {"wish": "yes"})
    text = page(client_for(birth_parent), agreed)
    assert "+15125550142" in text
    assert agreed.partner_home.address not in text  # the agreement does not share it
    assert client_for(coach).post(url, {"wish": "yes"}).status_code == 404


def test_a_steps_date_is_on_the_calendars_and_feeds_of_those_it_is_for(
    client, client_for, coach, birth_parent, partner_parent, outsider, agreed, other_partnership
):
    opened(coach, agreed)
    day = timezone.localdate() + timedelta(days=5)
    a_step(coach, agreed, kind="overnight", on=day, who="birth", note="Sofía sleeps at mama's")
    a_step(coach, agreed, kind="after", on=day + timedelta(days=30), who="birth")
    for person, expected in ((birth_parent, 2), (partner_parent, 1), (coach, 2), (outsider, 0)):
        text = client_for(person).get(reverse("schedule:agenda")).content.decode()
        assert text.count('class="event-item kind-transition"') == expected, person
        client_for(person).post(reverse("schedule:feed_manage"), {"action": "create"})
        secret = FeedToken.objects.get(user=person, revoked_at__isnull=True).secret
        client.logout()
        feed = client.get(reverse("schedule:feed", args=[secret])).content
        found = [
            e for e in Calendar.from_ical(feed).walk("VEVENT") if "transition" in str(e["UID"])
        ]
        assert len(found) == expected, person
        assert all("Sofía" not in str(e["SUMMARY"]) for e in found)
    overnight = next(
        e
        for e in Calendar.from_ical(feed_of(client_for, client, partner_parent)).walk("VEVENT")
        if "transition" in str(e["UID"])
    )
    assert overnight["DTSTART"].dt == day


def feed_of(client_for, client, person) -> bytes:
    secret = FeedToken.objects.get(user=person, revoked_at__isnull=True).secret
    client.logout()
    return client.get(reverse("schedule:feed", args=[secret])).content


def test_a_caseworkers_step_names_the_caseworker(coach, agreed):
    opened(coach, agreed)
    with pytest.raises(ValidationError) as refused:
        a_step(coach, agreed, kind="other", who="caseworker")
    assert "Name the caseworker" in str(refused.value)
    step = a_step(coach, agreed, kind="other", who="caseworker", contact="Ms. Ortiz, 512-555-0100")
    assert step.contact.startswith("Ms. Ortiz")


def test_a_closed_partnerships_plan_no_longer_changes(coach, agreed):
    plan = opened(coach, agreed)
    agreed.stage = Stage.CLOSED
    agreed.save()
    with pytest.raises(ValidationError):
        a_step(coach, agreed)
    with pytest.raises(ValidationError):
        item_tick(
            actor=coach, sharing=sharing_for(agreed), item=plan.items.first(), done=True, note=""
        )


def test_the_outsider_gets_404_everywhere_in_the_plan(client_for, coach, outsider, agreed):
    plan = opened(coach, agreed)
    step = a_step(coach, agreed)
    item = plan.items.first()
    client = client_for(outsider)
    for url in (
        reverse("transition:plan", args=[agreed.pk]),
        reverse("transition:keep_in_touch", args=[agreed.pk]),
        reverse("transition:item", args=[item.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"done": "on", "wish": "yes"}).status_code == 404, url
    for url in (
        reverse("transition:open", args=[agreed.pk]),
        reverse("transition:step_new", args=[agreed.pk]),
        reverse("transition:item_new", args=[agreed.pk]),
        reverse("transition:step", args=[step.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_plan_page_runs_the_same_queries_however_long_the_plan(
    client_for, coach, birth_parent, agreed, django_assert_num_queries
):
    opened(coach, agreed)
    a_step(coach, agreed)
    client = client_for(birth_parent)
    url = reverse("transition:plan", args=[agreed.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        a_step(coach, agreed, on=timezone.localdate() + timedelta(days=10 + n))
    plan = agreed.transition_plan
    child = agreed.children.first()
    Item.objects.bulk_create(
        Item(plan=plan, child=child, area="comfort", side="birth", text=f"Thing {n}")
        for n in range(20)
    )
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_the_coach_moves_a_step_marks_it_done_and_takes_one_off_the_plan(
    client_for, coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    opened(coach, agreed)
    step = a_step(coach, agreed, kind="after", who="birth")
    url = reverse("transition:step", args=[step.pk])
    client = client_for(coach)
    later = step.on + timedelta(days=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"kind": "after", "on": later.isoformat(), "who": "birth", "note": "Bedtime"}
        )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.on, step.note) == (later, "Bedtime")
    # A home hears of a changed date only when the step is theirs.
    assert [m.to for m in mail.outbox] == [[birth_parent.email]]
    client.post(url, {"action": "done"})
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()
    client.post(url, {"action": "undone"})
    step.refresh_from_db()
    assert step.done_on is None
    client.post(url, {"action": "remove"})
    assert not Step.objects.filter(pk=step.pk).exists()
    assert AuditEntry.objects.filter(record_type="transition.step", action="removed").exists()


def test_the_other_homes_item_reads_without_a_form(client_for, coach, birth_parent, agreed):
    plan = opened(coach, agreed)
    theirs = plan.items.filter(side="partner").first()
    text = client_for(birth_parent).get(reverse("transition:item", args=[theirs.pk]))
    assert text.status_code == 200
    body = text.content.decode()
    assert "the other home's to tick" in body and 'name="done"' not in body
