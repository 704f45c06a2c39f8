"""The year after reunification: the check-in schedule, check-ins, warning signs and
re-entry; and the coach's today page that brings them up."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aftercare.models import FollowUp
from families.models import PermanencyEvent
from partnerships.services import partnership_stage_change

pytestmark = pytest.mark.django_db

STEADY = dict.fromkeys(("housing", "work", "childcare", "school", "support"), "steady")


def reunify(coach, partnership, days_ago=0):
    partnership.stage_since = timezone.localdate() - timedelta(days=400)
    partnership.save()
    return partnership_stage_change(
        actor=coach,
        partnership=partnership,
        stage="post_reunification",
        changed_on=timezone.localdate() - timedelta(days=days_ago),
    )


def test_reunifying_plans_the_years_check_ins(coach, partnership):
    reunify(coach, partnership)
    today = timezone.localdate()
    dues = [f.due_on - today for f in FollowUp.objects.filter(partnership=partnership)]
    assert [d.days for d in dues] == [7, 30, 60, 90, 182, 365]
    partnership_stage_change(actor=coach, partnership=partnership, stage="closed", changed_on=today)
    partnership_stage_change(
        actor=coach, partnership=partnership, stage="post_reunification", changed_on=today
    )
    assert FollowUp.objects.filter(partnership=partnership).count() == 6  # not doubled


def test_an_overdue_check_in_shows_on_the_today_page_until_it_is_recorded(
    client_for, coach, partnership
):
    reunify(coach, partnership, days_ago=10)
    first = FollowUp.objects.filter(partnership=partnership).first()
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert "Check-in overdue" in home and reverse("aftercare:check_in", args=[first.pk]) in home
    client_for(coach).post(reverse("aftercare:check_in", args=[first.pk]), STEADY | {"needs": ""})
    first.refresh_from_db()
    assert first.done_on == timezone.localdate() and not first.warning
    assert "Check-in overdue" not in client_for(coach).get(reverse("home:home")).content.decode()


def test_a_check_in_at_risk_raises_the_family_until_a_calmer_one(client_for, coach, partnership):
    reunify(coach, partnership, days_ago=40)
    first, second = FollowUp.objects.filter(partnership=partnership)[:2]
    client = client_for(coach)
    client.post(
        reverse("aftercare:check_in", args=[first.pk]),
        STEADY | {"housing": "at_risk", "needs": "Rent for December"},
    )
    home = client.get(reverse("home:home")).content.decode()
    # The home page names the family and the check-in; what they need stays on the
    # family's own page, where reading it is audited.
    assert "Warning signs" in home and partnership.birth_family.name in home
    assert "Rent for December" not in home
    client.post(reverse("aftercare:check_in", args=[second.pk]), STEADY)
    assert "Warning signs" not in client.get(reverse("home:home")).content.decode()


def test_a_need_at_a_check_in_leads_to_a_referral_or_to_financial_help(
    client_for, coach, partnership
):
    reunify(coach, partnership, days_ago=10)
    first = FollowUp.objects.filter(partnership=partnership).first()
    client = client_for(coach)
    client.post(
        reverse("aftercare:check_in", args=[first.pk]), STEADY | {"needs": "Rent for December"}
    )
    page = client.get(reverse("aftercare:schedule", args=[partnership.pk])).content.decode()
    assert "Rent for December" in page
    assert reverse("directory:search") in page
    assert reverse("assistance:request_new", args=[partnership.pk]) in page
    assert client.get(reverse("assistance:request_new", args=[partnership.pk])).status_code == 200


def test_the_coach_moves_and_adds_check_ins(client_for, coach, partnership):
    reunify(coach, partnership)
    first = FollowUp.objects.filter(partnership=partnership).first()
    later = first.due_on + timedelta(days=3)
    client_for(coach).post(reverse("aftercare:move", args=[first.pk]), {"due_on": later})
    first.refresh_from_db()
    assert first.due_on == later
    client_for(coach).post(
        reverse("aftercare:schedule", args=[partnership.pk]),
        {"form": "add", "add-due_on": (later + timedelta(days=100)).isoformat()},
    )
    assert FollowUp.objects.filter(partnership=partnership).count() == 7


def test_a_re_entry_into_care_is_a_permanency_event_for_each_child(client_for, coach, partnership):
    reunify(coach, partnership, days_ago=50)
    client_for(coach).post(
        reverse("aftercare:schedule", args=[partnership.pk]),
        {
            "form": "reentry",
            "reentry-occurred_on": timezone.localdate().isoformat(),
            "reentry-note": "Removed after a relapse; the coach is with the family.",
        },
    )
    events = PermanencyEvent.objects.filter(kind="reentered_care")
    assert events.count() == partnership.children.count() == 2


def test_parents_never_reach_the_check_ins(client_for, coach, birth_parent, partnership):
    reunify(coach, partnership)
    first = FollowUp.objects.filter(partnership=partnership).first()
    response = client_for(birth_parent).get(reverse("aftercare:check_in", args=[first.pk]))
    assert response.status_code in (403, 404)


def test_the_today_page_runs_the_same_queries_however_large_the_caseload(client_for, coach):
    from caseplan.services import contact_log, goal_add, step_add
    from home.testing import partnership_for

    client = client_for(coach)
    counts = []
    for families in (1, 6):
        for _ in range(families):
            p = partnership_for(coach=coach, birth_parent=None)
            reunify(coach, p, days_ago=40)
            goal = goal_add(
                actor=coach, partnership=p, data={"area": "work", "title": "Job", "source": "own"}
            )
            step_add(
                actor=coach,
                goal=goal,
                data={"text": "Apply", "owner": "parent", "due_on": timezone.localdate()},
            )
            parent = p.birth_family.parents.first() or p.partner_home.parents.first()
            if parent is not None:
                contact_log(
                    actor=coach,
                    partnership=p,
                    data={
                        "kind": "check_in",
                        "medium": "phone",
                        "happened_on": timezone.localdate(),
                        "minutes": 10,
                        "follow_up_on": timezone.localdate(),
                    },
                    people=[parent],
                )
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("home:home"))
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "Step due" in page.content.decode() and "Check-in overdue" in page.content.decode()


def test_correcting_a_check_in_keeps_the_coach_s_worry(client_for, coach, partnership):
    reunify(coach, partnership, days_ago=10)
    first = FollowUp.objects.filter(partnership=partnership).first()
    client = client_for(coach)
    url = reverse("aftercare:check_in", args=[first.pk])
    client.post(url, STEADY | {"worried": "on", "needs": "Rnet"})
    form = client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="worried"[^>]*checked', form)
    client.post(url, STEADY | {"worried": "on", "needs": "Rent"})
    first.refresh_from_db()
    assert first.warning and first.needs == "Rent"


def test_a_closed_partnership_s_check_ins_no_longer_change_but_a_re_entry_is_recorded(
    client_for, coach, partnership
):
    reunify(coach, partnership, days_ago=200)
    first = FollowUp.objects.filter(partnership=partnership).first()
    FollowUp.objects.filter(pk=first.pk).update(due_on=first.due_on)
    partnership_stage_change(
        actor=coach, partnership=partnership, stage="closed", changed_on=timezone.localdate()
    )
    client = client_for(coach)
    refused = client.post(reverse("aftercare:check_in", args=[first.pk]), STEADY)
    assert "is closed" in refused.content.decode()
    client.post(
        reverse("aftercare:schedule", args=[partnership.pk]),
        {"form": "reentry", "reentry-occurred_on": timezone.localdate().isoformat()},
    )
    first.refresh_from_db()
    assert first.done_on is None
    assert PermanencyEvent.objects.filter(kind="reentered_care").count() == 2
