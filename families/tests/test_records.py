"""A family's records: the director's export, the path to correcting them, and closing
them after the retention period, end to end with the files on disk (decision 0019)."""

import csv
import io
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aboutme.models import Entry
from aftercare.models import FollowUp
from agreements.models import Consent, Purpose
from assistance.models import AssistanceRequest, Document
from audit.models import Action, AuditEntry
from caseplan.models import Contact
from conversations.models import Conversation, Message
from families.models import BirthFamily, PermanencyEvent, Person
from families.retention import closure_holds, families_due, family_records_close
from home.testing import partnership_for
from journal.models import Photo, Post
from journal.tests.images import PDF, jpeg_with_gps
from partnerships.models import Partnership, Stage
from transition.models import Item, Plan, Step
from village.env import env_int

YEARS_AGO = date.today() - timedelta(days=8 * 366)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


SECRETS = ["Xiomara", "Quintanilla", "arroz con leche", "first tooth", "brakes for Beatriz"]


@pytest.fixture
def held(coach, birth_parent, partner_parent):
    """A family whose partnership closed eight years ago, with a photo and a quote on disk
    and words about its child in every part of the record."""
    partnership = partnership_for(
        coach=coach,
        birth_parent=birth_parent,
        partner_parent=partner_parent,
        stage=Stage.CLOSED,
        since=YEARS_AGO,
    )
    family = partnership.birth_family
    BirthFamily.objects.filter(pk=family.pk).update(
        name="The Quintanilla family", created_at=_at(YEARS_AGO - timedelta(days=400))
    )
    Person.objects.filter(pk=birth_parent.person.pk).update(last_name="Quintanilla")
    child = partnership.children.get()
    child.first_name, child.last_name = "Xiomara", "Quintanilla"
    child.save()
    post = Post.objects.create(
        partnership=partnership,
        author=birth_parent,
        side="birth",
        text="Xiomara lost her first tooth <script>alert(1)</script>",
        status="published",
    )
    photo = Photo(post=post, width=64, height=48, description="Xiomara at the park")
    photo.large.save("large.jpg", ContentFile(jpeg_with_gps()), save=False)
    photo.small.save("small.jpg", ContentFile(jpeg_with_gps((16, 12))), save=False)
    photo.save()
    Post.objects.create(
        partnership=partnership,
        author=coach,
        side="coach",
        text="=HYPERLINK(1)",
        status="published",
    )
    help_ = AssistanceRequest.objects.create(
        partnership=partnership,
        need="car_repair",
        amount=Decimal("400.00"),
        payee="Eastside Auto",
        due_on=YEARS_AGO,
        purpose="New brakes for Beatriz Quintanilla",
        created_by=coach,
    )
    document = Document(
        request=help_,
        kind="quote",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=coach,
    )
    document.file.save("quote.pdf", ContentFile(PDF), save=False)
    document.save()
    Entry.objects.create(
        child=child,
        topic="foods",
        author="birth",
        text="Arroz con leche",
        language="es",
        written_by=birth_parent,
    )
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    Message.objects.create(conversation=conversation, author=birth_parent, text="Xiomara is ok")
    Contact.objects.create(
        partnership=partnership,
        kind="check_in",
        medium="phone",
        happened_on=YEARS_AGO,
        minutes=45,
        notes="Xiomara asked for her mother",
        coach=coach,
    )
    FollowUp.objects.create(
        partnership=partnership,
        due_on=YEARS_AGO,
        done_on=YEARS_AGO,
        housing="steady",
        concerns="Quintanilla rent is late",
    )
    PermanencyEvent.objects.create(
        child=child,
        kind="reunified",
        occurred_on=YEARS_AGO,
        note="Xiomara home",
        recorded_by=coach,
    )
    Consent.objects.create(
        partnership=partnership,
        person=birth_parent.person,
        purpose=Purpose.OTHER_HOME,
        given=True,
    )
    plan = Plan.objects.create(partnership=partnership, reason="coach", opened_by=coach)
    Step.objects.create(
        plan=plan, kind="overnight", on=YEARS_AGO, who="birth", note="Xiomara sleeps at home"
    )
    Item.objects.create(
        plan=plan,
        child=child,
        area="comfort",
        side="birth",
        text="Xiomara's blanket",
        note="The Quintanilla quilt",
        done_on=YEARS_AGO,
    )
    return partnership, photo, document


