"""The program's outcome measures, each one query, scoped to the person asking.

The definitions, their source and the program's choices are in
docs/outcomes-measures.md; the reasons in docs/decisions/0025-outcome-measures.md.

Every measure takes the same filters: `county` (as written on the family's interest
form), `coach` (the partnership's coach), and `consented_only`. Program-wide figures
count only the children whose family consented to the anonymous figures, and say how
many were left out. A team member's own caseload may be shown whole
(`consented_only=False`): those families are theirs to know, and only theirs, so without
the consent rule the figures are narrowed to the asker's own caseload whatever their role.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Expression, F, OuterRef, Q, QuerySet, Subquery

from accounts.models import Role, User
from core.roles import is_casework
from families.models import BirthFamily, Child, PermanencyEvent, PermanencyKind
from outcomes.episodes import (
    EXITS,
    HOME_OR_RELATIVES,
    PERMANENCY,
    REENTRY_WATCHED,
    SHORTEST_STAY,
    TWELVE_MONTHS,
    adult_on,
    calendar_number,
    consented,
    each_row_once,
    entries,
    figures_consent,
    first_in_period,
    with_entry,
    with_exit,
)
from partnerships.figures import Share
from partnerships.models import Partnership, Stage, StageChange
from partnerships.selectors import caseload_of

#: Who may read the whole program's figures (DESIGN.md: the director and finance).
PROGRAM_WIDE = (Role.DIRECTOR, Role.FINANCE)


@dataclass(frozen=True)
class Rate:
    """A CFSR-style rate: `numerator` of `denominator` children, and how many children
    the measure would have counted but left out for want of consent."""

    numerator: int
    denominator: int
    left_out: int

    @property
    def percent(self) -> float | None:
        return Share(self.numerator, self.denominator).percent


@dataclass(frozen=True)
class Exits:
    """Exits from care by discharge reason (every reason present, zero when none)."""

    by_reason: dict[str, int]
    left_out: int

    @property
    def total(self) -> int:
        return sum(self.by_reason.values())

    @property
    def home_or_relatives(self) -> int:
        return sum(self.by_reason[kind] for kind in HOME_OR_RELATIVES)

    @property
    def share_home_or_relatives(self) -> float | None:
        return None if not self.total else round(100 * self.home_or_relatives / self.total, 1)


@dataclass(frozen=True)
class Median:
    days: float | None
    reunifications: int
    left_out: int


@dataclass(frozen=True)
class Counts:
    """Counts by a category (every category present), and how many were left out."""

    by: dict[str, int] = field(default_factory=dict)
    left_out: int = 0

    @property
    def total(self) -> int:
        return sum(self.by.values())


def _partnerships(
    user: User,
    *,
    coach: User | None,
    county: str,
    consented_only: bool,
    within: QuerySet[Partnership] | None = None,
):
    if not user.is_authenticated:
        raise PermissionDenied
    if consented_only and user.has_role(*PROGRAM_WIDE):
        partnerships = Partnership.objects.all()
    elif is_casework(user):
        partnerships = caseload_of(user)
    else:
        raise PermissionDenied
    if coach is not None:
        partnerships = partnerships.filter(coach=coach)
    if county.strip():
        # Through a subquery, not a join: a partnership with two forms in the county (an
        # interest form and a contact form) is one partnership.
        in_county = Partnership.objects.filter(submissions__county__iexact=county.strip())
        partnerships = partnerships.filter(pk__in=in_county.values("pk"))
    if within is not None:
        # A capability's narrowing (a fund's families, partnerships.figures.Narrowing).
        partnerships = partnerships.filter(pk__in=within.values("pk"))
    return partnerships


def partnerships_in_scope(
    user: User,
    *,
    county: str = "",
    coach: User | None = None,
    consented_only: bool = True,
    within: QuerySet[Partnership] | None = None,
) -> QuerySet[Partnership]:
    """The partnerships whose families the figures may count: in the asker's scope and
    filters, and, for program-wide figures, of families who consented. The capabilities'
    figures (partnerships.figures) count through it."""
    partnerships = _partnerships(
        user, county=county, coach=coach, consented_only=consented_only, within=within
    )
    if consented_only:
        partnerships = partnerships.filter(_family_consented("birth_family"))
    return Partnership.objects.filter(pk__in=partnerships.values("pk"))


def children_in_scope(user: User, **filters) -> QuerySet[Child]:
    """The children the figures may speak of: those in a partnership in scope."""
    return Child.objects.filter(partnerships__in=_partnerships(user, **filters)).values("pk")


def _split(counted: Q, *, consented_only: bool) -> tuple[Q, Q]:
    """The condition a row is counted under, and the one it is left out under."""
    if not consented_only:
        return counted, Q(pk__isnull=True)
    return counted & Q(consented=True), counted & Q(consented=False)


def _tally(*, consented_only: bool) -> dict[str, Count]:
    """Rows counted, and rows left out for want of consent."""
    counted, left_out = _split(Q(), consented_only=consented_only)
    return {"counted": Count("pk", filter=counted), "left_out": Count("pk", filter=left_out)}


def _by(rows, field: str, keys) -> tuple[dict[str, int], int]:
    """`_tally`'s rows grouped by `field` into every key (zero when absent), and the sum
    left out."""
    by = dict.fromkeys(keys, 0)
    left_out = 0
    for row in rows:
        by[row[field]] = row["counted"]
        left_out += row["left_out"]
    return by, left_out


def _cohort(user, *, entered_from: date, entered_to: date, **filters):
    """CFSR's entry cohort: each child's first entry in the period, its episode's end,
    with the entries at 18 or older and the stays under 8 days marked."""
    cohort = first_in_period(with_exit(entries()), start=entered_from, end=entered_to).filter(
        child__in=children_in_scope(user, **filters)
    )
    return cohort.annotate(
        consented=consented(),
        adult_on=adult_on(),
        entered_on_number=calendar_number("occurred_on"),
    )


def _cfsr_included() -> Q:
    """Neither entered at 18 or older nor in care fewer than 8 days."""
    return Q(adult_on__gt=F("entered_on_number")) & (
        Q(exit_on__isnull=True) | Q(days_in_care__gte=SHORTEST_STAY)
    )


@dataclass(frozen=True)
class CohortRates:
    """The two CFSR measures of one entry cohort, read in one query."""

    permanency: Rate
    reentry: Rate


def cohort_rates(
    user: User,
    *,
    entered_from: date,
    entered_to: date,
    county: str = "",
    coach: User | None = None,
    consented_only: bool = True,
    within: QuerySet[Partnership] | None = None,
) -> CohortRates:
    """Permanency in 12 months and re-entry in 12 months of the children who entered care
    in the period, in one query over the cohort both count (the dashboard asks for both;
    reading the cohort once halves the work on a large program, bench/RESULTS.md).

    Permanency: of the children who entered care in the period, how many left to
    permanency (reunification, relatives, guardianship, adoption) within 12 months of
    entering, before their 18th birthday.

    Re-entry: of those who went home, to relatives or to a guardian within 12 months of
    entering and before turning 18, how many re-entered care within 12 months of leaving
    (counted once, however often they came back)."""
    filters = {
        "county": county,
        "coach": coach,
        "consented_only": consented_only,
        "within": within,
    }
    cohort = _cohort(user, entered_from=entered_from, entered_to=entered_to, **filters)
    came_back = (
        entries()
        .filter(child=OuterRef("child"), occurred_on__gte=OuterRef("exit_on"))
        .annotate(on_number=calendar_number("occurred_on"))
        .filter(on_number__lt=OuterRef("exit_on_number") + TWELVE_MONTHS)
    )
    cohort = cohort.annotate(came_back=Exists(came_back))
    included = _cfsr_included()
    # Left within 12 months of entering, and before 18: a young person who left at 18 or
    # older is an adult, with no care to re-enter.
    in_time = Q(exit_on_number__lt=F("entered_on_number") + TWELVE_MONTHS) & Q(
        exit_on_number__lt=F("adult_on")
    )
    permanent = included & Q(exit_kind__in=PERMANENCY) & in_time
    watched = included & Q(exit_kind__in=REENTRY_WATCHED) & in_time
    counted, left_out = _split(included, consented_only=consented_only)
    counted_permanent, _ = _split(permanent, consented_only=consented_only)
    counted_watched, watched_left_out = _split(watched, consented_only=consented_only)
    counted_back, _ = _split(watched & Q(came_back=True), consented_only=consented_only)
    found = each_row_once(cohort).aggregate(
        denominator=Count("pk", filter=counted),
        numerator=Count("pk", filter=counted_permanent),
        left_out=Count("pk", filter=left_out),
        watched=Count("pk", filter=counted_watched),
        back=Count("pk", filter=counted_back),
        watched_left_out=Count("pk", filter=watched_left_out),
    )
    return CohortRates(
        permanency=Rate(found["numerator"], found["denominator"], found["left_out"]),
        reentry=Rate(found["back"], found["watched"], found["watched_left_out"]),
    )


def permanency_in_12_months(user: User, **asked) -> Rate:
    """`cohort_rates`' permanency alone."""
    return cohort_rates(user, **asked).permanency


