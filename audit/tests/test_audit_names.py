"""The audit trail names each record as people name it, and links to it."""

from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from intake.models import Submission


def trail_as(client):
    return client.get(reverse("audit:search")).content.decode()


def test_the_trail_names_a_partnership_by_its_two_homes_and_links_to_it(
    client_for, director, coach, partnership
):
    client_for(coach).get(reverse("partnerships:detail", args=[partnership.pk]))
    html = trail_as(client_for(director))
    name = f"{partnership.birth_family.name} &amp; {partnership.partner_home.name}"
    assert f'<a href="{partnership.get_absolute_url()}">Partnership: {name}</a>' in html
    assert "partnerships.partnership #" not in html


def test_the_trail_names_a_child_in_full_and_links_to_their_record(
    client_for, director, coach, partnership
):
    child = partnership.children.order_by("pk").first()
    client_for(coach).get(reverse("families:child_detail", args=[child.pk]))
    html = trail_as(client_for(director))
    assert f'<a href="{child.get_absolute_url()}">Child: {child.full_name}</a>' in html


def test_the_trail_shows_changed_fields_by_their_labels(client_for, director, coach):
    submission = Submission.objects.create(
        kind="birth_parent",
        first_name="Lucía",
        last_name="Reyes",
        sender="x",
        due_at=timezone.now(),
    )
    AuditEntry.objects.create(
        actor=coach,
        action=Action.CHANGED,
        record_type="intake.submission",
        record_id=str(submission.pk),
        fields=["assigned_to", "first_contact_at"],
        at=timezone.now(),
    )
    html = trail_as(client_for(director))
    assert "Interest form: Lucía Reyes" in html
    assert "Assigned to, First contacted" in html
    assert "first_contact_at" not in html


def test_the_trail_names_a_request_recorded_under_its_old_label(
    client_for, director, coach, partnership
):
    from assistance.models import AssistanceRequest

    request = AssistanceRequest.objects.create(
        partnership=partnership,
        need="rent",
        amount="400.00",
        payee="Landlord",
        due_on=timezone.localdate(),
        purpose="Keeps the family housed",
        created_by=coach,
    )
    AuditEntry.objects.create(
        actor=coach,
        action=Action.VIEWED,
        record_type="assistance.request",
        record_id=str(request.pk),
    )
    html = trail_as(client_for(director))
    assert "assistance.request" not in html
    assert f'<a href="{request.get_absolute_url()}">Request for financial help: ' in html


def test_a_record_that_is_gone_is_still_named_by_its_kind_and_number(client_for, director, coach):
    AuditEntry.objects.create(
        actor=coach, action=Action.VIEWED, record_type="families.child", record_id="999"
    )
    AuditEntry.objects.create(
        actor=coach, action=Action.VIEWED, record_type="nowhere.thing", record_id="7"
    )
    html = trail_as(client_for(director))
    assert "Child #999" in html
    assert "nowhere.thing #7" in html


def test_naming_the_records_runs_the_same_queries_for_3_or_30_partnerships(
    client_for, director, coach
):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.testing import sign_in_client
    from home.testing import partnership_for

    casework, trail = client_for(coach), sign_in_client(Client(), director)

    def view_partnerships(n):
        for _ in range(n):
            partnership = partnership_for(coach=coach, children=1)
            casework.get(reverse("partnerships:detail", args=[partnership.pk]))
            child = partnership.children.get()
            casework.get(reverse("families:child_detail", args=[child.pk]))

    def queries():
        cache.clear()  # the unusual-access watch counted afresh each time, as at first
        with CaptureQueriesContext(connection) as captured:
            html = trail_as(trail)
        return len(captured), html.count("Partnership: ")

    view_partnerships(3)
    few, named = queries()
    view_partnerships(27)
    many, named_many = queries()
    assert (named, named_many) == (3, 25)
    assert many == few


def test_the_trail_names_an_agreement_and_a_consent_and_links_to_the_agreement(
    client_for, director, coach, birth_parent, agreed
):
    from agreements.models import AgreementVersion, Consent

    version = AgreementVersion.objects.get(partnership=agreed)
    consent = Consent.objects.filter(person=birth_parent.person).first()
    for record in (version, consent):
        AuditEntry.objects.create(
            actor=coach,
            action=Action.VIEWED,
            record_type=record._meta.label_lower,
            record_id=str(record.pk),
        )
    html = trail_as(client_for(director))
    agreement = reverse("agreements:agreement", args=[agreed.pk])
    assert f'<a href="{agreement}">Partnership agreement: Version {version.number}</a>' in html
    assert f'<a href="{agreement}">Consent: {birth_parent.person.full_name} · ' in html
