"""Five funds and the figures' requests over the last year, spread over the partnerships
(two each in the bench's program), most of them paid (one ledger entry each), some
approved, some waiting."""

from datetime import timedelta
from decimal import Decimal

from assistance.models import AssistanceRequest, Entry, Fund, Rules, Source, Status
from bench.generate.rows import rows_insert, rows_made
from bench.scale import Figures, spread


def money_generate(*, figures: Figures, partnerships, coaches, director, today):
    Rules.objects.create()
    funds = Fund.objects.bulk_create(
        [
            Fund(name=f"Fund {i}", source=Source.GRANT, budget=Decimal("5000000.00"))
            for i in range(5)
        ]
    )
    statuses = [Status.PAID, Status.PAID, Status.PAID, Status.APPROVED, Status.SUBMITTED]
    assistance_requests = rows_made(
        AssistanceRequest,
        (
            AssistanceRequest(
                partnership=partnership,
                need=["rent", "utilities", "car_repair", "childcare"][(n + k) % 4],
                amount=Decimal(100 + (n * 7 + k) % 400) + Decimal("0.25"),
                payee="Vendor",
                due_on=today - timedelta(days=(n + k) % 360),
                purpose="Bench",
                status=statuses[(n + k) % 5],
                fund=funds[n % 5] if statuses[(n + k) % 5] != Status.SUBMITTED else None,
                approved_on=today - timedelta(days=(n + k) % 360),
                created_by=coaches[n % len(coaches)],
            )
            for n, partnership in enumerate(partnerships)
            for k in range(spread(figures.assistance_requests, figures.partnerships, n))
        ),
    )
    rows_insert(
        Entry,
        (
            Entry(
                fund_id=r.fund_id,
                request=r,
                amount=r.amount,
                method="check",
                paid_on=r.due_on,
                payee=r.payee,
                by=director,
            )
            for r in assistance_requests
            if r.status == Status.PAID
        ),
    )
    return len(assistance_requests)