def reentry_in_12_months(user: User, **asked) -> Rate:
    """`cohort_rates`' re-entry alone."""
    return cohort_rates(user, **asked).reentry


def exits_by_reason(
    user: User,
    *,
    exited_from: date,
    exited_to: date,
    county: str = "",
    coach: User | None = None,
    consented_only: bool = True,
    within: QuerySet[Partnership] | None = None,
) -> Exits:
    """Every exit from care in the period, by discharge reason. Exits are counted, not
    children: a child who went home twice in the period counts twice. No CFSR
    exclusions: this is the program's own count."""
    filters = {
        "county": county,
        "coach": coach,
        "consented_only": consented_only,
        "within": within,
    }
    rows = (
        PermanencyEvent.objects.filter(
            kind__in=EXITS,
            occurred_on__gte=exited_from,
            occurred_on__lte=exited_to,
            child__in=children_in_scope(user, **filters),
        )
        .annotate(consented=consented())
        .values("kind")
        .annotate(**_tally(consented_only=consented_only))
        .order_by("kind")
    )
    by_reason, left_out = _by(rows, "kind", EXITS)
    return Exits(by_reason=by_reason, left_out=left_out)


def median_days_to_reunification(
    user: User,
    *,
    reunified_from: date,
    reunified_to: date,
    county: str = "",
    coach: User | None = None,
    consented_only: bool = True,
    within: QuerySet[Partnership] | None = None,
) -> Median:
    """The median days from entering care to reunification, over the reunifications in
    the period. SQLite has no median: the one query returns the days in order and the
    middle is read from them."""
    filters = {
        "county": county,
        "coach": coach,
        "consented_only": consented_only,
        "within": within,
    }
    rows = (
        with_entry(
            PermanencyEvent.objects.filter(
                kind=PermanencyKind.REUNIFIED,
                occurred_on__gte=reunified_from,
                occurred_on__lte=reunified_to,
                child__in=children_in_scope(user, **filters),
            )
        )
        .filter(entered_on__isnull=False)
        .annotate(consented=consented())
        .order_by("days_in_care", "pk")
        .values_list("days_in_care", "consented")
    )
    days = [stay.days for stay, agreed in rows if agreed or not consented_only]
    left_out = 0 if not consented_only else sum(1 for _, agreed in rows if not agreed)
    return Median(
        days=statistics.median(days) if days else None,
        reunifications=len(days),
        left_out=left_out,
    )


