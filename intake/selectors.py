import statistics
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone

from core.roles import is_casework
from families.models import Person
from intake.models import ContactAttempt, Kind, Source, Submission


def submissions_visible_to(user) -> QuerySet[Submission]:
    """Triage is the whole team's work: every coach and director sees every submission."""
    if is_casework(user):
        return Submission.objects.all()
    return Submission.objects.none()


def triage_queue(user, *, kind: str = "", county: str = "") -> QuerySet[Submission]:
    """Open submissions, the most overdue first."""
    queue = (
        submissions_visible_to(user)
        .filter(closed_at__isnull=True)
        .select_related("assigned_to__person")
        .annotate(attempt_count=Count("attempts"))
        .order_by("due_at", "pk")
    )
    if kind:
        queue = queue.filter(kind=kind)
    if county:
        queue = queue.filter(county__iexact=county.strip())
    return queue


def submission_for(user, submission_id: int) -> Submission:
    try:
        return (
            submissions_visible_to(user)
            .select_related("assigned_to__person", "person", "partnership")
            .get(pk=submission_id)
        )
    except Submission.DoesNotExist:
        raise Http404 from None


def attempts_of(submission: Submission) -> QuerySet[ContactAttempt]:
    return submission.attempts.select_related("made_by__person")


def possible_duplicates(submission: Submission) -> QuerySet[Person]:
    """People the program already knows with the same phone or e-mail."""
    match = Q(pk__in=[])
    if submission.phone:
        match |= Q(phone=submission.phone)
    if submission.email:
        match |= Q(email__iexact=submission.email)
    return (
        Person.objects.filter(match)
        .exclude(pk=submission.person_id or 0)
        .prefetch_related("birth_families", "partner_homes")
    )


def overdue_count(user) -> int:
    return (
        submissions_visible_to(user)
        .filter(closed_at__isnull=True, first_contact_at__isnull=True, due_at__lt=timezone.now())
        .count()
    )


def intake_figures(*, weeks: int = 8) -> dict:
    """The director's intake figures: three queries whatever the volume."""
    now = timezone.now()
    since = now - timedelta(weeks=weeks)
    per_week = list(
        Submission.objects.filter(received_at__gte=since)
        .annotate(week=TruncWeek("received_at"))
        .values("week", "kind", "source")
        .annotate(n=Count("pk"))
        .order_by("-week", "kind", "source")
    )
    timings = list(
        Submission.objects.filter(received_at__gte=since, due_at__lte=now).values_list(
            "received_at", "first_contact_at", "due_at"
        )
    ) + list(
        Submission.objects.filter(
            received_at__gte=since, due_at__gt=now, first_contact_at__isnull=False
        ).values_list("received_at", "first_contact_at", "due_at")
    )
    waits = [contacted - received for received, contacted, _due in timings if contacted]
    kept = sum(1 for _r, contacted, due in timings if contacted is not None and contacted <= due)
    kinds, sources = dict(Kind.choices), dict(Source.choices)
    for row in per_week:
        row["kind_label"], row["source_label"] = kinds[row["kind"]], sources[row["source"]]
    return {
        "weeks": weeks,
        "per_week": per_week,
        "median_to_contact": statistics.median(waits) if waits else None,
        "promise_kept_share": round(100 * kept / len(timings)) if timings else None,
        "promise_counted": len(timings),
    }