def test_a_director_downloads_everything_held_about_a_family_files_included(
    client_for, director, held
):
    partnership, photo, document = held
    family = partnership.birth_family
    page = client_for(director).get(reverse("families:records", args=[family.pk]))
    assert "Download everything we hold" in page.content.decode()
    # The path to correcting each part: the existing edit pages.
    assert reverse("families:child_edit", args=[partnership.children.get().pk]) in (
        page.content.decode()
    )

    response = client_for(director).post(reverse("families:records_download", args=[family.pk]))

    assert response["Content-Disposition"].startswith("attachment")
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = zipped.namelist()
    index = zipped.read("index.html").decode()
    assert "Xiomara" in index and "Xiomara lost her first tooth" in index
    assert "<script>alert" not in index and "&lt;script&gt;" in index
    assert "http" not in index  # nothing fetched from outside: it opens offline
    children = list(csv.reader(io.StringIO(zipped.read("children.csv").decode("utf-8-sig"))))
    assert [children[0][1], children[1][1]] == ["first_name", "Xiomara"]
    journal = zipped.read("journal.csv").decode("utf-8-sig")
    assert "Xiomara lost her first tooth" in journal
    assert "'=HYPERLINK(1)" in journal and ",=HYPERLINK" not in journal
    (photo_name,) = [name for name in names if name.startswith("files/photos/")]
    with photo.large.open("rb") as stored:
        assert zipped.read(photo_name) == stored.read()
    (document_name,) = [name for name in names if name.startswith("files/assistance/")]
    assert zipped.read(document_name) == PDF
    assert AuditEntry.objects.filter(
        actor=director, action=Action.VIEWED, record_id=str(family.pk), fields=["export"]
    ).exists()


def test_the_export_reads_in_the_family_s_language(client_for, director, held, birth_parent):
    Person.objects.filter(pk=birth_parent.person.pk).update(language="es")
    family = held[0].birth_family
    response = client_for(director).post(reverse("families:records_download", args=[family.pk]))
    index = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("index.html")
    assert '<html lang="es">' in index.decode()


