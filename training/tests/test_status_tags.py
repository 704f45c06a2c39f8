"""Where a parent stands with a module wears the same tag on the training page, the
module's own page and the coach's list of who is behind; the team's module page shows
its assignment form in the page, not in the window's title."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from training.models import Module, Page
from training.services import completion_record

pytestmark = pytest.mark.django_db


def a_module(title, **fields):
    module = Module.objects.create(title=title, **fields)
    module.roles.set(Group.objects.filter(name__in=("birth_parent", "partner_parent")))
    Page.objects.create(module=module, order=1, title="Two homes", body="One team.")
    return module


def test_finished_needed_and_to_do_each_have_their_tag_on_every_training_page(
    client_for, coach, birth_parent, partnership
):
    finished = a_module("Principles of partnership")
    a_module("Setting boundaries", required_before_active=True)
    a_module("Trauma-informed parenting")
    completion_record(user=birth_parent, module=finished, reflection="")
    day = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    finished_tag = f'<span class="badge ok">Finished {day}</span>'
    needed_tag = '<span class="badge attention">Needed before family time starts</span>'
    mother = client_for(birth_parent)
    index = mother.get(reverse("training:index")).content.decode()
    assert finished_tag in index and needed_tag in index
    assert '<span class="badge ">To do</span>' in index
    assert finished_tag in mother.get(finished.get_absolute_url()).content.decode()
    behind = client_for(coach).get(reverse("training:behind")).content.decode()
    assert needed_tag in behind


def test_the_team_s_module_page_shows_the_assignment_form_in_the_page(
    client_for, coach, partnership
):
    module = a_module("Principles of partnership")
    page = client_for(coach).get(module.get_absolute_url()).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert "Give this module to one parent" not in title
    main = page.split("<main")[1].split("</main>")[0]
    assert "Give this module to one parent" in main


def test_a_director_with_no_modules_is_shown_where_to_write_one(client_for, director):
    page = client_for(director).get(reverse("training:index")).content.decode()
    assert "No modules yet." in page
    assert f'href="{reverse("training:module_new")}">New module</a></li>' in page
