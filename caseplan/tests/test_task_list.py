"""The case plan's steps are a task list, each step tagged with where it stands; a goal
without steps says so and, for the team, where to add one."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from caseplan.models import Contact, Goal, Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(coach, partnership):
    return Goal.objects.create(
        partnership=partnership, area="housing", title="A home", source="court", created_by=coach
    )


def test_each_step_is_an_item_of_the_task_list_with_its_state_s_tag(
    client_for, coach, birth_parent, goal
):
    today = timezone.localdate()
    Step.objects.create(goal=goal, text="Visit apartments", owner="parent", due_on=today)
    Step.objects.create(
        goal=goal, text="Send the application", owner="parent", due_on=today - timedelta(days=2)
    )
    Step.objects.create(
        goal=goal,
        text="Ask about the deposit",
        owner="coach",
        due_on=today - timedelta(days=9),
        done_on=today - timedelta(days=3),
    )
    url = reverse("caseplan:plan", args=[goal.partnership_id])
    for viewer in (coach, birth_parent):
        page = client_for(viewer).get(url).content.decode()
        tasks = page.split('<ol class="tasks">')[1].split("</ol>")[0]
        items = re.findall(r'<li class="usa-process-list__item is-(\w+)">(.*?)</li>', tasks, re.S)
        states = {
            re.search(r'<h3 class="usa-process-list__heading">(.*?)</h3>', body).group(1): (
                state,
                re.search(r'<span class="badge ([a-z]*)">(.*?)</span>', body).groups(),
            )
            for state, body in items
        }
        done_on = date_format(today - timedelta(days=3), "SHORT_DATE_FORMAT")
        assert states == {
            # Due today is not late yet; due two days ago and not done is.
            "Visit apartments": ("to_do", ("", "To do")),
            "Send the application": ("overdue", ("danger", "Overdue")),
            "Ask about the deposit": ("done", ("ok", f"Done {done_on}")),
        }, viewer


def test_a_goal_without_steps_says_so_and_the_team_is_shown_where_to_add_one(
    client_for, coach, birth_parent, goal
):
    url = reverse("caseplan:plan", args=[goal.partnership_id])
    team = client_for(coach).get(url).content.decode()
    assert '<p class="empty">No steps yet. <a href="#add-step-heading">Add a step</a></p>' in team
    assert 'id="add-step-heading"' in team
    mother = client_for(birth_parent).get(url).content.decode()
    assert '<p class="empty">No steps yet.</p>' in mother and "#add-step-heading" not in mother


def test_a_follow_up_is_tagged_to_do_overdue_or_done(client_for, coach, birth_parent, partnership):
    today = timezone.localdate()

    def contact(**fields):
        made = Contact.objects.create(
            partnership=partnership,
            kind="check_in",
            medium="phone",
            happened_on=today - timedelta(days=10),
            minutes=20,
            coach=coach,
            **fields,
        )
        made.people.add(birth_parent.person)

    contact(follow_up_on=today + timedelta(days=3))
    contact(follow_up_on=today - timedelta(days=1))
    contact(follow_up_on=today - timedelta(days=5), followed_up_at=timezone.now())
    page = client_for(coach).get(reverse("caseplan:contacts", args=[partnership.pk]))
    tags = re.findall(r'<span class="badge ([a-z]*)">(\w+ ?\w*)', page.content.decode())
    assert ("", "Follow up") in tags and ("danger", "Follow up") in tags
    assert ("ok", "Followed up") in tags
