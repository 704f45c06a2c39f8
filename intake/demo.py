"""The demo program's intake: three forms in the triage queue."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Language
from intake.business_days import due_at
from intake.models import AttemptMethod, ContactAttempt, Holiday, Kind, Source, Submission


def load_intake(today: date, *, coach) -> None:
    """Three forms in the triage queue: one new, one overdue, one already called."""
    for year in (today.year, today.year + 1):
        Holiday.objects.get_or_create(day=date(year, 1, 1), defaults={"name": "New Year's Day"})
        Holiday.objects.get_or_create(day=date(year, 12, 25), defaults={"name": "Christmas Day"})
    holidays = set(Holiday.objects.values_list("day", flat=True))
    now = timezone.now()

    def received(days_ago, **fields):
        at = now - timedelta(days=days_ago)
        submission = Submission.objects.create(
            due_at=due_at(at, holidays), sender="demo", source=Source.INTEREST, **fields
        )
        Submission.objects.filter(pk=submission.pk).update(received_at=at)
        return submission

    received(
        0,
        kind=Kind.BIRTH_PARENT,
        first_name="Lucía",
        last_name="Paz",
        phone="+15125550131",
        language=Language.SPANISH,
        county="Travis",
        children_ages="2 y 5",
        case_stage="just_removed",
        heard_from="caseworker",
        texts_ok=True,
        best_time="Después de las 5",
    )
    received(
        5,
        kind=Kind.PARTNER_PARENT,
        first_name="Grace",
        last_name="Okoye",
        email="grace.okoye@example.net",
        county="Williamson",
        heard_from="church",
        message="We foster two boys and would love support.",
    )
    called = received(
        3,
        kind=Kind.COMMUNITY,
        first_name="Pastor Ray",
        last_name="Dunn",
        phone="+15125550175",
        county="Travis",
        heard_from="friend",
        voicemail_ok=True,
    )
    attempt = ContactAttempt.objects.create(
        submission=called,
        method=AttemptMethod.CALLED,
        made_by=coach,
        note="Wants to host a gathering at the church hall.",
    )
    Submission.objects.filter(pk=called.pk).update(
        first_contact_at=attempt.made_at, assigned_to=coach
    )
