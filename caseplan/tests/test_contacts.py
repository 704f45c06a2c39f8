"""The coach's contact log: quick to fill, for the team only, reported by coach and month."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from caseplan.models import Contact
from caseplan.selectors import contact_report
from caseplan.services import contact_log
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def log(coach, partnership, people, **fields):
    data = {
        "kind": "check_in",
        "medium": "phone",
        "happened_on": timezone.localdate(),
        "minutes": 20,
        **fields,
    }
    return contact_log(actor=coach, partnership=partnership, data=data, people=people)


def test_the_coach_logs_a_call_with_the_form_filled_for_today(
    client_for, coach, birth_parent, partnership
):
    url = reverse("caseplan:contacts", args=[partnership.pk])
    form = client_for(coach).get(url).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in form and 'value="30"' in form
    response = client_for(coach).post(
        url,
        {
            "kind": "crisis",
            "medium": "phone",
            "happened_on": timezone.localdate().isoformat(),
            "minutes": "40",
            "people": [birth_parent.person.pk],
            "notes": "Landlord gave notice; calmed, made a plan.",
            "follow_up_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
        },
        follow=True,
    )
    assert "Contact logged." in response.content.decode()
    contact = Contact.objects.get()
    assert (contact.kind, contact.minutes, contact.coach_id) == ("crisis", 40, coach.pk)
    assert list(contact.people.all()) == [birth_parent.person]
    assert "Landlord gave notice" in response.content.decode()
    viewed = AuditEntry.objects.filter(
        record_type="partnerships.partnership", record_id=str(partnership.pk), action="viewed"
    )
    assert viewed.exists()


def test_a_contact_needs_who_was_there_and_a_date_that_has_come(coach, partnership):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Choose who was there"):
        log(coach, partnership, [])
    parent = partnership.birth_family.parents.first()
    with pytest.raises(ValidationError, match="once it has happened"):
        log(coach, partnership, [parent], happened_on=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="comes after the contact"):
        log(
            coach,
            partnership,
            [parent],
            follow_up_on=timezone.localdate() - timedelta(days=1),
        )


def test_a_follow_up_is_marked_done(client_for, coach, birth_parent, partnership):
    contact = log(coach, partnership, [birth_parent.person], follow_up_on=timezone.localdate())
    client_for(coach).post(reverse("caseplan:contact_done", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.followed_up_at is not None


def test_the_month_report_counts_each_coachs_contacts(
    coach, other_coach, director, partnership, other_partnership
):
    november = date(2026, 11, 1)
    ours = partnership.birth_family.parents.first()
    theirs = other_partnership.birth_family.parents.first()
    log(coach, partnership, [ours], happened_on=date(2026, 11, 3), minutes=20)
    log(coach, partnership, [ours], happened_on=date(2026, 11, 9), kind="crisis", minutes=45)
    log(coach, partnership, [ours], happened_on=date(2026, 10, 30))
    log(other_coach, other_partnership, [theirs], happened_on=date(2026, 11, 4), minutes=30)
    everyone = contact_report(director, month=november, everyone=True)
    assert [(r.contacts, r.minutes, r.families) for r in everyone] == [(2, 65, 1), (1, 30, 1)]
    assert everyone[0].by_kind["crisis"] == 1
    mine = contact_report(coach, month=november, everyone=False)
    assert [(r.contacts, r.minutes) for r in mine] == [(2, 65)]


def test_the_report_page_runs_the_same_queries_for_many_contacts(
    client_for, director, coach, partnership
):
    parent = partnership.birth_family.parents.first()
    client = client_for(director)
    counts = []
    for extra in (1, 30):
        for n in range(extra):
            log(coach, partnership, [parent], happened_on=date(2026, 11, 1 + n % 20))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("caseplan:report"), {"month": "2026-11"})
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "November 2026" in page.content.decode()


def test_a_month_that_is_not_a_month_shows_this_one(client_for, coach):
    page = client_for(coach).get(reverse("caseplan:report"), {"month": "soon"})
    assert page.status_code == 200
    assert f"{timezone.localdate():%B %Y}" in page.content.decode()


def test_a_follow_up_due_shows_on_the_coachs_home_page_until_done(
    client_for, coach, birth_parent, partnership
):
    contact = log(coach, partnership, [birth_parent.person], follow_up_on=timezone.localdate())
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert "follow up on the Check-in" in home and partnership.birth_family.name in home
    response = client_for(coach).post(
        reverse("caseplan:contact_done", args=[contact.pk]), {"from": "home"}, follow=True
    )
    assert "Follow-up marked done." in response.content.decode()
    assert "follow up on the Check-in" not in response.content.decode()


def test_a_follow_up_leaves_the_home_page_when_the_family_moves_to_another_coach_or_closes(
    client_for, coach, other_coach, birth_parent, partnership
):
    log(coach, partnership, [birth_parent.person], follow_up_on=timezone.localdate())
    client = client_for(coach)
    assert "follow up on the Check-in" in client.get(reverse("home:home")).content.decode()
    Partnership.objects.filter(pk=partnership.pk).update(coach=other_coach)
    assert "follow up on the Check-in" not in client.get(reverse("home:home")).content.decode()
    Partnership.objects.filter(pk=partnership.pk).update(coach=coach, stage="closed")
    assert "follow up on the Check-in" not in client.get(reverse("home:home")).content.decode()


def test_a_month_ten_thousand_years_away_is_refused_in_words(client_for, coach):
    page = client_for(coach).get(reverse("caseplan:report"), {"month": "9999-12"})
    assert page.status_code == 200
    assert "within ten years" in page.content.decode()
