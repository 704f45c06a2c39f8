"""Each check-in of the year after is tagged with where it stands, like a case plan's step;
an empty schedule points to where one is added."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import FollowUp

pytestmark = pytest.mark.django_db


def test_check_ins_are_tagged_to_do_overdue_or_done_with_their_warning_signs(
    client_for, coach, partnership
):
    today = timezone.localdate()
    FollowUp.objects.create(partnership=partnership, due_on=today + timedelta(days=20))
    FollowUp.objects.create(partnership=partnership, due_on=today - timedelta(days=4))
    FollowUp.objects.create(
        partnership=partnership,
        due_on=today - timedelta(days=30),
        done_on=today - timedelta(days=29),
        warning=True,
    )
    page = client_for(coach).get(reverse("aftercare:schedule", args=[partnership.pk]))
    html = page.content.decode()
    assert '<span class="badge ">To do</span>' in html
    assert '<span class="badge danger">Overdue</span>' in html
    assert '<span class="badge ok">Done ' in html
    assert '<span class="badge attention">Warning signs</span>' in html


def test_an_empty_schedule_points_to_adding_a_check_in(client_for, coach, partnership):
    html = client_for(coach).get(reverse("aftercare:schedule", args=[partnership.pk]))
    html = html.content.decode()
    assert "No check-ins yet." in html
    assert '<a href="#add-heading">Add a check-in</a>' in html and 'id="add-heading"' in html
