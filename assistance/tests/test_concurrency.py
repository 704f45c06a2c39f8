"""Many approvals and payments at once, from separate database connections, against one
fund: it never goes below zero and nothing is paid twice. Runs on SQLite and on
PostgreSQL, whichever the suite runs on."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from assistance.models import AssistanceRequest, Entry, Fund, Source, Status
from assistance.services import available_in, balance_of, payment_record, request_decide

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(jobs):
    """Run each job on its own thread and connection, all released together."""
    start = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        start.wait()
        try:
            outcomes[index] = job()
        except ValidationError as refused:
            outcomes[index] = refused
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_concurrent_approvals_and_payments_never_overspend_nor_pay_twice(
    coach, director, finance, partnership, rules
):
    rules.family_cap = Decimal("100000")
    rules.save()
    fund = Fund.objects.create(name="Crisis fund", source=Source.DONOR, budget=Decimal("1000.00"))
    requests = [
        AssistanceRequest.objects.create(
            partnership=partnership,
            need="car_repair",
            amount=Decimal("150.00"),
            payee="Eastside Auto",
            due_on=timezone.localdate() + timedelta(days=3),
            purpose="Work",
            created_by=coach,
        )
        for _ in range(12)
    ]
    # Twelve approvals of 150 against 1,000: exactly six fit.
    approvals = at_once(
        [
            lambda r=r: request_decide(
                actor=director, assistance_request=r, approve=True, reason="ok", fund=fund
            )
            for r in requests
        ]
    )
    approved = AssistanceRequest.objects.filter(status=Status.APPROVED)
    assert approved.count() == 6
    assert sum(isinstance(o, ValidationError) for o in approvals) == 6
    assert available_in(fund) == Decimal("100.00")

    # Each approved request paid three times at once: twice with one form's key, once
    # with another. And the six refused ones, which must not be paid at all.
    day = timezone.localdate()
    jobs = []
    for r in AssistanceRequest.objects.all():
        for key in (f"{r.pk}-a", f"{r.pk}-a", f"{r.pk}-b"):
            jobs.append(
                lambda r=r, key=key: payment_record(
                    actor=finance,
                    assistance_request=r,
                    method="check",
                    number="",
                    paid_on=day,
                    key=key,
                )
            )
    at_once(jobs)
    paid = Entry.objects.filter(amount__gt=0)
    assert paid.count() == 6
    assert len(set(paid.values_list("request_id", flat=True))) == 6
    assert balance_of(fund) == Decimal("100.00") >= 0
    assert AssistanceRequest.objects.filter(status=Status.PAID).count() == 6
    assert connection.vendor in ("sqlite", "postgresql")


def test_concurrent_approvals_for_one_family_in_two_homes_keep_to_its_cap(
    coach, director, birth_parent, partnership, rules
):
    from home.testing import PartnerHomeFactory
    from partnerships.models import Partnership

    rules.family_cap = Decimal("300.00")
    rules.save()
    # The same family, a second child in a second home: a second partnership.
    second = Partnership.objects.create(
        birth_family_id=partnership.birth_family_id,
        partner_home=PartnerHomeFactory(),
        coach=coach,
        stage="active",
        stage_since=partnership.stage_since,
    )
    funds = [
        Fund.objects.create(name=f"Fund {n}", source=Source.DONOR, budget=Decimal("5000"))
        for n in range(2)
    ]
    requests = [
        AssistanceRequest.objects.create(
            partnership=[partnership, second][n % 2],
            need="car_repair",
            amount=Decimal("200.00"),
            payee="Shop",
            due_on=timezone.localdate(),
            purpose="Work",
            created_by=coach,
        )
        for n in range(6)
    ]
    at_once(
        [
            lambda r=r, f=funds[n % 2]: request_decide(
                actor=director, assistance_request=r, approve=True, reason="ok", fund=f
            )
            for n, r in enumerate(requests)
        ]
    )
    assert AssistanceRequest.objects.filter(status=Status.APPROVED).count() == 1