def _rows_mentioning(secrets: list[str]) -> list[str]:
    """Every row of every table that still says one of `secrets` in a text column."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            says = Q()
            for secret in secrets:
                says |= Q(**{f"{field.name}__icontains": secret})
            hits = model._base_manager.filter(says).values_list("pk", flat=True)
            found += [f"{model._meta.label}.{field.name}#{pk}" for pk in hits]
    return found


def test_closing_a_family_after_retention_anonymises_it_and_deletes_its_files(
    client_for, director, held, birth_parent, partner_parent, django_capture_on_commit_callbacks
):
    partnership, photo, document = held
    family = partnership.birth_family
    files = [
        (photo.large.storage, photo.large.name),
        (photo.small.storage, photo.small.name),
        (document.file.storage, document.file.name),
    ]
    assert all(storage.exists(name) for storage, name in files)
    assert len(_rows_mentioning(["Xiomara"])) > 5  # the search finds what is there
    home_before = partnership.partner_home.name, partnership.partner_home.address
    parent_s_phone = Client()
    parent_s_phone.force_login(birth_parent)
    assert parent_s_phone.get(reverse("accounts:settings")).status_code == 200
    url = reverse("families:records_close", args=[family.pk])
    page = client_for(director).get(url)
    assert "This cannot be undone." in page.content.decode()
    wrong = client_for(director).post(
        url, {"family_name": "Another family", "reason": "Seven years", "understood": "on"}
    )
    assert wrong.status_code == 200 and not BirthFamily.objects.get(pk=family.pk).records_closed_at

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(director).post(
            url,
            {"family_name": "the quintanilla family", "reason": "Seven years", "understood": "on"},
        )

    assert response.status_code == 302
    assert not any(storage.exists(name) for storage, name in files)
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not Document.objects.filter(pk=document.pk).exists()
    assert _rows_mentioning([*SECRETS, birth_parent.email]) == []
    # What the figures count is still there, without names.
    assert Partnership.objects.filter(pk=partnership.pk, stage=Stage.CLOSED).exists()
    assert Post.objects.filter(partnership=partnership).count() == 2
    assert Contact.objects.get(partnership=partnership).minutes == 45
    assert FollowUp.objects.get(partnership=partnership).housing == "steady"
    assert PermanencyEvent.objects.get(child__birth_family=family).kind == "reunified"
    assert AssistanceRequest.objects.get(partnership=partnership).amount == Decimal("400.00")
    assert Consent.objects.get(partnership=partnership).given
    assert Step.objects.get(plan__partnership=partnership).on == YEARS_AGO
    assert Item.objects.get(plan__partnership=partnership).done_on == YEARS_AGO
    assert partnership.children.get().birth_date.year == 2018
    # The family's account no longer signs in; the partner home is untouched.
    birth_parent.refresh_from_db()
    assert not birth_parent.is_active and birth_parent.email.endswith("@closed.invalid")
    assert parent_s_phone.get(reverse("accounts:settings")).status_code == 302  # signed out
    partner_parent.refresh_from_db()
    assert (
        partner_parent.is_active and Person.objects.get(user=partner_parent).first_name == "Paula"
    )
    home = partnership.partner_home
    home.refresh_from_db()
    assert (home.name, home.address) == home_before
    entry = AuditEntry.objects.get(action=Action.REMOVED, record_id=str(family.pk))
    assert entry.actor_id == director.pk and "journal.post.text" in entry.fields
    assert "journal.photo.*" in entry.fields
    # Closed is closed: it is not due again, and says so.
    assert families_due() == []
    assert "closed on" in closure_holds(BirthFamily.objects.get(pk=family.pk))[0]


def test_a_family_with_an_open_partnership_is_never_closed(client_for, director, partnership):
    family = partnership.birth_family
    BirthFamily.objects.filter(pk=family.pk).update(created_at=_at(YEARS_AGO))
    page = client_for(director).post(
        reverse("families:records_close", args=[family.pk]),
        {"family_name": family.name, "reason": "Mistake", "understood": "on"},
    )
    assert "A partnership of this family is still open: close it first." in page.content.decode()
    with pytest.raises(ValidationError):
        family_records_close(actor=director, family=family)
    assert BirthFamily.objects.get(pk=family.pk).records_closed_at is None


def test_records_are_kept_until_the_retention_period_is_over(coach, director):
    recent = partnership_for(coach=coach, stage=Stage.CLOSED, since=date.today())
    (hold,) = closure_holds(recent.birth_family)
    assert hold.startswith("The program keeps these records until")
    assert families_due() == []


def test_the_scheduled_closing_lists_first_then_closes(held, capsys):
    family = held[0].birth_family
    call_command("close_due_families", "--dry-run")
    assert f"Due: family {family.pk}" in capsys.readouterr().out
    assert BirthFamily.objects.get(pk=family.pk).records_closed_at is None
    call_command("close_due_families")
    closed = BirthFamily.objects.get(pk=family.pk)
    assert closed.records_closed_at is not None and closed.name == f"#{family.pk}"
    assert AuditEntry.objects.get(action=Action.REMOVED, record_id=str(family.pk)).actor_id is None


def test_a_retention_period_that_is_not_a_whole_number_of_years_fails_loudly(monkeypatch):
    monkeypatch.setenv("VILLAGE_RETENTION_YEARS", "seven")
    with pytest.raises(ImproperlyConfigured):
        env_int("VILLAGE_RETENTION_YEARS", 7, minimum=1)
