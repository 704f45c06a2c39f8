"""Money pages in words a family and a coach read without stopping: amounts as US
readers write them in either language, plain labels, and buttons that say what they do."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.models import AssistanceRequest, Fund, Source

pytestmark = pytest.mark.django_db


def ask(client, partnership, amount="950"):
    return client.post(
        reverse("assistance:request_new", args=[partnership.pk]),
        {
            "home": "birth",
            "need": "rent",
            "amount": amount,
            "payee_kind": "vendor",
            "payee": "Riverside Apartments",
            "due_on": (timezone.localdate() + timedelta(days=9)).isoformat(),
            "purpose": "The deposit on a two-bedroom.",
        },
    )


def test_amounts_read_as_us_dollars_with_thousands_in_english_and_in_spanish(
    client_for, coach, director, partnership, rules
):
    Fund.objects.create(name="Housing gift", source=Source.DONOR, budget=Decimal("15000"))
    ask(client_for(coach), partnership)
    for language in ("en", "es"):
        page = (
            client_for(director)
            .get(reverse("assistance:index"), HTTP_ACCEPT_LANGUAGE=language)
            .content.decode()
        )
        assert '<td class="amount">$15,000.00</td>' in page, language
        assert "$950.00" in page and "950,00" not in page and "15000" not in page, language


def test_a_parent_s_request_form_says_who_is_paid_shows_dollars_and_how_it_is_decided(
    client_for, birth_parent, partnership, rules
):
    page = (
        client_for(birth_parent)
        .get(reverse("assistance:request_new", args=[partnership.pk]))
        .content.decode()
    )
    assert "Who is paid" in page and "Payee" not in page
    assert '<div class="input-prefix"><span>$</span><input type="number" name="amount"' in page
    assert "Requests up to $250.00 are decided by a coach" in page
    assert "above $1,000.00 two people approve" in page and "$2,500.00 in 12 months" in page
    assert "Your coach will tell you when to expect an answer." in page
    assert ">Send to my coach</button>" in page and ">Save</button>" not in page


def test_the_coach_gets_a_family_s_request_ready_and_sends_it_for_a_decision(
    client_for, coach, birth_parent, partnership, rules
):
    ask(client_for(birth_parent), partnership)
    draft = AssistanceRequest.objects.get()
    detail = client_for(coach).get(draft.get_absolute_url()).content.decode()
    assert "Get it ready and send it for a decision" in detail and "Shape" not in detail
    form = client_for(coach).get(reverse("assistance:submit", args=[draft.pk])).content.decode()
    assert ">Send for a decision</button>" in form and ">Save</button>" not in form
    assert "Your coach will tell you" not in form  # the coach is the one who tells
