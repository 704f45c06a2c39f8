"""Who may approve what: limits by role, two approvers above a larger amount, never
one's own request, a family's 12-month cap, and each fund's restrictions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assistance.models import AssistanceRequest, Decision, Entry, Fund, Source, Status
from assistance.services import (
    available_in,
    balance_of,
    payment_record,
    payment_reverse,
    request_create,
    request_decide,
)

pytestmark = pytest.mark.django_db


def ask(actor, partnership, amount, need="car_repair", **extra):
    data = {
        "need": need,
        "amount": Decimal(amount),
        "payee": "Eastside Auto",
        "due_on": timezone.localdate() + timedelta(days=5),
        "purpose": "Her car gets her to the night shift.",
        **extra,
    }
    return request_create(actor=actor, partnership=partnership, data=data)


def refusal(**kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        request_decide(**kwargs)
    return " ".join(refused.value.messages)


def test_a_coach_approves_a_small_request_and_the_money_is_promised(
    coach, other_coach, partnership, fund, rules
):
    assistance_request = ask(coach, partnership, "180.00")
    request_decide(
        actor=other_coach,
        assistance_request=assistance_request,
        approve=True,
        reason="Quote checked.",
        fund=fund,
    )
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.APPROVED and assistance_request.fund_id == fund.pk
    assert balance_of(fund) == Decimal("5000.00")
    assert available_in(fund) == Decimal("4820.00")


def test_a_coach_cannot_approve_above_their_limit_nor_their_own_request(
    coach, other_coach, director, partnership, fund, rules
):
    assistance_request = ask(coach, partnership, "600.00")
    assert "A coach approves up to $250.00" in refusal(
        actor=other_coach,
        assistance_request=assistance_request,
        approve=True,
        reason="ok",
        fund=fund,
    )
    assert "someone else decides it" in refusal(
        actor=coach, assistance_request=assistance_request, approve=True, reason="ok", fund=fund
    )
    request_decide(
        actor=director, assistance_request=assistance_request, approve=True, reason="ok", fund=fund
    )
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.APPROVED


def test_above_the_larger_limit_two_different_approvers_are_needed(
    coach, director, second_director, partnership, fund, rules
):
    assistance_request = ask(coach, partnership, "1400.00")
    request_decide(
        actor=director,
        assistance_request=assistance_request,
        approve=True,
        reason="Deposit.",
        fund=fund,
    )
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.SUBMITTED and available_in(fund) == Decimal(
        "5000.00"
    )
    assert "a second approver is needed" in refusal(
        actor=director,
        assistance_request=assistance_request,
        approve=True,
        reason="again",
        fund=fund,
    )
    request_decide(
        actor=second_director,
        assistance_request=assistance_request,
        approve=True,
        reason="Agreed.",
        fund=fund,
    )
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.APPROVED
    assert Decision.objects.filter(request=assistance_request, approved=True).count() == 2


def test_a_family_s_help_is_capped_over_twelve_months(coach, director, partnership, fund, rules):
    fund.budget = Decimal("10000.00")
    fund.save()
    for amount in ("900.00", "900.00"):
        request_decide(
            actor=director,
            assistance_request=ask(coach, partnership, amount),
            approve=True,
            reason="ok",
            fund=fund,
        )
    third = ask(coach, partnership, "900.00")
    assert "$1,800.00 in the last 12 months" in refusal(
        actor=director, assistance_request=third, approve=True, reason="ok", fund=fund
    )
    # A year and a day later the first two no longer count.
    AssistanceRequest.objects.filter(status=Status.APPROVED).update(
        approved_on=timezone.localdate() - timedelta(days=366)
    )
    request_decide(actor=director, assistance_request=third, approve=True, reason="ok", fund=fund)


def test_a_fund_pays_only_for_its_needs_within_its_dates_and_its_money(
    coach, director, partnership, fund, rules
):
    rent = ask(coach, partnership, "200.00", need="rent")
    assert "does not pay for this need" in refusal(
        actor=director, assistance_request=rent, approve=True, reason="ok", fund=fund
    )
    closed = Fund.objects.create(
        name="Last year's drive",
        source=Source.DONOR,
        budget=Decimal("900"),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert "not open today" in refusal(
        actor=director, assistance_request=rent, approve=True, reason="ok", fund=closed
    )
    small = Fund.objects.create(name="Small", source=Source.GENERAL, budget=Decimal("150.00"))
    assert "has $150.00 left to promise" in refusal(
        actor=director, assistance_request=rent, approve=True, reason="ok", fund=small
    )


def test_paying_the_family_directly_is_the_director_s_call(
    coach, other_coach, director, partnership, fund, rules
):
    cash = ask(coach, partnership, "100.00", payee_kind="family", payee="Ana Morales")
    assert "Only the director" in refusal(
        actor=other_coach, assistance_request=cash, approve=True, reason="ok", fund=fund
    )
    request_decide(
        actor=director,
        assistance_request=cash,
        approve=True,
        reason="No vendor takes cards.",
        fund=fund,
    )


def test_a_decline_needs_a_reason(
    coach, director, partnership, rules, django_capture_on_commit_callbacks
):
    assistance_request = ask(coach, partnership, "100.00")
    assert "Say why" in refusal(
        actor=director, assistance_request=assistance_request, approve=False, reason=" "
    )
    with django_capture_on_commit_callbacks(execute=True):
        request_decide(
            actor=director,
            assistance_request=assistance_request,
            approve=False,
            reason="The fund for car repairs is spent; the Second Gear shop repairs at cost.",
        )
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.DECLINED


def test_the_ledger_is_append_only_and_a_correction_is_a_reversal(
    coach, director, finance, partnership, fund, rules
):
    assistance_request = ask(coach, partnership, "180.00")
    request_decide(
        actor=director, assistance_request=assistance_request, approve=True, reason="ok", fund=fund
    )
    day = timezone.localdate()
    paid = payment_record(
        actor=finance,
        assistance_request=assistance_request,
        method="check",
        number="1001",
        paid_on=day,
        key="k1",
    )
    assert balance_of(fund) == Decimal("4820.00")
    with pytest.raises(ValidationError):
        paid.note = "changed"
        paid.save()
    with pytest.raises(ValidationError):
        paid.delete()
    payment_reverse(actor=finance, entry=paid, note="Check 1001 was lost in the mail.")
    assert balance_of(fund) == Decimal("5000.00")
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.APPROVED and available_in(fund) == Decimal("4820.00")
    payment_record(
        actor=finance,
        assistance_request=assistance_request,
        method="check",
        number="1002",
        paid_on=day,
        key="k2",
    )
    assert list(Entry.objects.values_list("amount", flat=True)) == [
        Decimal("180.00"),
        Decimal("-180.00"),
        Decimal("180.00"),
    ]
    assert isinstance(Entry.objects.first().amount, Decimal)


def test_a_payment_sent_twice_is_recorded_once(coach, director, finance, partnership, fund, rules):
    assistance_request = ask(coach, partnership, "180.00")
    request_decide(
        actor=director, assistance_request=assistance_request, approve=True, reason="ok", fund=fund
    )
    day = timezone.localdate()
    first = payment_record(
        actor=finance,
        assistance_request=assistance_request,
        method="ach",
        number="",
        paid_on=day,
        key="same",
    )
    again = payment_record(
        actor=finance,
        assistance_request=assistance_request,
        method="ach",
        number="",
        paid_on=day,
        key="same",
    )
    assert first.pk == again.pk and Entry.objects.count() == 1
    with pytest.raises(ValidationError):
        payment_record(
            actor=finance,
            assistance_request=assistance_request,
            method="ach",
            number="",
            paid_on=day,
            key="other",
        )


def test_the_coach_who_shapes_a_family_s_request_is_not_its_approver(
    coach, other_coach, director, birth_parent, partnership, fund, rules
):
    from assistance.services import request_submit

    draft = ask(birth_parent, partnership, "150.00")
    assert draft.status == Status.DRAFT
    request_submit(actor=coach, assistance_request=draft, data={"amount": Decimal("240.00")})
    assert "someone else decides it" in refusal(
        actor=coach, assistance_request=draft, approve=True, reason="ok", fund=fund
    )
    request_decide(
        actor=other_coach, assistance_request=draft, approve=True, reason="ok", fund=fund
    )


def test_a_payment_keeps_to_the_fund_s_needs_and_dates_when_it_is_made(
    coach, director, finance, partnership, fund, rules
):
    assistance_request = ask(coach, partnership, "180.00")
    request_decide(
        actor=director, assistance_request=assistance_request, approve=True, reason="ok", fund=fund
    )
    Fund.objects.filter(pk=fund.pk).update(needs=["rent"])
    with pytest.raises(ValidationError, match="no longer pays for this need"):
        payment_record(
            actor=finance,
            assistance_request=assistance_request,
            method="ach",
            number="",
            paid_on=timezone.localdate(),
            key="n",
        )
    assert not Entry.objects.exists()


def test_a_payment_form_belongs_to_one_request_and_one_payment(
    coach, director, finance, partnership, fund, rules
):
    first, second = ask(coach, partnership, "50.00"), ask(coach, partnership, "60.00")
    for made in (first, second):
        request_decide(
            actor=director, assistance_request=made, approve=True, reason="ok", fund=fund
        )
    day = timezone.localdate()
    paid = payment_record(
        actor=finance, assistance_request=first, method="ach", number="", paid_on=day, key="form-1"
    )
    with pytest.raises(ValidationError, match="already used"):
        payment_record(
            actor=finance,
            assistance_request=second,
            method="ach",
            number="",
            paid_on=day,
            key="form-1",
        )
    payment_reverse(actor=finance, entry=paid, note="Bounced.")
    with pytest.raises(ValidationError, match="already used"):
        payment_record(
            actor=finance,
            assistance_request=first,
            method="ach",
            number="",
            paid_on=day,
            key="form-1",
        )
    assert Entry.objects.count() == 2


def test_the_ledger_refuses_bulk_changes_too(coach, director, finance, partnership, fund, rules):
    assistance_request = ask(coach, partnership, "50.00")
    request_decide(
        actor=director, assistance_request=assistance_request, approve=True, reason="ok", fund=fund
    )
    payment_record(
        actor=finance,
        assistance_request=assistance_request,
        method="ach",
        number="",
        paid_on=timezone.localdate(),
        key="b",
    )
    with pytest.raises(ValidationError):
        Entry.objects.update(amount=1)
    with pytest.raises(ValidationError):
        Entry.objects.all().delete()
    assert Entry.objects.get().amount == Decimal("50.00")