def _family_consented(family_ref: str) -> Expression:
    """The family rule of `episodes.consented`, for figures that count partnerships and
    families rather than children."""
    return figures_consent(
        partnership__birth_family=OuterRef(family_ref),
        person__birth_families=OuterRef(family_ref),
    )


def partnerships_by_stage(
    user: User,
    *,
    on: date | None = None,
    county: str = "",
    coach: User | None = None,
    consented_only: bool = True,
    within: QuerySet[Partnership] | None = None,
) -> Counts:
    """The partnerships by stage today, or on the day `on`: the stage of the last change
    on or before it (a partnership with none had not begun)."""
    partnerships = _partnerships(
        user, county=county, coach=coach, consented_only=consented_only, within=within
    ).annotate(consented=_family_consented("birth_family"))
    if on is None:
        partnerships = partnerships.annotate(stage_then=F("stage"))
    else:
        last_change = StageChange.objects.filter(
            partnership=OuterRef("pk"), changed_on__lte=on
        ).order_by("-changed_on", "-pk")
        partnerships = partnerships.annotate(
            stage_then=Subquery(last_change.values("stage")[:1])
        ).filter(stage_then__isnull=False)
    rows = (
        partnerships.values("stage_then")
        .annotate(**_tally(consented_only=consented_only))
        .order_by("stage_then")
    )
    by, left_out = _by(rows, "stage_then", Stage)
    return Counts(by=by, left_out=left_out)


def families_served(
    user: User,
    *,
    since: date,
    county: str = "",
    coach: User | None = None,
    consented_only: bool = True,
    within: QuerySet[Partnership] | None = None,
) -> Counts:
    """Birth families with a partnership open on `since` or later: not closed, or closed
    on or after that day. Counted once each, under `by["families"]`."""
    closed_before = StageChange.objects.filter(
        partnership=OuterRef("pk"), stage=Stage.CLOSED, changed_on__lt=since
    )
    open_since = _partnerships(
        user, county=county, coach=coach, consented_only=consented_only, within=within
    ).exclude(Q(stage=Stage.CLOSED) & Exists(closed_before))
    counted, left_out = _split(Q(), consented_only=consented_only)
    found = (
        BirthFamily.objects.filter(partnerships__in=open_since)
        .annotate(consented=_family_consented("pk"))
        .aggregate(
            families=Count("pk", filter=counted, distinct=True),
            left_out=Count("pk", filter=left_out, distinct=True),
        )
    )
    return Counts(by={"families": found["families"]}, left_out=found["left_out"])
