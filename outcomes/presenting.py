"""A figure's table as the page, the printed report and the CSV file show it.

The page inside the program shows every count. What leaves it, the CSV files and the
grant report, hides small cells (outcomes/cells.py) and what would give them away: a
count of 1 to 4; a row whose share rests on such a count or leaves one out (15 of 17);
a row adding up hidden rows; the money and the days of a hidden row (what 2 families
were paid, or the median of one child's days, says as much as their number); and, in a
table with a hidden row, every share, since the shares of the rows shown give the total.
"""

from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.money import dollars
from outcomes.cells import SMALLEST_SHOWN, suppressed, suppressed_share
from partnerships.figures import Kind, Share, Table


@dataclass(frozen=True)
class Cell:
    #: As written on the page or the sheet.
    text: str
    #: As written in the CSV: a number where there is one, or the small-cell marker.
    raw: object
    numeric: bool


@dataclass(frozen=True)
class ShownRow:
    label: str
    cells: tuple[Cell, ...]
    link: str
    #: The bar's length, 0 to 100, of the chart's column (None when not drawn).
    bar: float | None
    bar_text: str


@dataclass(frozen=True)
class Shown:
    table: Table
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[ShownRow, ...]
    #: The chart's column header: what the bars measure.
    chart_label: str
    suppressed: bool

    @property
    def key(self) -> str:
        return self.table.key


def _number(value) -> str:
    locale = "es_US" if (get_language() or "en").startswith("es") else "en_US"
    return format_decimal(value, locale=locale)


def _small(value) -> bool:
    return isinstance(value, int) and 0 < value < SMALLEST_SHOWN


def _hidden() -> Cell:
    # One short word, so that a table of three columns still fits a phone; the report
    # says above its tables what it means.
    marker = _("hidden")
    return Cell(text=marker, raw=marker, numeric=True)


def _cell(value, kind: Kind, *, hidden: bool, shares_hidden: bool) -> Cell:
    """One value as written; `hidden`: its row holds a small cell (exports and prints
    only), `shares_hidden`: the table does, so no percentage may give a total away."""
    if value is None:
        return Cell(text="—", raw="", numeric=kind is not Kind.LABEL)
    if kind is Kind.COUNT:
        if _small(value) and hidden:
            marker = suppressed(value)
            return Cell(text=marker, raw=marker, numeric=True)
        if hidden:
            return _hidden()
        return Cell(text=_number(value), raw=value, numeric=True)
    if kind is Kind.SHARE:
        share: Share = value
        if hidden or shares_hidden:
            return _hidden()
        if share.percent is None:
            return Cell(text="—", raw="", numeric=True)
        return Cell(text=f"{_number(share.percent)}%", raw=share.percent, numeric=True)
    if kind in (Kind.MONEY, Kind.DAYS) and hidden:
        return _hidden()
    if kind is Kind.MONEY:
        amount = Decimal(value)
        return Cell(text=dollars(amount), raw=amount, numeric=True)
    if kind is Kind.DAYS:
        return Cell(text=_number(value), raw=value, numeric=True)
    return Cell(text=str(value), raw=str(value), numeric=False)


def _hidden_rows(table: Table, kinds: list[Kind]) -> list[bool]:
    """Which rows an export hides: a row with a count of 1 to 4, a row whose share rests
    on one (15 of 17 says 2), and a row adding up rows that are hidden (reunified plus
    relatives, less reunified, says relatives)."""
    hidden = []
    for row in table.rows:
        small = False
        for kind, value in zip(kinds, row.values, strict=True):
            if kind is Kind.COUNT and _small(value):
                small = True
            elif kind is Kind.SHARE and value is not None:
                small |= isinstance(suppressed_share(value.numerator, value.denominator), str)
        hidden.append(small)
    for index, row in enumerate(table.rows):
        hidden[index] |= any(hidden[part] for part in row.sums)
    return hidden


def _bar_value(value) -> float:
    if isinstance(value, Share):
        return value.percent or 0.0
    return float(value or 0)


def shown(table: Table, *, suppress: bool = False) -> Shown:
    kinds = [column.kind for column in table.columns[1:]]
    chart = table.chart
    largest = 0.0
    if chart is not None:
        largest = max((_bar_value(row.values[chart]) for row in table.rows), default=0.0)
        if kinds[chart] is Kind.SHARE:
            largest = 100.0
    hidden_rows = _hidden_rows(table, kinds) if suppress else [False] * len(table.rows)
    # One hidden row and the shares of the others would give the table's total away, and
    # with it the hidden count: in an export with a hidden row, no share is shown.
    shares_hidden = any(hidden_rows)
    rows = []
    for row, row_hidden in zip(table.rows, hidden_rows, strict=True):
        cells = tuple(
            _cell(value, kind, hidden=row_hidden, shares_hidden=shares_hidden)
            for kind, value in zip(kinds, row.values, strict=True)
        )
        bar = None
        bar_text = ""
        if chart is not None:
            value = _bar_value(row.values[chart])
            hidden = not isinstance(cells[chart].raw, int | float | Decimal)
            bar = 0.0 if hidden or not largest else round(100 * value / largest, 1)
            bar_text = cells[chart].text
        rows.append(
            ShownRow(
                label=row.label,
                cells=cells,
                link="" if suppress else row.link,
                bar=bar,
                bar_text=bar_text,
            )
        )
    return Shown(
        table=table,
        headers=tuple(column.label for column in table.columns),
        numeric=tuple(kind is not Kind.LABEL for kind in kinds),
        rows=tuple(rows),
        chart_label=table.columns[chart + 1].label if chart is not None else "",
        suppressed=suppress,
    )


def csv_rows(table: Table) -> list[list]:
    """The table as the CSV file has it: the headers, then each row's label and raw
    values, small cells hidden. The same numbers the page shows where they are 5 or
    more."""
    presented = shown(table, suppress=True)
    lines: list[list] = [list(presented.headers)]
    for row in presented.rows:
        lines.append([row.label, *(cell.raw for cell in row.cells)])
    return lines
