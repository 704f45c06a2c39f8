"""Five funds and two requests per partnership over the last year, most of them paid (one
ledger entry each), some approved, some waiting."""

from datetime import date, timedelta
from decimal import Decimal

from assistance.models import AssistanceRequest, Entry, Fund, Rules, Source, Status


def money_generate(*, partnerships, coaches, director):
    Rules.objects.create()
    funds = Fund.objects.bulk_create(
        [
            Fund(name=f"Fund {i}", source=Source.GRANT, budget=Decimal("5000000.00"))
            for i in range(5)
        ]
    )
    today = date.today()
    statuses = [Status.PAID, Status.PAID, Status.PAID, Status.APPROVED, Status.SUBMITTED]
    assistance_requests = AssistanceRequest.objects.bulk_create(
        [
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
            for k in range(2)
        ],
        batch_size=5000,
    )
    Entry.objects.bulk_create(
        [
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
        ],
        batch_size=5000,
    )
