import statistics
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.dates import SecondsBetween
from core.roles import is_casework
from families.models import Person
from intake.models import ContactAttempt, Kind, Source, Submission


def submissions_visible_to(user) -> QuerySet[Submission]:
    """Triage is the whole team's work: every coach and director sees every submission."""
    if is_casework(user):
        return Submission.objects.all()
    return Submission.objects.none()


def triage_queue(user, *, kind: str = "", county: str = "") -> QuerySet[Submission]:
    """Open submissions, the most overdue first: the rows alone, for the pages to count
    and slice; queue_page gives a page's rows what the queue shows of each."""
    queue = submissions_visible_to(user).filter(closed_at__isnull=True).order_by("due_at", "pk")
    if kind:
        queue = queue.filter(kind=kind)
    if county:
        queue = queue.filter(county__iexact=county.strip())
    return queue


def queue_page(page: QuerySet[Submission]) -> list[Submission]:
    """A page of the queue (a slice of triage_queue) with each form's coach and its number
    of contact attempts, in one query. The page's ids are chosen first, in the queue's
    order from its index, and only its rows are joined and counted: counting the attempts
    of every open form and grouping them by every column, to keep fifty, took most of the
    queue's time."""
    return list(
        Submission.objects.filter(pk__in=page.values("pk"))
        .select_related("assigned_to__person")
        .annotate(attempt_count=Count("attempts"))
        .order_by("due_at", "pk")
    )


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


#: How long the director's intake figures are kept before they are counted again.
FIGURES_SECONDS = 60


def intake_figures(*, weeks: int = 8) -> dict:
    """The director's intake figures, kept in the shared cache for FIGURES_SECONDS: each
    reading walks every form of the weeks, and a figure a minute old reads the same to a
    director. Kept for each clock the weeks are read on; labelled in the reader's language
    on the way out."""
    zone = timezone.get_current_timezone()
    key = f"intake:figures:{weeks}:{zone}"
    figures = cache.get_or_set(key, lambda: _counted(weeks=weeks), FIGURES_SECONDS)
    kinds, sources = dict(Kind.choices), dict(Source.choices)
    per_week = [
        {**row, "kind_label": kinds[row["kind"]], "source_label": sources[row["source"]]}
        for row in figures["per_week"]
    ]
    return {**figures, "per_week": per_week}


def _counted(*, weeks: int) -> dict:
    """The figures themselves: three queries whatever the volume."""
    now = timezone.now()
    since = now - timedelta(weeks=weeks)
    received = Submission.objects.filter(received_at__gte=since)
    # Due or answered: the forms whose promise can be judged.
    judged = received.filter(Q(due_at__lte=now) | Q(first_contact_at__isnull=False))
    promise = judged.aggregate(
        counted=Count("pk"), kept=Count("pk", filter=Q(first_contact_at__lte=F("due_at")))
    )
    # Only the answered forms' two times come back, for the median: no form is read whole,
    # and in no order (a median needs none; the forms' own order cost a sort of them all).
    waits = list(
        judged.filter(first_contact_at__isnull=False)
        .order_by()
        .values_list(SecondsBetween("received_at", "first_contact_at"), flat=True)
    )
    return {
        "weeks": weeks,
        "per_week": _per_week(received, since=since, now=now),
        # To the second: SQLite's day numbers are exact to a few microseconds.
        "median_to_contact": timedelta(seconds=round(statistics.median(waits))) if waits else None,
        "promise_kept_share": (
            round(100 * promise["kept"] / promise["counted"]) if promise["counted"] else None
        ),
        "promise_counted": promise["counted"],
    }


def _per_week(received, *, since, now) -> list[dict]:
    """The forms of each week, kind and source, newest week first, in one query.

    Each week is a count between two Mondays at midnight on the reader's clock, the weeks
    TruncWeek would give: truncating every form's time instead is, on SQLite, a Python
    function called once a form, most of the figures' time."""
    zone = timezone.get_current_timezone()
    monday = since.astimezone(zone).date()
    monday -= timedelta(days=monday.weekday())
    starts = []
    while monday <= now.astimezone(zone).date():
        starts.append(timezone.make_aware(datetime.combine(monday, time.min), zone))
        monday += timedelta(days=7)
    # The last week has no end: a form received while the figures are read is in it.
    ends = [*starts[1:], None]
    counts = received.values("kind", "source").annotate(
        **{
            f"week{i}": Count(
                "pk",
                filter=Q(received_at__gte=start) & (Q(received_at__lt=end) if end else Q()),
            )
            for i, (start, end) in enumerate(zip(starts, ends, strict=True))
        }
    )
    rows = [
        {"week": start, "kind": row["kind"], "source": row["source"], "n": row[f"week{i}"]}
        for row in counts.order_by()
        for i, start in enumerate(starts)
        if row[f"week{i}"]
    ]
    rows.sort(key=lambda row: (row["kind"], row["source"]))
    rows.sort(key=lambda row: row["week"], reverse=True)
    return rows
