"""The pages of financial support, as the coach, the director, finance and the family
use them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.models import Entry, Request, Status

pytestmark = pytest.mark.django_db


def test_a_car_repair_is_requested_approved_paid_and_shows_in_the_grant_report(
    client_for, coach, director, finance, birth_parent, partner_parent, partnership, fund, rules
):
    due = (timezone.localdate() + timedelta(days=4)).isoformat()
    page = client_for(coach).post(
        reverse("assistance:request_new", args=[partnership.pk]),
        {
            "home": "birth",
            "need": "car_repair",
            "amount": "412.50",
            "payee_kind": "vendor",
            "payee": "Eastside Auto Repair",
            "due_on": due,
            "purpose": "Brakes: she drives to the 6 a.m. shift.",
        },
        follow=True,
    )
    assert "Request sent for a decision." in page.content.decode()
    request = Request.objects.get()
    client_for(director).post(
        reverse("assistance:decide", args=[request.pk]),
        {"approve": "yes", "fund": fund.pk, "reason": "Quote checked."},
    )
    request.refresh_from_db()
    assert request.status == Status.APPROVED
    form = client_for(finance).get(request.get_absolute_url()).content.decode()
    key = form.split('name="key" value="')[1].split('"')[0]
    payment = {
        "method": "check",
        "number": "2041",
        "paid_on": timezone.localdate().isoformat(),
        "key": key,
    }
    for _ in range(2):  # a double click
        client_for(finance).post(reverse("assistance:pay", args=[request.pk]), payment)
    assert Entry.objects.count() == 1
    report = client_for(finance).get(fund.get_absolute_url()).content.decode()
    assert "$4587.50" in report and "Eastside Auto Repair" in report
    mother = client_for(birth_parent).get(request.get_absolute_url()).content.decode()
    assert "Paid" in mother and "2041" not in mother
    assert client_for(partner_parent).get(request.get_absolute_url()).status_code == 404


def test_a_parent_asks_for_her_own_home_and_her_coach_sees_it_waiting(
    client_for, coach, birth_parent, partnership, fund, rules
):
    client_for(birth_parent).post(
        reverse("assistance:request_new", args=[partnership.pk]),
        {
            "home": "partner",  # ignored: she asks for her own home
            "need": "utilities",
            "amount": "120",
            "payee_kind": "vendor",
            "payee": "Austin Energy",
            "due_on": (timezone.localdate() + timedelta(days=9)).isoformat(),
            "purpose": "The heat.",
        },
    )
    request = Request.objects.get()
    assert (request.status, request.home) == (Status.DRAFT, "birth")
    assert "Austin Energy" in client_for(coach).get(reverse("assistance:index")).content.decode()
