"""The changes the trail used to miss, each written to it with the person who made it
(docs/decisions/0004), and only field names, never values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import user_time_zone_set
from audit.models import Action, AuditEntry
from notices.services import preferences_set
from partnerships.services import coverage_create
from schedule.models import FeedToken
from schedule.services import feed_token_create, feed_token_revoke

pytestmark = pytest.mark.django_db


def entries_for(record):
    return AuditEntry.objects.filter(
        record_type=record._meta.label_lower, record_id=str(record.pk)
    ).exclude(action=Action.VIEWED)


def test_coverage_opening_a_caseload_to_another_coach_is_audited(coach, other_coach):
    today = timezone.localdate()
    coverage = coverage_create(
        actor=coach,
        coach=coach,
        covering_coach=other_coach,
        starts_on=today,
        ends_on=today + timedelta(days=3),
    )
    (entry,) = entries_for(coverage)
    assert (entry.actor_id, entry.action) == (coach.pk, Action.CREATED)
    assert entry.fields == ["coach", "covering_coach", "ends_on", "starts_on"]


def test_a_feed_address_made_and_revoked_is_audited_without_its_secret(birth_parent):
    first = feed_token_create(user=birth_parent)
    second = feed_token_create(user=birth_parent)
    feed_token_revoke(user=birth_parent)
    assert list(entries_for(first).values_list("action", flat=True)) == [
        Action.CHANGED,
        Action.CREATED,
    ]
    assert entries_for(second).count() == 2
    assert not FeedToken.objects.filter(revoked_at__isnull=True).exists()
    fields = AuditEntry.objects.filter(record_type="schedule.feedtoken").values_list(
        "fields", flat=True
    )
    assert first.secret not in str(list(fields))


def test_a_persons_own_settings_are_audited_only_when_they_change(birth_parent):
    user_time_zone_set(user=birth_parent, time_zone="America/Chicago")
    user_time_zone_set(user=birth_parent, time_zone="America/Chicago")
    preferences_set(user=birth_parent, choices={"email": "digest", "sms": "none"})
    preferences_set(user=birth_parent, choices={"email": "digest", "sms": "none"})
    entries = entries_for(birth_parent).order_by("pk")
    # The same choice again writes nothing; sms stayed at its default.
    assert [entry.fields for entry in entries] == [["time_zone"], ["notices.email"]]
    assert {entry.actor_id for entry in entries} == {birth_parent.pk}
