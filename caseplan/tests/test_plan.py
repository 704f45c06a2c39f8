"""The case plan: the birth parent's goals and steps, which the parent updates; the
partnership's milestones. The partner home never reaches it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from caseplan.models import CourtSummary, Goal, Milestone, Step
from caseplan.services import goal_add, step_add, summary_save
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def a_goal(coach, partnership, steps=1) -> Goal:
    goal = goal_add(
        actor=coach,
        partnership=partnership,
        data={"area": "housing", "title": "A home with room for the kids", "source": "court"},
    )
    for n in range(steps):
        step_add(
            actor=coach,
            goal=goal,
            data={"text": f"Step {n}", "owner": "parent", "due_on": timezone.localdate()},
        )
    return goal


def test_the_coach_adds_a_goal_and_a_step_and_the_mother_marks_it_done(
    client_for, coach, birth_parent, partnership
):
    url = reverse("caseplan:plan", args=[partnership.pk])
    client_for(coach).post(
        url,
        {
            "form": "goal",
            "goal-area": "parenting",
            "goal-title": "Finish the parenting class",
            "goal-source": "court",
        },
    )
    goal = Goal.objects.get()
    response = client_for(coach).post(
        url,
        {
            "form": "step",
            "step-goal": goal.pk,
            "step-text": "Attend class 1",
            "step-owner": "parent",
        },
        follow=True,
    )
    assert "Step added." in response.content.decode()
    step = Step.objects.get()
    mother = client_for(birth_parent)
    page = mother.get(url).content.decode()
    assert "Finish the parenting class" in page and "0 of 1 steps done" in page
    mother.post(
        reverse("caseplan:step_update", args=[step.pk]), {"done": "on", "note": "It was good"}
    )
    step.refresh_from_db()
    assert step.done_on == timezone.localdate() and step.progress_note == "It was good"
    assert "1 of 1 steps done" in mother.get(url).content.decode()


def test_the_partner_home_never_reaches_the_case_plan(
    client_for, coach, partner_parent, partnership
):
    goal = a_goal(coach, partnership)
    client = client_for(partner_parent)
    assert client.get(reverse("caseplan:plan", args=[partnership.pk])).status_code in (403, 404)
    step = goal.steps.get()
    answer = client.post(reverse("caseplan:step_update", args=[step.pk]), {"done": "on"})
    assert answer.status_code in (403, 404)
    step.refresh_from_db()
    assert step.done_on is None


def test_a_parent_cannot_add_goals(client_for, birth_parent, partnership):
    client_for(birth_parent).post(
        reverse("caseplan:plan", args=[partnership.pk]),
        {"form": "goal", "goal-area": "work", "goal-title": "Mine", "goal-source": "own"},
    )
    assert not Goal.objects.exists()


def test_a_milestone_is_dated_once_reached(client_for, coach, partnership):
    url = reverse("caseplan:plan", args=[partnership.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    refused = client_for(coach).post(
        url,
        {"form": "milestone", "milestone-kind": "overnights", "milestone-reached_on": tomorrow},
    )
    assert "once it is reached" in refused.content.decode()
    client_for(coach).post(
        url,
        {
            "form": "milestone",
            "milestone-kind": "overnights",
            "milestone-reached_on": timezone.localdate().isoformat(),
        },
    )
    assert Milestone.objects.get().kind == "overnights"


def test_the_plan_page_runs_the_same_queries_however_many_goals(
    client_for, coach, birth_parent, partnership
):
    client = client_for(birth_parent)
    url = reverse("caseplan:plan", args=[partnership.pk])
    counts = []
    for goals in (1, 8):
        for _ in range(goals):
            a_goal(coach, partnership, steps=3)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_coach_drafts_a_court_summary_from_the_record_and_the_mother_prints_it(
    client_for, coach, birth_parent, partner_parent, partnership
):
    from caseplan.models import CourtSummary

    goal = a_goal(coach, partnership, steps=2)
    step = goal.steps.first()
    step.done_on = timezone.localdate()
    step.save()
    url = reverse("caseplan:summary_new", args=[partnership.pk])
    draft = client_for(coach).get(url).content.decode()
    assert "A home with room for the kids" in draft and "1 of 2 steps done" in draft
    assert "0 of 0 recorded family times attended" in draft
    text = "Progress summary\nAna has done the work.\nIn the coach's words: proud of her."
    response = client_for(coach).post(
        url, {"hearing_on": timezone.localdate().isoformat(), "text": text}, follow=True
    )
    assert "Summary saved." in response.content.decode()
    summary = CourtSummary.objects.get()
    page = client_for(birth_parent).get(reverse("caseplan:summary", args=[summary.pk]))
    assert "proud of her" in page.content.decode()
    answer = client_for(partner_parent).get(reverse("caseplan:summary", args=[summary.pk]))
    assert answer.status_code in (403, 404)


def test_a_closed_partnership_s_plan_closes_to_the_mother_and_stays_as_it_was(
    client_for, coach, birth_parent, partnership
):
    step = a_goal(coach, partnership).steps.get()
    Partnership.objects.filter(pk=partnership.pk).update(stage="closed")
    client = client_for(birth_parent)
    assert client.get(reverse("caseplan:plan", args=[partnership.pk])).status_code == 404
    client.post(reverse("caseplan:step_update", args=[step.pk]), {"done": "on", "note": "late"})
    step.refresh_from_db()
    assert step.done_on is None and step.progress_note == ""


def test_the_team_cannot_change_a_closed_partnership_s_plan(client_for, coach, partnership):
    step = a_goal(coach, partnership).steps.get()
    Partnership.objects.filter(pk=partnership.pk).update(stage="closed")
    client = client_for(coach)
    refused = client.post(
        reverse("caseplan:plan", args=[partnership.pk]),
        {"form": "goal", "goal-area": "work", "goal-title": "After closing", "goal-source": "own"},
    )
    page = refused.content.decode()
    assert "is closed" in page and 'value="After closing"' in page
    client.post(reverse("caseplan:step_update", args=[step.pk]), {"done": "on", "note": ""})
    step.refresh_from_db()
    assert Goal.objects.count() == 1 and step.done_on is None


def test_reading_a_court_summary_or_its_draft_is_audited(client_for, coach, partnership):
    a_goal(coach, partnership)
    client = client_for(coach)
    draft = client.get(reverse("caseplan:summary_new", args=[partnership.pk]))
    assert "A home with room for the kids" in draft.content.decode()
    viewed = AuditEntry.objects.filter(action=Action.VIEWED, record_id=str(partnership.pk))
    assert ["court_summary_draft"] in [entry.fields for entry in viewed]
    summary = summary_save(
        actor=coach,
        summary=CourtSummary(partnership=partnership),
        data={"hearing_on": timezone.localdate(), "text": "Ana came to every visit."},
    )
    client.get(reverse("caseplan:summary_edit", args=[summary.pk]))
    assert AuditEntry.objects.filter(
        action=Action.VIEWED, record_type="caseplan.courtsummary", record_id=str(summary.pk)
    ).exists()
