"""Unusual access on the audit page, and the directors told by a notice at most once a
day for each kind (decision 0022)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from audit.models import SECURITY, Action, AuditEntry
from audit.unusual import BY_ACCOUNT, BY_ADDRESS, UNASSIGNED, unusual_access
from home.testing import BirthFamilyFactory, PartnerHomeFactory, person_with_account
from home.watch import unusual_access_notify

pytestmark = pytest.mark.django_db


def refusals(n, *, actor=None, ip="198.51.100.7"):
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=Action.REFUSED,
            record_type=SECURITY,
            record_id="families:child_detail",
            ip=ip,
        )
        for _ in range(n)
    )


def reads_of_families(reader, n, *, kind="families.birthfamily"):
    factory = BirthFamilyFactory if kind == "families.birthfamily" else PartnerHomeFactory
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=reader, action=Action.VIEWED, record_type=kind, record_id=str(f.pk))
        for f in factory.create_batch(n)
    )


def test_many_refusals_by_one_account_or_one_address_are_unusual(outsider):
    refusals(19, actor=outsider, ip="198.51.100.7")
    assert unusual_access() == []
    refusals(1, actor=outsider, ip="198.51.100.8")
    refusals(20, ip="203.0.113.50")
    found = {(f.kind, f.who, f.count) for f in unusual_access()}
    assert found == {
        (BY_ACCOUNT, outsider.email, 20),
        (BY_ADDRESS, "203.0.113.50", 20),
    }


def test_refusals_older_than_a_day_are_not_counted(outsider):
    from datetime import timedelta

    from django.utils import timezone

    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=outsider,
            action=Action.SIGN_IN_FAILED,
            record_type=SECURITY,
            record_id="",
            at=timezone.now() - timedelta(hours=25),
        )
        for _ in range(30)
    )
    assert unusual_access() == []


def test_a_staff_member_reading_many_families_not_theirs_is_unusual(director, coach, partnership):
    reads_of_families(director, 14)
    # Their own partnership's family and home, read often, are not counted.
    for _ in range(3):
        for record in (partnership, partnership.birth_family, partnership.partner_home):
            AuditEntry.objects.create(
                actor=coach,
                action=Action.VIEWED,
                record_type=record._meta.label_lower,
                record_id=str(record.pk),
            )
    assert unusual_access() == []
    reads_of_families(director, 1, kind="families.partnerhome")
    reads_of_families(coach, 14)
    assert [(f.kind, f.who, f.count) for f in unusual_access()] == [
        (UNASSIGNED, director.email, 15)
    ]


def test_a_parent_reading_their_own_family_is_never_counted(birth_parent, partnership):
    reads_of_families(birth_parent, 20)
    assert unusual_access() == []


def test_the_director_sees_unusual_access_with_a_link_to_the_events(client_for, director, outsider):
    refusals(25, actor=outsider)
    html = client_for(director).get(reverse("audit:search")).content.decode()
    assert "Unusual access in the last 24 hours" in html
    assert "Many refusals for one account" in html and outsider.email in html
    assert "25 refusals" in html
    assert "?ip=198.51.100.7&amp;action=security" in html


def test_the_audit_page_says_when_nothing_is_unusual(client_for, director):
    html = client_for(director).get(reverse("audit:search")).content.decode()
    assert "Nothing unusual" in html


def test_the_audit_page_runs_the_same_queries_for_few_or_many_findings(client_for, director, coach):
    client = client_for(director)

    def queries():
        cache.clear()  # the findings are kept between sweeps: each reading counts afresh
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("audit:search")).status_code == 200
        return len(captured)

    refusals(20, actor=coach, ip="192.0.2.1")
    reads_of_families(coach, 15)
    few = queries()
    for n in range(2, 6):
        refusals(20, ip=f"192.0.2.{n}")
        reads_of_families(person_with_account(Role.COACH), 16)
    assert len(unusual_access()) == 1 + 5 + 5
    assert queries() == few


def test_the_audit_page_shows_what_the_sweep_last_counted_without_counting_again(
    client_for, director, outsider
):
    cache.clear()
    refusals(20, actor=outsider)
    unusual_access_notify()  # the worker's sweep counts, tells and keeps the findings
    refusals(20, ip="203.0.113.50")  # after the sweep: shown when the next one counts
    client = client_for(director)

    def unusual() -> str:
        html = client.get(reverse("audit:search")).content.decode()
        return html.split('id="unusual"')[1].split("</section>")[0]

    assert outsider.email in unusual() and "203.0.113.50" not in unusual()
    unusual_access_notify()
    assert "203.0.113.50" in unusual()


def test_directors_are_told_once_a_day_for_each_kind_and_never_who(
    director, outsider, django_capture_on_commit_callbacks
):
    other_director = person_with_account(Role.DIRECTOR)
    refusals(20, actor=outsider)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert unusual_access_notify() == 2  # by account, and from the address
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [director.email] * 2 + [other_director.email] * 2
    )
    refusals(20, actor=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        assert unusual_access_notify() == 0
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert outsider.email not in message.body and "198.51.100.7" not in message.body
        assert reverse("audit:search") in message.body


def test_the_workers_sweep_tells_the_directors():
    from core import sweep

    assert unusual_access_notify in sweep.jobs()
