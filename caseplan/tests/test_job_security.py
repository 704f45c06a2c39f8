"""Keeping a job is part of the case plan: the work area says so, and a goal there has
steps like any other."""

import pytest
from django.urls import reverse

from caseplan.models import Area, Goal, Step

pytestmark = pytest.mark.django_db


def test_a_job_security_goal_with_its_steps_is_on_the_mother_s_plan(
    client_for, coach, birth_parent, partnership
):
    assert (Area.WORK.value, Area.WORK.label) == ("work", "Work and job security")
    url = reverse("caseplan:plan", args=[partnership.pk])
    client_for(coach).post(
        url,
        {
            "form": "goal",
            "goal-area": "work",
            "goal-title": "Keep my job at the bakery",
            "goal-source": "own",
        },
    )
    goal = Goal.objects.get(area="work")
    for text in ("Ask for a set schedule", "Tell my supervisor the court dates"):
        client_for(coach).post(
            url,
            {"form": "step", "step-goal": goal.pk, "step-text": text, "step-owner": "parent"},
        )
    assert Step.objects.filter(goal=goal).count() == 2
    page = client_for(birth_parent).get(url).content.decode()
    assert "Keep my job at the bakery" in page and "0 of 2 steps done" in page
    assert "Ask for a set schedule" in page
    # The plan leads to the letter that tells the employer the court dates.
    assert reverse("letters:letters", args=[partnership.pk]) in page
