"""Financial support's figure for the outcomes dashboard: the help paid in the period, by
fund and need (partnerships/figures.py)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from assistance.models import Entry, Fund, Need, Status
from core.access import RULES
from partnerships.figures import Column, Kind, Row, Scope, Table

KEY = "assistance-paid"
ORDER = 120


def paid_by_fund_and_need(scope: Scope) -> Table:
    """The requests paid in the period and what was paid, one row per fund and need, and
    a last row, "Job security", for those of them that helped a parent keep a job (the
    request's `for_work`), across funds and needs, when there are any.

    Read from the ledger, where a payment has its date: a request counts when its payment
    stands (a positive entry no correction reversed) and was made on a day of the period.
    A reversed payment returns the request to "approved" to be paid anew
    (assistance.services.payment_reverse), so each paid request has exactly one standing
    payment, in the fund that paid it. One query, grouped by fund, need and whether the
    request keeps a job; the groups are added up here.
    """
    paid = (
        Entry.objects.filter(
            amount__gt=0,
            reversed_by__isnull=True,
            paid_on__gte=scope.start,
            paid_on__lte=scope.end,
            request__status=Status.PAID,
            request__partnership__in=scope.partnerships,
            **_fund_asked(scope),
        )
        .values("fund", "fund__name", "request__need", "request__for_work")
        .annotate(requests=Count("request", distinct=True), total=Sum("amount"))
        .order_by("fund__name", "fund", "request__need", "request__for_work")
        .values_list(
            "fund", "fund__name", "request__need", "request__for_work", "requests", "total"
        )
    )
    needs = dict(Need.choices)
    link = _link_for(scope.user)
    # Each request has one standing payment, so the groups' counts add up.
    by_row: dict[tuple, list] = {}
    for_work = [0, Decimal(0)]
    for fund, fund_name, need, work, requests, total in paid:
        row = by_row.setdefault((fund, fund_name, need), [0, Decimal(0)])
        row[0] += requests
        row[1] += Decimal(total or 0)
        if work:
            for_work[0] += requests
            for_work[1] += Decimal(total or 0)
    rows = [
        Row(
            label=f"{fund_name} — {needs.get(need, need)}",
            values=(requests, _whole_dollars(total)),
            link=link(fund),
        )
        for (fund, fund_name, need), (requests, total) in by_row.items()
    ]
    if for_work[0]:
        rows.append(Row(label=_("Job security"), values=(for_work[0], _whole_dollars(for_work[1]))))
    return Table(
        key=KEY,
        title=_("Assistance paid by fund and need"),
        columns=(
            Column(_("Fund and need"), Kind.LABEL),
            Column(_("Requests paid"), Kind.COUNT),
            Column(_("Amount paid"), Kind.MONEY),
        ),
        rows=tuple(rows),
        note=_(
            "Counted on the day each payment was made, in whole dollars. A payment finance "
            "reversed is not counted. “Job security” counts again, across funds and needs, "
            "the requests that helped a parent keep a job."
        ),
        caption=_(
            "Requests for financial help paid in the period and the amounts paid, by the fund "
            "that paid them and the need they met, and those that helped a parent keep a job."
        ),
        chart=1,
    )


def _fund_asked(scope: Scope) -> dict:
    """A report for one fund shows that fund's payments only (the `fund` narrowing)."""
    fund = scope.narrowed.get(FUND)
    return {"fund": fund} if fund else {}


#: The narrowing's name in the dashboard's query string.
FUND = "fund"


def fund_choices() -> list[tuple[str, str]]:
    """Every fund, by name: a report may be for a fund that paid nothing in the period
    (it then says so)."""
    return [(str(pk), name) for pk, name in Fund.objects.order_by("name").values_list("pk", "name")]


def families_paid_by(partnerships: QuerySet, fund: str, start, end) -> QuerySet:
    """The partnerships the fund paid for in the period: a grant report's families. A
    value that is not a fund keeps none."""
    if not str(fund).isdigit():
        return partnerships.none()
    paid = Entry.objects.filter(
        fund=fund,
        amount__gt=0,
        reversed_by__isnull=True,
        paid_on__gte=start,
        paid_on__lte=end,
        request__status=Status.PAID,
    ).values("request__partnership")
    return partnerships.filter(pk__in=paid)


def _whole_dollars(total) -> int:
    # SQLite returns the sum without its two places; either way the figure is in dollars.
    return int(Decimal(total or 0).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _link_for(user):
    """Where a row's payments are: the fund's ledger for the director and finance, the
    financial support page for the coaches, nothing for anyone else."""
    if user is None:
        return lambda fund: ""
    if RULES["assistance:fund"].allows(user):
        return lambda fund: reverse("assistance:fund", args=[fund])
    if RULES["assistance:index"].allows(user):
        index = reverse("assistance:index")
        return lambda fund: index
    return lambda fund: ""
