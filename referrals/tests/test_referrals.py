"""Closed-loop referrals: sent, followed, and counted; each the referred person's own."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from directory.demo import load_directory
from referrals.models import Referral, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(db):
    return {service.name: service for service in load_directory(timezone.localdate())}


def refer(client, partnership, person, service, need="housing", note=""):
    return client.post(
        reverse("referrals:refer"),
        {
            "service": service.pk,
            "who": f"{partnership.pk}-{person.pk}",
            "need": need,
            "note": note,
        },
        follow=True,
    )


def test_the_coach_refers_the_mother_who_follows_it_until_she_got_the_help(
    client_for, coach, birth_parent, partnership, listings, django_capture_on_commit_callbacks
):
    housing = listings["Family Rapid Rehousing"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = refer(
            client_for(coach), partnership, birth_parent.person, housing, note="Ask for Denise."
        )
    assert "Referral sent." in page.content.decode()
    referral = Referral.objects.get()
    assert (referral.status, referral.need, referral.created_by_id) == ("sent", "housing", coach.pk)
    # She hears there is something new, never what: no service, no need, no note.
    (notice,) = mail.outbox
    assert notice.to == [birth_parent.email]
    assert "Rehousing" not in notice.body + notice.subject and "Denise" not in notice.body

    mother = client_for(birth_parent)
    mine = mother.get(reverse("referrals:mine")).content.decode()
    assert "Family Rapid Rehousing" in mine
    assert "Ask for Denise." in mother.get(referral.get_absolute_url()).content.decode()
    for status in ("contacted", "accepted", "received"):
        mother.post(reverse("referrals:update", args=[referral.pk]), {"status": status})
    referral.refresh_from_db()
    assert referral.status == "received"
    assert list(referral.steps.values_list("status", flat=True)) == [
        "sent",
        "contacted",
        "accepted",
        "received",
    ]
    assert (
        AuditEntry.objects.filter(record_type="referrals.referral", action=Action.CHANGED).count()
        == 3
    )


def test_the_partner_home_never_sees_the_birth_mother_s_referrals(
    client_for, coach, birth_parent, partner_parent, partnership, listings
):
    refer(
        client_for(coach),
        partnership,
        birth_parent.person,
        listings["Family Counseling"],
        "counseling",
    )
    referral = Referral.objects.get()
    other_home = client_for(partner_parent)
    assert other_home.get(referral.get_absolute_url()).status_code == 404
    assert "Family Counseling" not in other_home.get(reverse("referrals:mine")).content.decode()
    other_home.post(reverse("referrals:update", args=[referral.pk]), {"status": "declined"})
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_an_outsider_cannot_refer_someone_from_another_partnership(
    client_for, other_coach, other_partnership, birth_parent, partnership, listings
):
    page = refer(
        client_for(other_coach), partnership, birth_parent.person, listings["Family Counseling"]
    )
    assert page.status_code == 400 and not Referral.objects.exists()


def test_a_mother_keeps_track_of_a_service_she_found_herself(
    client_for, birth_parent, partnership, listings
):
    pantry = listings["Saturday Food Pantry"]
    page = client_for(birth_parent).get(pantry.get_absolute_url()).content.decode()
    assert "Add to my referrals" in page
    refer(client_for(birth_parent), partnership, birth_parent.person, pantry, need="food")
    referral = Referral.objects.get()
    assert (
        referral.person_id == birth_parent.person.pk and referral.created_by_id == birth_parent.pk
    )


def test_a_finished_referral_does_not_go_back(
    client_for, coach, birth_parent, partnership, listings
):
    refer(client_for(coach), partnership, birth_parent.person, listings["Family Counseling"])
    referral = Referral.objects.get()
    client = client_for(coach)
    client.post(reverse("referrals:update", args=[referral.pk]), {"status": "declined"})
    client.post(reverse("referrals:update", args=[referral.pk]), {"status": "contacted"})
    referral.refresh_from_db()
    assert referral.status == "declined" and referral.steps.count() == 2


def test_a_referral_that_sits_a_week_comes_up_on_the_coach_s_today(
    client_for, coach, birth_parent, partnership, listings
):
    refer(client_for(coach), partnership, birth_parent.person, listings["Family Counseling"])
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert "Referral waiting" not in home
    Referral.objects.update(status_on=timezone.localdate() - timedelta(days=8))
    home = client_for(coach).get(reverse("home:home")).content.decode()
    assert "Referral waiting" in home and "Family Counseling" in home
    mother_home = client_for(birth_parent).get(reverse("home:home")).content.decode()
    assert "Did you reach them?" in mother_home


def test_the_director_reads_outcomes_per_need_and_per_service_in_fixed_queries(
    client_for, director, coach, birth_parent, partnership, listings
):
    counts = []
    for n in (1, 6):
        for _ in range(n):
            refer(
                client_for(coach),
                partnership,
                birth_parent.person,
                listings["Family Counseling"],
                "counseling",
            )
        Referral.objects.filter(pk=Referral.objects.latest("pk").pk).update(status=Status.RECEIVED)
        reader = client_for(director)
        with CaptureQueriesContext(connection) as queries:
            page = reader.get(reverse("referrals:figures"))
        counts.append(len(queries))
    text = page.content.decode()
    assert "Counseling" in text and "29%" in text  # 2 of 7 received
    assert counts[0] == counts[1]


def test_a_foster_mother_who_also_coaches_still_never_sees_the_other_home_s_referrals(
    client_for, coach, birth_parent, partner_parent, partnership, listings
):
    from django.contrib.auth.models import Group

    from accounts.models import Role, User

    refer(client_for(coach), partnership, birth_parent.person, listings["Family Counseling"])
    referral = Referral.objects.get()
    partner_parent.groups.add(Group.objects.get(name=Role.COACH))
    both = User.objects.get(pk=partner_parent.pk)
    assert client_for(both).get(referral.get_absolute_url()).status_code == 404
    page = client_for(both).get(listings["Family Counseling"].get_absolute_url()).content.decode()
    assert "Refer someone" not in page or birth_parent.person.first_name not in page


def test_a_closed_partnership_s_referrals_stay_as_they_ended(
    client_for, coach, birth_parent, partnership, listings
):
    from partnerships.models import Partnership

    refer(client_for(coach), partnership, birth_parent.person, listings["Family Counseling"])
    referral = Referral.objects.get()
    Partnership.objects.filter(pk=partnership.pk).update(stage="closed")
    for person in (coach, birth_parent):
        client_for(person).post(
            reverse("referrals:update", args=[referral.pk]), {"status": "contacted"}
        )
    referral.refresh_from_db()
    assert referral.status == "sent"
    page = client_for(coach).get(referral.get_absolute_url()).content.decode()
    assert "What happened next?" not in page


def test_a_referral_that_sits_a_week_asks_the_parent_once_how_it_went(
    client_for, coach, birth_parent, partnership, listings, django_capture_on_commit_callbacks
):
    from referrals.reminders import nudges_send

    refer(client_for(coach), partnership, birth_parent.person, listings["Family Counseling"])
    referral = Referral.objects.get()
    today = timezone.localdate()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(today=today + timedelta(days=6)) == 0
        assert nudges_send(today=today + timedelta(days=7)) == 1
        assert nudges_send(today=today + timedelta(days=8)) == 0
    (notice,) = mail.outbox
    assert notice.to == [birth_parent.email]
    assert "Counseling" not in notice.subject + notice.body
    assert referral.get_absolute_url() in notice.body
    # A new status that sits a week asks again.
    Referral.objects.filter(pk=referral.pk).update(
        status=Status.CONTACTED, status_on=today + timedelta(days=8)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(today=today + timedelta(days=15)) == 1
