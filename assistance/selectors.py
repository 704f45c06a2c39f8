"""Reads of financial support, scoped: the team and finance see the program's requests;
a parent sees only their own home's."""

from datetime import date

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import Role
from assistance.models import AssistanceRequest, Document, Entry, Fund, Home, Status, cents
from partnerships.selectors import caseload_of

STAFF = (Role.DIRECTOR, Role.COACH, Role.FINANCE)


def requests_visible_to(user) -> QuerySet[AssistanceRequest]:
    """The director and finance see every request; a coach their caseload's; a parent
    their own home's, never the other home's."""
    if user.has_role(Role.DIRECTOR, Role.FINANCE):
        return AssistanceRequest.objects.all()
    if user.has_role(Role.COACH):
        return AssistanceRequest.objects.filter(partnership__in=caseload_of(user))
    return AssistanceRequest.objects.filter(
        Q(home=Home.BIRTH, partnership__birth_family__parents__user=user)
        | Q(home=Home.PARTNER, partnership__partner_home__parents__user=user)
    ).distinct()


# core.access loads every request page's record with it (ASSISTANCE).
def request_for(user, assistance_request_id: int) -> AssistanceRequest:
    try:
        return (
            requests_visible_to(user)
            .select_related("partnership__birth_family", "fund", "created_by__person")
            .get(pk=assistance_request_id)
        )
    except AssistanceRequest.DoesNotExist:
        raise Http404 from None


def document_for(user, document_id: int) -> Document:
    try:
        return Document.objects.select_related("request").get(
            pk=document_id, request__in=requests_visible_to(user)
        )
    except Document.DoesNotExist:
        raise Http404 from None


def funds_with_numbers() -> list[Fund]:
    """Each fund with `spent` (its ledger) and `promised` (approved, unpaid): two
    subqueries, one query whatever the number of funds."""
    zero = Value(0, output_field=DecimalField(max_digits=12, decimal_places=2))
    spent = (
        Entry.objects.filter(fund=OuterRef("pk"))
        .values("fund")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    promised = (
        AssistanceRequest.objects.filter(fund=OuterRef("pk"), status=Status.APPROVED)
        .values("fund")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    funds = list(
        Fund.objects.annotate(
            spent=Coalesce(Subquery(spent), zero), promised=Coalesce(Subquery(promised), zero)
        )
    )
    for fund in funds:
        fund.spent, fund.promised = cents(fund.spent), cents(fund.promised)
        fund.balance = fund.budget - fund.spent
        fund.available = fund.balance - fund.promised
    return funds


def spending(*, year: int) -> dict:
    """Money paid in a year, by fund, need, month and family: grouped queries over the
    ledger (reversals count against what they reverse), and in one more the year's
    total, the part of it that helped parents keep their jobs ("Job security") and each
    month's sum. The families (thousands, statewide) as a query to page through."""
    entries = Entry.objects.filter(paid_on__year=year)

    def by(*fields):
        return in_money(entries.values(*fields).annotate(total=Sum("amount")).order_by(*fields))

    # Each month a sum between its first day and the next month's, not a truncation of
    # every entry's date: on SQLite that is a Python function called once an entry.
    months = [date(year, month, 1) for month in range(1, 13)]
    ends = [*months[1:], date(year + 1, 1, 1)]
    sums = entries.aggregate(
        total=Sum("amount"),
        job_security=Sum("amount", filter=Q(request__for_work=True)),
        **{
            f"month{i}": Sum("amount", filter=Q(paid_on__gte=start, paid_on__lt=end))
            for i, (start, end) in enumerate(zip(months, ends, strict=True))
        },
    )
    return {
        "by_fund": by("fund__name"),
        "by_need": by("request__need"),
        # The months with entries, as a grouping by month gives them.
        "by_month": [
            {"month": start, "total": cents(sums[f"month{i}"])}
            for i, start in enumerate(months)
            if sums[f"month{i}"] is not None
        ],
        "by_family": entries.values("request__partnership__birth_family__name", "request__home")
        .annotate(total=Sum("amount"))
        .order_by("request__partnership__birth_family__name", "request__home"),
        "total": cents(sums["total"]),
        "job_security": cents(sums["job_security"]),
    }


def in_money(rows) -> list[dict]:
    """A page of spending's grouped rows, their totals as money."""
    rows = list(rows)
    for row in rows:
        row["total"] = cents(row["total"])
    return rows


def ledger_rows(*, year: int | None):
    """Every entry of a year (or of all time), for the accountant's CSV."""
    entries = Entry.objects.all() if year is None else Entry.objects.filter(paid_on__year=year)
    return entries.select_related(
        "fund", "request__partnership__birth_family", "reverses"
    ).order_by("paid_on", "pk")


def job_security_paid(fund: Fund):
    """What the fund paid for requests that helped a parent keep a job, reversals
    counted against what they reverse: one query."""
    total = fund.entries.filter(request__for_work=True).aggregate(total=Sum("amount"))["total"]
    return cents(total)


def fund_for(user, fund_id: int) -> Fund:
    """A fund with its ledger, for the director and finance only: its payments name
    families and what was paid for them."""
    if not user.has_role(Role.DIRECTOR, Role.FINANCE):
        raise Http404
    try:
        return Fund.objects.get(pk=fund_id)
    except Fund.DoesNotExist:
        raise Http404 from None


def waiting(user) -> dict:
    """What waits on the team and on finance, of the requests the person may see."""
    base = (
        requests_visible_to(user)
        .select_related("partnership__birth_family")
        .order_by("due_on", "pk")
    )
    return {
        "to_decide": list(base.filter(status=Status.SUBMITTED)[:50]),
        "to_pay": list(base.filter(status=Status.APPROVED)[:50]),
        "drafts": list(base.filter(status=Status.DRAFT)[:50]),
    }
