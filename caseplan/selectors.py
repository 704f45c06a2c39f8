"""Reads of the coach's work with families, scoped to the team member asking."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from caseplan.models import Contact, ContactKind, Goal, Step
from core.roles import is_casework
from core.zones import program_zone
from families.models import Person
from partnerships.models import Partnership, Stage
from partnerships.selectors import open_caseload_of, partnerships_visible_to
from schedule.models import Event, Kind


def contacts_of(partnership: Partnership) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(partnership=partnership)
        .select_related("coach__person")
        .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("pk")))
    )


def contact_for(user, contact_id: int) -> Contact:
    try:
        return Contact.objects.select_related("partnership").get(
            pk=contact_id, partnership__in=partnerships_visible_to(user)
        )
    except Contact.DoesNotExist:
        raise Http404 from None


@dataclass
class CoachMonth:
    coach: str
    contacts: int
    minutes: int
    by_kind: dict[str, int]
    families: int


def contact_report(user, *, month: date, everyone: bool) -> list[CoachMonth]:
    """Contacts per coach in a month: how many, how long, of which kind, with how many
    families. One query whatever the number of contacts."""
    following = (month.replace(day=1) + timedelta(days=32)).replace(day=1)
    contacts = Contact.objects.filter(
        happened_on__gte=month.replace(day=1),
        happened_on__lt=following,
        partnership__in=partnerships_visible_to(user),
    )
    if not everyone:
        contacts = contacts.filter(coach=user)
    kinds = {kind: Count("pk", filter=Q(kind=kind)) for kind in ContactKind.values}
    rows = (
        contacts.values("coach", "coach__email", "coach__person__first_name")
        .annotate(
            total=Count("pk"),
            length=Sum("minutes"),
            families=Count("partnership", distinct=True),
            **kinds,
        )
        .order_by("coach__person__first_name", "coach__email")
    )
    return [
        CoachMonth(
            coach=row["coach__person__first_name"] or row["coach__email"],
            contacts=row["total"],
            minutes=row["length"] or 0,
            by_kind={kind: row[kind] for kind in ContactKind.values},
            families=row["families"],
        )
        for row in rows
    ]


def follow_ups_due(user, *, on: date) -> QuerySet[Contact]:
    """Follow-ups the coach promised, due by `on` and not yet done, for families still in
    their open caseload: once a family moves to another coach, or closes, the promise
    goes with it rather than sitting on a home page whose links would answer 404."""
    return (
        Contact.objects.filter(
            coach=user,
            follow_up_on__lte=on,
            followed_up_at__isnull=True,
            partnership__in=open_caseload_of(user),
        )
        .select_related("partnership__birth_family")
        .order_by("follow_up_on", "pk")
    )


def _plan_partnerships(user) -> QuerySet[Partnership]:
    """The team's partnerships; a birth parent's own. Never the partner home's: the
    case plan is the birth family's."""
    visible = partnerships_visible_to(user)
    if is_casework(user):
        return visible
    # As with the journal and messages, a closed partnership closes to its parents.
    return visible.filter(birth_family__parents__user=user).exclude(stage=Stage.CLOSED)


def plan_partnership_for(user, partnership_id: int) -> Partnership:
    try:
        return (
            _plan_partnerships(user)
            .select_related("birth_family", "partner_home")
            .get(pk=partnership_id)
        )
    except Partnership.DoesNotExist:
        raise Http404 from None


def plan_of(partnership: Partnership) -> list[Goal]:
    """The goals with their steps, and `done`/`total` counts: two queries."""
    goals = list(
        Goal.objects.filter(partnership=partnership).prefetch_related(
            Prefetch(
                "steps",
                # Open steps first, soonest due first; then the done ones, in order.
                queryset=Step.objects.order_by(
                    F("done_on").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk"
                ),
            )
        )
    )
    for goal in goals:
        steps = goal.steps.all()
        goal.total = len(steps)
        goal.done = sum(1 for step in steps if step.done_on)
    return goals


def step_for(user, step_id: int) -> Step:
    try:
        return Step.objects.select_related("goal__partnership").get(
            pk=step_id, goal__partnership__in=_plan_partnerships(user)
        )
    except Step.DoesNotExist:
        raise Http404 from None


def steps_due(user, *, today: date, within_days: int = 7) -> list[dict]:
    """Per family in the caseload: how many open case-plan steps are due within a week
    or overdue, and the earliest date. One query, one row per family."""
    return list(
        Step.objects.filter(
            goal__partnership__in=open_caseload_of(user),
            done_on__isnull=True,
            due_on__lte=today + timedelta(days=within_days),
        )
        .values("goal__partnership", "goal__partnership__birth_family__name")
        .annotate(count=Count("pk"), earliest=Min("due_on"))
        .order_by("earliest", "goal__partnership")
    )


def summary_for(user, summary_id: int):
    """A court summary of a partnership whose case plan the person may see."""
    from caseplan.models import CourtSummary

    try:
        return CourtSummary.objects.select_related("partnership__birth_family").get(
            pk=summary_id, partnership__in=_plan_partnerships(user)
        )
    except CourtSummary.DoesNotExist:
        raise Http404 from None


def next_hearing_on(partnership: Partnership, *, today: date) -> date | None:
    """The day of the partnership's next court hearing on the calendar, if one is set."""
    from datetime import datetime, time

    start = datetime.combine(today, time.min, tzinfo=program_zone())
    hearing = (
        Event.objects.filter(partnership=partnership, kind=Kind.COURT, starts_at__gte=start)
        .order_by("starts_at")
        .first()
    )
    return hearing.starts_at.astimezone(program_zone()).date() if hearing else None
