"""The program's figures, contributed by the capabilities that own them.

The outcomes dashboard shows, beside its permanency measures, what each capability did
for the families: intake's response time, referrals completed, assistance paid, training
finished, gatherings attended, year-after check-ins. Each capability registers a function
here from its AppConfig.ready(); the dashboard calls them without importing any of them
(docs/decisions/0014-layers.md, 0026).

A figure function receives a `Scope`, already narrowed to the partnerships the asker may
count (by coach, county and the families' consent to the anonymous figures), and returns
a `Table` computed in one query (two at most, and never one per row: the dashboard's
query count is asserted whatever the number of families).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db.models import QuerySet

from partnerships.models import Partnership


class Kind(StrEnum):
    """What a column holds: how it is written, and whether exports hide it when small."""

    LABEL = "label"
    #: Children, families, people or records: hidden in exports when 1 to 4.
    COUNT = "count"
    #: A `Share`: a percentage of two counts, hidden in exports when either is small.
    SHARE = "share"
    #: Days, a plain number (a median, an average); not a count of anyone.
    DAYS = "days"
    #: Whole dollars; hidden in exports when a count in its row is hidden.
    MONEY = "money"


@dataclass(frozen=True)
class Column:
    label: str
    kind: Kind = Kind.COUNT


@dataclass(frozen=True)
class Share:
    """`numerator` of `denominator`, shown as a percentage."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return None if not self.denominator else round(100 * self.numerator / self.denominator, 1)


@dataclass(frozen=True)
class Row:
    """One line of a table: its label first, then one value per remaining column.
    `link` is where the records behind the row are, for a person allowed to open them
    (empty when there is no such page or the asker may not see it)."""

    label: str
    values: tuple
    link: str = ""
    #: The indexes of the rows this one adds up ("home or with relatives"): an export
    #: hides it when it hides any of them, or the difference would tell.
    sums: tuple[int, ...] = ()


@dataclass(frozen=True)
class Table:
    """A figure as a table; the chart, the CSV and the printed report are drawn from it.

    `key` names the table in URLs and file names (letters, digits and hyphens).
    `chart` is the index in `values` of the column drawn as bars, or None for no chart.
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""
    chart: int | None = 0
    #: A sentence saying what the table counts, for the printed report and screen readers.
    caption: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """What the figures may count, and over which days.

    `partnerships` is a queryset of the partnerships in scope: the asker's caseload or
    the program, filtered by coach and county, with the families who did not consent to
    the anonymous figures already left out when the figures are program-wide. Count
    through it (`partnership__in=scope.partnerships`), never around it.
    `start` and `end` are the period, both days included.
    `user` is the person asking, for row links only: what is counted is `partnerships`.
    `county` and `coach` are the filters already applied to `partnerships`, given again
    for the records that come before a partnership exists (an interest form has a county
    and an assignee, and no partnership yet). `consented_only` says whether families
    without consent are left out (program-wide figures) or not (a coach's own caseload).
    """

    partnerships: QuerySet[Partnership]
    start: date
    end: date
    user: object = None
    county: str = ""
    coach: object = None
    consented_only: bool = True
    #: The narrowings asked for, by name (`{"fund": "3"}`): `partnerships` is already
    #: narrowed; a figure may narrow its own rows too (a fund's report shows that fund).
    narrowed: dict = field(default_factory=dict)


FigureFn = Callable[[Scope], Table]


@dataclass(frozen=True)
class Figure:
    name: str
    order: int
    compute: FigureFn


_figures: dict[str, Figure] = {}


def register(name: str, *, order: int, compute: FigureFn) -> None:
    """Add a figure to the dashboard, shown by `order`, lowest first. Registering a name
    again replaces it, so a second ready() changes nothing."""
    _figures[name] = Figure(name=name, order=order, compute=compute)


def registered() -> list[Figure]:
    return sorted(_figures.values(), key=lambda figure: (figure.order, figure.name))


def compute_all(scope: Scope) -> list[Table]:
    return [figure.compute(scope) for figure in registered()]


@dataclass(frozen=True)
class Narrowing:
    """A filter a capability offers the dashboard and the grant report: a fund narrows
    the figures to the families it paid for in the period.

    `choices()` gives (value, label) pairs for the filter's list; `narrow(partnerships,
    value, start, end)` returns the partnerships kept, as a queryset (one subquery)."""

    name: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    narrow: Callable[..., QuerySet[Partnership]]


_narrowings: dict[str, Narrowing] = {}


def narrowing_register(
    name: str, *, label: str, choices: Callable, narrow: Callable[..., QuerySet[Partnership]]
) -> None:
    _narrowings[name] = Narrowing(name=name, label=label, choices=choices, narrow=narrow)


def narrowings() -> list[Narrowing]:
    return sorted(_narrowings.values(), key=lambda narrowing: narrowing.name)
