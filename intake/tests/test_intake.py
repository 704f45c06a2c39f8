import re
import secrets
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from families.models import BirthFamily, PartnerHome, Person
from home.testing import PersonFactory
from intake.models import ContactAttempt, Submission
from partnerships.models import Stage

pytestmark = pytest.mark.django_db


def started(seconds_ago: int = 0) -> str:
    """A stamp like the one the form carries, made `seconds_ago`, with a fresh nonce."""

    class Signer(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - seconds_ago)

    return Signer(salt="intake.form-started").sign(secrets.token_hex(16))


def interest(**overrides):
    data = {
        "kind": "birth_parent",
        "first_name": "Lucía",
        "last_name": "Paz",
        "phone": "(512) 555-0131",
        "email": "lucia@example.net",
        "language": "es",
        "county": "Travis",
        "children_ages": "2 y 5",
        "case_stage": "just_removed",
        "heard_from": "caseworker",
        "consent": "on",
        "website": "",
        "started": started(),
    }
    data.update(overrides)
    return data


def test_a_visitor_sends_the_interest_form_and_is_told_by_when_in_their_language(client, coach):
    response = client.post(
        reverse("intake:interest"), interest(), HTTP_ACCEPT_LANGUAGE="es", follow=True
    )
    page = response.content.decode()
    assert "Gracias. Recibimos su formulario." in page
    submission = Submission.objects.get()
    assert submission.phone == "+15125550131"
    assert submission.due_at > submission.received_at
    assert response.context["due_at"] == submission.due_at
    acknowledgment, notice = sorted(mail.outbox, key=lambda m: m.to != ["lucia@example.net"])
    assert acknowledgment.to == ["lucia@example.net"] and "Recibimos" in acknowledgment.subject
    assert notice.to == [coach.email]
    assert AuditEntry.objects.get(record_type="intake.submission").action == Action.CREATED
    assert "Lucía" not in notice.body and "Paz" not in notice.body and "Travis" not in notice.body


