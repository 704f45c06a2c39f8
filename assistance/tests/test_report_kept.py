"""The spending report is the same for whoever may read it: kept once for them all a
minute (decision 0048), and written afresh at any payment. Its families are paged."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.services import payment_record, request_create, request_decide

pytestmark = pytest.mark.django_db


def paid(coach, director, finance, partnership, fund, *, amount: str, key: str):
    day = timezone.localdate()
    data = {"need": "car_repair", "amount": amount, "payee": "Garage", "due_on": day}
    made = request_create(actor=coach, partnership=partnership, data={**data, "purpose": "Work"})
    request_decide(actor=director, assistance_request=made, approve=True, reason="ok", fund=fund)
    return payment_record(
        actor=finance, assistance_request=made, method="check", number="", paid_on=day, key=key
    )


def test_a_payment_shows_on_the_kept_report_at_once_for_everyone_who_reads_it(
    settings, client_for, coach, director, finance, partnership, rules, fund
):
    settings.BADGE_SECONDS = 60
    report = reverse("assistance:report")
    assert "Nothing paid this year." in client_for(finance).get(report).content.decode()
    assert "Nothing paid this year." in client_for(director).get(report).content.decode()
    paid(coach, director, finance, partnership, fund, amount="412.50", key="first")
    page = client_for(director).get(report).content.decode()
    assert "$412.50 paid this year." in page
    assert partnership.birth_family.name in page


def test_the_families_come_a_page_at_a_time_and_the_page_says_the_csv_holds_them_all(
    monkeypatch,
    client_for,
    coach,
    other_coach,
    director,
    finance,
    partnership,
    other_partnership,
    rules,
    fund,
):
    from assistance import views

    monkeypatch.setattr(views, "FAMILIES_PAGE", 1)  # a hundred in the program
    paid(coach, director, finance, partnership, fund, amount="10.00", key="first")
    paid(other_coach, director, finance, other_partnership, fund, amount="20.00", key="second")
    families = sorted([partnership.birth_family.name, other_partnership.birth_family.name])
    client = client_for(finance)
    first = client.get(reverse("assistance:report")).content.decode()
    assert (
        "2 families and homes were helped" in first and "the ledger's CSV lists them all" in first
    )
    assert families[0] in first and families[1] not in first
    second = client.get(reverse("assistance:report"), {"page": 2}).content.decode()
    assert families[1] in second and families[0] not in second
