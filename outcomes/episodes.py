"""A child's episodes in care, as query expressions the measures build on.

An episode runs from an entry (`entered_care` or `reentered_care`) to the first exit
recorded after it, or stays open. Everything here is an expression for one query, so
each measure stays one query however many children there are (docs/outcomes-measures.md).

Dates are compared as calendar numbers (year * 10000 + month * 100 + day): adding twelve
months is adding 10000 and turning eighteen is adding 180000, the same on SQLite and
PostgreSQL, with no date arithmetic that either database spells its own way.
"""

from datetime import date, timedelta

from django.db.models import (
    DateField,
    DurationField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from agreements.models import Consent, Purpose
from families.models import PermanencyEvent, PermanencyKind

ENTRIES = (PermanencyKind.ENTERED_CARE, PermanencyKind.REENTERED_CARE)
EXITS = tuple(kind for kind in PermanencyKind if kind not in ENTRIES)
#: CFSR Round 4's exits to permanency.
PERMANENCY = (
    PermanencyKind.REUNIFIED,
    PermanencyKind.RELATIVES,
    PermanencyKind.GUARDIANSHIP,
    PermanencyKind.ADOPTION,
)
#: The exits after which CFSR Round 4 watches for a re-entry (adoption is not one).
REENTRY_WATCHED = (
    PermanencyKind.REUNIFIED,
    PermanencyKind.RELATIVES,
    PermanencyKind.GUARDIANSHIP,
)
#: The program's own question: did the children go home, or to their relatives?
HOME_OR_RELATIVES = (PermanencyKind.REUNIFIED, PermanencyKind.RELATIVES)

TWELVE_MONTHS = 10000
EIGHTEEN_YEARS = 180000
#: CFSR Round 4 leaves out stays of fewer than 8 days.
SHORTEST_STAY = timedelta(days=8)


def calendar_number(value) -> Expression:
    """A date as year * 10000 + month * 100 + day, for calendar comparisons."""
    return ExtractYear(value) * 10000 + ExtractMonth(value) * 100 + ExtractDay(value)


def day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def entries() -> QuerySet[PermanencyEvent]:
    return PermanencyEvent.objects.filter(kind__in=ENTRIES)


def _after_this_event() -> Q:
    """Later than the outer event; on the same day, recorded after it, so an exit and a
    re-entry on one day close one episode and open the next in the order they were told."""
    return Q(occurred_on__gt=OuterRef("occurred_on")) | Q(
        occurred_on=OuterRef("occurred_on"), pk__gt=OuterRef("pk")
    )


def _before_this_event() -> Q:
    return Q(occurred_on__lt=OuterRef("occurred_on")) | Q(
        occurred_on=OuterRef("occurred_on"), pk__lt=OuterRef("pk")
    )


def with_exit(entry_events: QuerySet[PermanencyEvent]) -> QuerySet[PermanencyEvent]:
    """Each entry with its episode's end: `exit_on`, `exit_on_number` (its calendar
    number) and `exit_kind`, null while in care, and `days_in_care` once it ended.

    The calendar number is computed inside its own subquery rather than from `exit_on`:
    an expression over a subquery repeats the subquery in the SQL once per use, three
    times for a calendar number (bench/RESULTS.md)."""
    first_exit = PermanencyEvent.objects.filter(
        _after_this_event(), child=OuterRef("child"), kind__in=EXITS
    ).order_by("occurred_on", "pk")
    return entry_events.annotate(
        exit_on=Subquery(first_exit.values("occurred_on")[:1], output_field=DateField()),
        exit_kind=Subquery(first_exit.values("kind")[:1]),
        exit_on_number=Subquery(
            first_exit.annotate(on_number=calendar_number("occurred_on")).values("on_number")[:1]
        ),
    ).annotate(
        days_in_care=ExpressionWrapper(
            F("exit_on") - F("occurred_on"), output_field=DurationField()
        )
    )


def with_entry(exit_events: QuerySet[PermanencyEvent]) -> QuerySet[PermanencyEvent]:
    """Each exit with the entry that opened its episode (`entered_on`): the last entry
    recorded before it."""
    last_entry = entries().filter(_before_this_event(), child=OuterRef("child"))
    return exit_events.annotate(
        entered_on=Subquery(
            last_entry.order_by("-occurred_on", "-pk").values("occurred_on")[:1],
            output_field=DateField(),
        )
    ).annotate(
        days_in_care=ExpressionWrapper(
            F("occurred_on") - F("entered_on"), output_field=DurationField()
        )
    )


def first_in_period(entry_events: QuerySet[PermanencyEvent], *, start: date, end: date):
    """Each child's first entry between `start` and `end` (both included): CFSR counts a
    child once per period, by the first episode that began in it."""
    earlier = entries().filter(
        _before_this_event(),
        child=OuterRef("child"),
        occurred_on__gte=start,
        occurred_on__lte=end,
    )
    return entry_events.filter(occurred_on__gte=start, occurred_on__lte=end).exclude(
        Exists(earlier)
    )


#: More rows than any program has: the limit of `each_row_once`.
EVERY_ROW = 2**62


def each_row_once(rows: QuerySet) -> QuerySet:
    """The rows, to be aggregated as a derived table.

    Django aggregates a sliced queryset over a subquery, `SELECT COUNT(...) FILTER (...)
    FROM (SELECT ... LIMIT n)`, where each annotation is a column computed once a row.
    Aggregated directly, each annotation a count's filter reads is copied into that
    filter, and the subqueries inside it with it: the cohort's next-exit look-up ran a
    dozen times a row. On 200,000 events the two CFSR rates took 2.2 s this way and 0.8 s
    the other (SQLite; bench/RESULTS.md), with the same answers."""
    return rows[:EVERY_ROW]


def adult_on() -> Expression:
    """The child's 18th birthday as a calendar number (29 February birthdays fall on
    1 March in other years: 0229 is after 0228 and before 0301)."""
    return calendar_number("child__birth_date") + EIGHTEEN_YEARS


def consented(child_ref: str = "child") -> Expression:
    """Whether the child's birth family is counted in the anonymous figures.

    A birth parent of the child gave FIGURES consent in a partnership the child is in,
    and no birth parent of the child said no in one. Consent is asked for, never
    assumed: a family where no one answered is left out (docs/outcomes-measures.md).
    """

    return figures_consent(
        partnership__children=OuterRef(child_ref),
        person__birth_families__children=OuterRef(child_ref),
    )


def figures_consent(**whose) -> Expression:
    """A FIGURES consent given by one of `whose` (consent lookups naming the outer row's
    parents and partnerships), and no one of them answering no: the rule of `consented`,
    for a child or for a family."""

    def answers(*, given: bool):
        return Consent.objects.filter(purpose=Purpose.FIGURES, given=given, **whose)

    return Exists(answers(given=True)) & ~Exists(answers(given=False))
