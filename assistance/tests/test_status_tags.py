"""A request's status wears the same tag on the family's list and on the request's page,
and a family with no request yet is shown where to ask."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.models import AssistanceRequest, Decision, Status

pytestmark = pytest.mark.django_db


def request_in(partnership, *, by, status) -> AssistanceRequest:
    return AssistanceRequest.objects.create(
        partnership=partnership,
        need="rent",
        amount=Decimal("300.00"),
        payee="Oak Street Apartments",
        due_on=timezone.localdate() + timedelta(days=5),
        purpose="The deposit.",
        status=status,
        created_by=by,
    )


@pytest.mark.parametrize(
    ("status", "variant", "label"),
    [
        (Status.DRAFT, "attention", "Started by the family"),
        (Status.SUBMITTED, "attention", "Waiting for a decision"),
        (Status.APPROVED, "ok", "Approved"),
        (Status.PAID, "ok", "Paid"),
        (Status.DECLINED, "danger", "Declined"),
    ],
)
def test_each_status_has_one_tag_on_the_family_s_list_and_the_request_s_page(
    client_for, birth_parent, partnership, status, variant, label
):
    made = request_in(partnership, by=birth_parent, status=status)
    client = client_for(birth_parent)
    tag = f'<span class="badge {variant}">{label}</span>'
    assert tag in client.get(reverse("assistance:mine")).content.decode()
    assert tag in client.get(made.get_absolute_url()).content.decode()


def test_a_refusal_is_tagged_like_a_declined_request(client_for, coach, director, partnership):
    made = request_in(partnership, by=coach, status=Status.DECLINED)
    Decision.objects.create(request=made, by=director, approved=False, reason="Over the cap.")
    page = client_for(coach).get(made.get_absolute_url()).content.decode()
    decisions = page.split('id="decisions-heading"')[1].split("</section>")[0]
    assert '<span class="badge danger">Declined</span>' in decisions


def test_a_family_with_no_request_sees_it_plainly_and_the_button_to_ask(
    client_for, birth_parent, partnership
):
    page = client_for(birth_parent).get(reverse("assistance:mine")).content.decode()
    assert '<li class="empty">Nothing yet.' in page
    ask = reverse("assistance:request_new", args=[partnership.pk])
    assert f'<a class="button primary" href="{ask}">Ask for financial help</a>' in page


def test_a_year_with_nothing_paid_says_so_once_and_offers_the_year_before(client_for, finance):
    page = client_for(finance).get(reverse("assistance:report"), {"year": 2024}).content.decode()
    assert page.count("Nothing paid this year.") == 1
    assert 'href="?year=2023">Spending in 2023</a>' in page