def test_a_form_without_a_way_to_reach_them_is_refused_and_keeps_what_was_typed(client):
    response = client.post(reverse("intake:interest"), interest(phone="", email=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give us a phone number or an e-mail" in page
    assert 'value="Lucía"' in page and 'value="Travis"' in page
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("phone", "12", "Enter a phone number we can call"),
        ("email", "not-an-email", "Enter a valid email address"),
        ("consent", "", "We can only reach out if you say yes"),
        ("kind", "", "This field is required"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_creates_nothing(client, field, value, message):
    response = client.post(reverse("intake:interest"), interest(**{field: value}))
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_a_filled_honeypot_looks_accepted_but_keeps_nothing(client):
    response = client.post(reverse("intake:interest"), interest(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == reverse("intake:thanks")
    assert not Submission.objects.exists() and mail.outbox == []


def test_a_form_sent_back_faster_than_a_person_types_is_not_kept(client, settings):
    settings.INTAKE_MINIMUM_SECONDS = 60
    response = client.post(reverse("intake:interest"), interest())
    assert "very fast" in response.content.decode()
    assert 'value="Lucía"' in response.content.decode()
    assert not Submission.objects.exists()


def test_an_altered_form_timestamp_is_refused(client):
    response = client.post(reverse("intake:interest"), interest(started="forged:stamp"))
    assert "Please send the form again" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_same_form_sent_twice_is_kept_once(client):
    data = interest()
    assert client.post(reverse("intake:interest"), data).status_code == 302
    again = client.post(reverse("intake:interest"), data)
    assert again.status_code == 302 and again["Location"] == reverse("intake:thanks")
    assert Submission.objects.count() == 1


def test_a_form_left_open_too_long_can_be_sent_again_without_retyping(client):
    first = client.post(reverse("intake:interest"), interest(started=started(25 * 3600)))
    page = first.content.decode()
    assert "open for a long time" in page and 'value="Lucía"' in page
    fresh = re.search(r'name="started" value="([^"]+)"', page).group(1)
    assert client.post(reverse("intake:interest"), interest(started=fresh)).status_code == 302
    assert Submission.objects.get().first_name == "Lucía"


def test_one_address_can_send_only_a_few_forms_an_hour(client, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 3
    for _ in range(3):
        assert client.post(reverse("intake:interest"), interest()).status_code == 302
    response = client.post(reverse("intake:interest"), interest())
    assert response.status_code == 429
    assert "several forms from this connection" in response.content.decode()
    assert Submission.objects.count() == 3
    other = client.post(reverse("intake:interest"), interest(), REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_the_contact_form_lands_in_the_same_queue(client, client_for, coach):
    client.post(
        reverse("intake:contact"),
        {
            "first_name": "Sam",
            "email": "sam@example.net",
            "language": "en",
            "message": "Do you work in Hays county?",
            "consent": "on",
            "started": started(),
        },
    )
    submission = Submission.objects.get()
    assert submission.source == "contact" and submission.kind == "other"
    queue = client_for(coach).get(reverse("intake:queue")).content.decode()
    assert "Sam" in queue


def make_submission(**fields) -> Submission:
    defaults = {
        "kind": "birth_parent",
        "first_name": "Ana",
        "phone": "+15125550100",
        "due_at": timezone.now() + timedelta(days=2),
        "sender": "test",
    }
    return Submission.objects.create(**{**defaults, **fields})


def test_the_queue_shows_the_most_overdue_first_and_filters_by_kind_and_county(client_for, coach):
    now = timezone.now()
    later = make_submission(first_name="Later", due_at=now + timedelta(days=1), county="Travis")
    overdue = make_submission(first_name="Overdue", due_at=now - timedelta(hours=5), county="Hays")
    home = make_submission(first_name="Home", kind="partner_parent", due_at=now, county="Travis")
    make_submission(first_name="Closed", closed_at=now, outcome="enrolled")
    client = client_for(coach)
    page = client.get(reverse("intake:queue"))
    assert list(page.context["page"].object_list) == [overdue, home, later]
    assert "Overdue: was due" in page.content.decode()
    by_kind = client.get(reverse("intake:queue"), {"kind": "partner_parent"})
    assert list(by_kind.context["page"].object_list) == [home]
    by_county = client.get(reverse("intake:queue"), {"county": "travis"})
    assert list(by_county.context["page"].object_list) == [home, later]


def test_logging_an_attempt_records_first_contact_and_closing_takes_it_off_the_queue(
    client_for, coach
):
    submission = make_submission()
    client = client_for(coach)
    client.post(reverse("intake:attempt", args=[submission.pk]), {"method": "no_answer"})
    client.post(reverse("intake:attempt", args=[submission.pk]), {"method": "voicemail"})
    too_soon = client.post(
        reverse("intake:close", args=[submission.pk]), {"outcome": "no_response"}
    )
    assert "Try at least 3 times" in too_soon.content.decode()
    client.post(reverse("intake:attempt", args=[submission.pk]), {"method": "texted"})
    submission.refresh_from_db()
    first = ContactAttempt.objects.order_by("made_at", "pk").first()
    assert submission.first_contact_at == first.made_at
    assert submission.assigned_to_id == coach.pk
    client.post(reverse("intake:close", args=[submission.pk]), {"outcome": "no_response"})
    submission.refresh_from_db()
    assert submission.outcome == "no_response" and submission.closed_at is not None
    assert submission not in client.get(reverse("intake:queue")).context["page"].object_list
    assert (
        AuditEntry.objects.filter(record_type="intake.submission", action=Action.CHANGED).count()
        == 4
    )


def test_a_coach_assigns_a_form_to_another_coach(client_for, coach, other_coach):
    submission = make_submission()
    client_for(coach).post(
        reverse("intake:assign", args=[submission.pk]), {"coach": other_coach.pk}
    )
    submission.refresh_from_db()
    assert submission.assigned_to_id == other_coach.pk


def test_a_birth_parents_form_becomes_a_family_and_a_referred_partnership_without_retyping(
    client_for, coach
):
    submission = make_submission(
        first_name="Lucía", last_name="Paz", language="es", email="lucia@example.net", texts_ok=True
    )
    response = client_for(coach).post(
        reverse("intake:convert", args=[submission.pk]), {"name": "Paz family", "coach": coach.pk}
    )
    assert response.status_code == 302
    submission = Submission.objects.select_related("person", "partnership").get()
    person = submission.person
    assert (
        person.first_name,
        person.last_name,
        person.phone,
        person.email,
        person.language,
        person.texts_ok,
    ) == ("Lucía", "Paz", "+15125550100", "lucia@example.net", "es", True)
    assert submission.partnership.stage == Stage.REFERRED
    assert BirthFamily.objects.get(name="Paz family").parents.get() == person


def test_a_caseworkers_referral_becomes_a_family_without_making_the_caseworker_its_parent(
    client_for, coach
):
    submission = make_submission(
        kind="referral", first_name="Dana", last_name="Cruz", email="dana.cruz@county.example"
    )
    response = client_for(coach).post(
        reverse("intake:convert", args=[submission.pk]), {"name": "Ruiz family", "coach": coach.pk}
    )
    assert response.status_code == 302
    submission = Submission.objects.select_related("partnership__birth_family").get()
    family = submission.partnership.birth_family
    assert family.name == "Ruiz family" and not family.parents.exists()
    assert submission.person_id is None and submission.partnership.stage == Stage.REFERRED
    assert not Person.objects.filter(email="dana.cruz@county.example").exists()


def test_a_foster_parents_form_becomes_a_partner_home(client_for, coach):
    submission = make_submission(kind="partner_parent", first_name="Grace", last_name="Okoye")
    client_for(coach).post(
        reverse("intake:convert", args=[submission.pk]), {"name": "Okoye home", "coach": coach.pk}
    )
    home = PartnerHome.objects.get(name="Okoye home")
    assert home.parents.get().first_name == "Grace"
    assert Submission.objects.get().person_id == home.parents.get().pk


def test_a_form_from_someone_already_known_says_so_and_offers_to_link(
    client_for, coach, birth_parent, partnership
):
    known = birth_parent.person
    known.phone = "+15125550100"
    known.save()
    stranger = PersonFactory(phone="+15125550100")  # same phone, but no family a coach sees
    submission = make_submission(phone="+15125550100")
    client = client_for(coach)
    page = client.get(reverse("intake:detail", args=[submission.pk])).content.decode()
    assert "We may already know this person" in page and known.full_name in page
    assert stranger.full_name not in page
    client.post(reverse("intake:link", args=[submission.pk]), {"person": known.pk})
    assert Submission.objects.get().person_id == known.pk


def test_overdue_forms_are_highlighted_on_the_coach_and_director_home_pages(
    client_for, coach, director
):
    make_submission(due_at=timezone.now() - timedelta(hours=1))
    make_submission(due_at=timezone.now() + timedelta(hours=1))
    for person in (coach, director):
        page = client_for(person).get(reverse("home:home")).content.decode()
        assert "1 interest form is past the two-day promise" in page


def test_the_director_sees_time_to_first_contact_and_the_share_within_the_promise(
    client_for, director, coach
):
    now = timezone.now()
    kept = make_submission(due_at=now + timedelta(days=1))
    missed = make_submission(due_at=now - timedelta(hours=1))
    make_submission(due_at=now - timedelta(hours=1))  # never contacted: the promise was missed
    Submission.objects.filter(pk=kept.pk).update(first_contact_at=F_received(kept, hours=4))
    Submission.objects.filter(pk=missed.pk).update(first_contact_at=now)
    figures = client_for(director).get(reverse("intake:figures")).context["figures"]
    assert figures["promise_counted"] == 3
    assert figures["promise_kept_share"] == 33
    assert figures["median_to_contact"] is not None
    assert sum(row["n"] for row in figures["per_week"]) == 3


def F_received(submission, *, hours):
    return Submission.objects.values_list("received_at", flat=True).get(
        pk=submission.pk
    ) + timedelta(hours=hours)


def test_viewing_a_form_is_audited(client_for, coach):
    submission = make_submission()
    client_for(coach).get(reverse("intake:detail", args=[submission.pk]))
    assert AuditEntry.objects.filter(
        record_type="intake.submission", record_id=str(submission.pk), action=Action.VIEWED
    ).exists()


def test_visitors_see_the_program_overview_with_the_principles_of_partnership(client):
    page = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Principles of partnership" in page and reverse("intake:interest") in page


def test_the_form_offers_the_visitors_own_language_first(client):
    response = client.get(reverse("intake:interest"), HTTP_ACCEPT_LANGUAGE="es")
    assert response.context["form"]["language"].value() == "es"
