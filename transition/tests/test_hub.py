from datetime import date, timedelta

import pytest
from django.utils import timezone

from aftercare.models import FollowUp
from aftercare.services import follow_ups_schedule
from agreements.selectors import sharing_for
from caseplan.summary import summary_draft, summary_sections
from transition.models import Step
from transition.services import item_tick, plan_open, step_add

pytestmark = pytest.mark.django_db


def test_the_plans_first_weeks_home_become_the_first_check_ins(coach, agreed):
    plan = plan_open(actor=coach, sharing=sharing_for(agreed), reason="coach")
    home = date(2027, 3, 1)
    for kind, days, note in (("move", 0, ""), ("after", 3, "First day at the new school")):
        step_add(
            actor=coach,
            sharing=sharing_for(agreed),
            plan=plan,
            data={"kind": kind, "on": home + timedelta(days=days), "who": "both", "note": note},
        )
    follow_ups_schedule(actor=coach, partnership=agreed, reunified_on=home)
    made = list(FollowUp.objects.filter(partnership=agreed).order_by("due_on"))
    assert len(made) == 7
    assert (made[0].due_on, made[0].about) == (home + timedelta(days=3), made[0].about)
    assert made[0].about == "First day at the new school"
    assert all(f.about == "" for f in made[1:])


def test_the_court_summary_says_how_far_the_plan_has_come(coach, partner_parent, agreed):
    plan = plan_open(actor=coach, sharing=sharing_for(agreed), reason="coach")
    today = timezone.localdate()
    for days in (-3, 4):
        step_add(
            actor=coach,
            sharing=sharing_for(agreed),
            plan=plan,
            data={"kind": "overnight", "on": today + timedelta(days=days), "who": "both"},
        )
    Step.objects.filter(on__lt=today).update(done_on=today - timedelta(days=3))
    item = plan.items.filter(side="partner").first()
    item_tick(actor=partner_parent, sharing=sharing_for(agreed), item=item, done=True, note="")
    text = summary_draft(agreed, hearing_on=today, today=today, coach_name="Carmen")
    assert "The road home:" in text
    assert "1 of 2 steps done" in text and "Next: Overnight" in text
    name = item.child.called
    assert f"Checklist for {name}: 1 of 12 done" in text
    headings = [b["text"] for b in summary_sections(text) if b["kind"] == "heading"]
    assert "The road home" in headings
