"""Each home opens with what matters now: a parent's next family time, finance's
requests waiting to be paid and the latest of the ledger."""

import re
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from assistance.models import AssistanceRequest, Fund, Source, Status
from home.testing import payment_made


def first_section_after_the_greeting(html: str) -> str:
    after = html.split("</h1>", 1)[1]
    return re.search(r"<section.*?</section>", after, re.S).group(0)


def family_time(partnership, coach, **fields):
    from schedule.models import Event

    fields = {"starts_at": timezone.now() + timedelta(days=3), **fields}
    return Event.objects.create(
        partnership=partnership,
        kind="visit",
        title="Family time",
        place="visit_room",
        created_by=coach,
        **fields,
    )


def test_a_parents_home_opens_with_their_next_family_time_and_who_comes(
    client_for, agreed, coach, birth_parent
):
    event = family_time(agreed, coach, supervised=True, supervisor="Marisol Vega")
    first = first_section_after_the_greeting(
        client_for(birth_parent).get(reverse("home:home")).content.decode()
    )
    assert "Your next family time" in first
    assert timezone.localtime(event.starts_at).strftime("%A") in first
    assert "visit room" in first and "Marisol Vega" in first
    for child in agreed.children.all():
        assert child.called in first


def test_a_court_date_before_it_does_not_hide_the_next_family_time(
    client_for, agreed, coach, partner_parent
):
    from schedule.models import Event

    for days in (1, 2, 3):
        Event.objects.create(
            partnership=agreed,
            kind="court",
            title="Hearing",
            starts_at=timezone.now() + timedelta(days=days),
            place="court",
            created_by=coach,
        )
    family_time(agreed, coach, starts_at=timezone.now() + timedelta(days=30))
    first = first_section_after_the_greeting(
        client_for(partner_parent).get(reverse("home:home")).content.decode()
    )
    assert "No family time is planned" not in first
    assert "visit room" in first


def test_with_no_family_time_planned_a_parent_is_told_to_ask_their_coach(
    client_for, partnership, birth_parent
):
    first = first_section_after_the_greeting(
        client_for(birth_parent).get(reverse("home:home")).content.decode()
    )
    assert "No family time is planned just now" in first
    assert partnership.coach.person.called in first


def test_finances_home_shows_the_requests_waiting_to_be_paid_and_the_latest_payments(
    client_for, finance, partnership, coach
):
    fund = Fund.objects.create(
        name="Family Stability Fund", source=Source.DONOR, budget=Decimal("5000.00")
    )
    waiting = AssistanceRequest.objects.create(
        partnership=partnership,
        need="rent",
        amount=Decimal("640.00"),
        payee="Oak Street Apartments",
        due_on=date(2026, 12, 20),
        purpose="Keeps them housed",
        status=Status.APPROVED,
        fund=fund,
        created_by=coach,
    )
    payment_made(
        partnership,
        fund,
        need="utilities",
        amount="85.50",
        paid_on=date(2026, 11, 18),
        requested_by=coach,
        paid_by=finance,
        payee="Austin Energy",
    )
    html = client_for(finance).get(reverse("home:home")).content.decode()
    assert waiting.get_absolute_url() in html and "$640.00" in html
    assert partnership.birth_family.name in html and "Rent or deposit" in html
    assert "Latest payments" in html and "Family Stability Fund" in html
    assert "Austin Energy" in html and '<td class="amount">$85.50</td>' in html
    assert reverse("assistance:report") in html
