"""The records behind a figure, for the team members allowed to open them."""

from datetime import date

from django.db.models import QuerySet

from accounts.models import User
from families.models import PermanencyEvent
from outcomes import measures
from outcomes.episodes import EXITS, consented, with_entry


def exits_behind(
    user: User,
    *,
    kind: str,
    start: date,
    end: date,
    county: str = "",
    coach=None,
    within: QuerySet | None = None,
) -> QuerySet[PermanencyEvent]:
    """The exits of one reason in the period that the dashboard counted for this person:
    the same scope, and for program-wide figures the same consent rule, so the list and
    the figure agree. Each with its entry date and the child's partnership for the link.
    Only the casework team reaches this (core/access.py), and a director reads the
    program they may open anyway."""
    if kind not in EXITS:
        return PermanencyEvent.objects.none()
    program_wide = user.has_role(*measures.PROGRAM_WIDE)
    children = measures.children_in_scope(
        user, county=county, coach=coach, consented_only=program_wide, within=within
    )
    events = with_entry(
        PermanencyEvent.objects.filter(
            kind=kind,
            occurred_on__gte=start,
            occurred_on__lte=end,
            child__in=children,
        )
    )
    if program_wide:
        events = events.annotate(consented=consented()).filter(consented=True)
    return events.select_related("child").order_by("-occurred_on", "pk")
