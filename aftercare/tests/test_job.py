"""Each year-after check-in asks whether the parent's job held."""

import pytest
from django.urls import reverse

from aftercare.models import FollowUp
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db

STEADY = dict.fromkeys(("housing", "work", "childcare", "school", "support"), "steady")


def test_the_coach_records_whether_the_job_held_and_reads_it_on_the_schedule(
    client_for, coach, partnership
):
    first = FollowUp.objects.create(partnership=partnership, due_on=partnership.stage_since)
    client = client_for(coach)
    form = client.get(reverse("aftercare:check_in", args=[first.pk])).context["form"]
    assert form.fields["job"].label == "Did the job hold?"
    assert [label for _value, label in form.fields["job"].choices] == [
        "Kept the same job",
        "Changed jobs",
        "Lost the job",
        "Not working",
        "Not asked",
    ]
    client.post(reverse("aftercare:check_in", args=[first.pk]), STEADY | {"job": "changed"})
    first.refresh_from_db()
    assert first.job == "changed"
    entry = AuditEntry.objects.get(record_type="aftercare.followup", action="changed")
    assert "job" in entry.fields
    page = client.get(reverse("aftercare:schedule", args=[partnership.pk])).content.decode()
    assert "Job: Changed jobs" in page
    # Correcting it opens with what was recorded.
    again = client.get(reverse("aftercare:check_in", args=[first.pk])).context["form"]
    assert again.initial["job"] == "changed"


def test_a_check_in_that_did_not_ask_says_nothing_of_the_job(client_for, coach, partnership):
    first = FollowUp.objects.create(partnership=partnership, due_on=partnership.stage_since)
    client_for(coach).post(reverse("aftercare:check_in", args=[first.pk]), STEADY)
    first.refresh_from_db()
    assert first.job == "" and first.done_on is not None
    page = client_for(coach).get(reverse("aftercare:schedule", args=[partnership.pk]))
    assert "Job:" not in page.content.decode()
