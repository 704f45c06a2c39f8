"""The letter to an employer: the court's dates of a period, and nothing else of the case."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from audit.models import AuditEntry
from letters.dates import court_dates
from letters.models import Letter
from letters.services import letter_approve, letter_create
from schedule.forms import EventForm
from schedule.models import Change, Event

pytestmark = pytest.mark.django_db

#: A Monday well ahead, so the dates fall inside the form's bounds whatever today is.
MONDAY = timezone.localdate() + timedelta(days=(7 - timezone.localdate().weekday()) % 7 + 7)
SECRETS = (
    "Termination review",
    "Courtroom 4B",
    "Travis County",
    "Dentist",
    "Counseling",
    "Eastside",
    "Review hearing",
    "Supervised",
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def calendar(partnership, coach):
    """A hearing, weekly court-ordered counseling (one date cancelled, one moved), a
    dentist visit the court did not order, and the partner home's own appointment."""
    hearing = Event.objects.create(
        partnership=partnership,
        kind="court",
        title="Review hearing",
        starts_at=_at(MONDAY + timedelta(days=1), 9, 30),
        minutes=60,
        place="court",
        court_room="Travis County Courthouse, Courtroom 4B",
        hearing_type="Termination review",
        created_by=coach,
    )
    counseling = Event.objects.create(
        partnership=partnership,
        kind="appointment",
        title="Counseling",
        attendees="birth",
        starts_at=_at(MONDAY + timedelta(days=3), 11),
        minutes=50,
        repeat="FREQ=WEEKLY",
        place="other",
        place_detail="Eastside Family Counseling",
        court_ordered=True,
        created_by=coach,
    )
    Change.objects.create(
        event=counseling, occurrence=_at(MONDAY + timedelta(days=10), 11), changed_by=coach
    )
    Change.objects.create(
        event=counseling,
        occurrence=_at(MONDAY + timedelta(days=17), 11),
        moved_to=_at(MONDAY + timedelta(days=18), 15),
        changed_by=coach,
    )
    Event.objects.create(
        partnership=partnership,
        kind="appointment",
        title="Dentist",
        attendees="birth",
        starts_at=_at(MONDAY + timedelta(days=2), 8),
        place="other",
        created_by=coach,
    )
    Event.objects.create(
        partnership=partnership,
        kind="appointment",
        title="Supervised home study",
        attendees="partner",
        starts_at=_at(MONDAY + timedelta(days=4), 8),
        place="other",
        created_by=coach,
    )
    return hearing, counseling


def _letter(partnership, birth_parent, **data) -> Letter:
    partnership.refresh_from_db()
    partnership = (
        type(partnership).objects.select_related("birth_family", "coach").get(pk=partnership.pk)
    )
    return letter_create(
        actor=birth_parent,
        partnership=partnership,
        person=birth_parent.person,
        data={
            "starts_on": MONDAY,
            "ends_on": MONDAY + timedelta(days=20),
            "language": "en",
            "addressed_to": "",
            "name_children": False,
            **data,
        },
    )


def test_the_letter_lists_each_court_date_cancelled_ones_left_out_moved_ones_at_their_new_time(
    partnership, calendar
):
    found = court_dates(partnership, start=MONDAY, end=MONDAY + timedelta(days=20))
    assert [(d.starts_at, d.kind) for d in found] == [
        (_at(MONDAY + timedelta(days=1), 9, 30), "hearing"),
        (_at(MONDAY + timedelta(days=3), 11), "ordered"),
        # The next week's was cancelled; the one after moved to the Friday afternoon.
        (_at(MONDAY + timedelta(days=18), 15), "ordered"),
    ]


def _pango_here() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


def _pdf_text(response) -> str:
    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.skipif(not _pango_here(), reason="WeasyPrint needs Pango, missing here")
@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            ["Court hearing", "Court-ordered appointment", "To whom it may concern", "Sincerely"],
        ),
        (
            "es",
            ["Audiencia en el tribunal", "Cita ordenada por el tribunal", "A quien corresponda"],
        ),
    ],
)
@override_settings(
    PROGRAM_NAME="Partners in Permanency",
    PROGRAM_PHONE="(512) 555-0100",
    PROGRAM_EMAIL="hello@partners.example",
)
def test_the_employer_letter_s_pdf_holds_the_court_dates_in_its_language_and_nothing_else(
    client_for, partnership, birth_parent, partner_parent, calendar, language, said
):
    letter = _letter(partnership, birth_parent, language=language)
    letter_approve(actor=birth_parent, letter=letter)
    response = client_for(birth_parent).get(reverse("letters:letter_pdf", args=[letter.pk]))
    assert response.status_code == 200
    text = _pdf_text(response)
    for words in said:
        assert words in text, words
    assert "Partners in Permanency" in text and "(512) 555-0100" in text
    assert "hello@partners.example" in text
    assert birth_parent.person.full_name in text
    with translation.override(language):
        days = [
            date_format(
                MONDAY + timedelta(days=n),
                "l, F j, Y" if language == "en" else r"l j \d\e F \d\e Y",
            )
            for n in (1, 3, 18)
        ]
    for day in days:
        assert day in text, day
    # Nothing else of the case: no hearing type, no courtroom, no other appointment, no
    # event's name, not the other home, no child.
    for secret in SECRETS:
        assert secret not in text, secret
    assert partner_parent.person.first_name not in text
    for child in partnership.children.all():
        assert child.first_name not in text
    family = type(partnership).objects.values_list("birth_family__name", flat=True)
    assert family.get(pk=partnership.pk) not in text


@pytest.mark.skipif(not _pango_here(), reason="WeasyPrint needs Pango, missing here")
def test_the_children_are_named_by_their_first_names_only_when_the_parent_ticks_it(
    client_for, partnership, birth_parent, calendar
):
    letter = _letter(partnership, birth_parent, name_children=True)
    letter_approve(actor=birth_parent, letter=letter)
    text = _pdf_text(client_for(birth_parent).get(reverse("letters:letter_pdf", args=[letter.pk])))
    children = list(partnership.children.all())
    for child in children:
        assert child.first_name in text
        assert f"{child.first_name} {child.last_name}" not in text
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_letter_page_shows_the_dates_and_none_of_the_case(
    client_for, partnership, birth_parent, coach, calendar
):
    letter = _letter(partnership, birth_parent, addressed_to="To the manager at Lakeside Diner")
    page = client_for(coach).get(reverse("letters:letter", args=[letter.pk])).content.decode()
    article = page[page.index("<article") : page.index("</article>")]
    assert "To the manager at Lakeside Diner" in article
    assert "Court hearing" in article and "Court-ordered appointment" in article
    assert "Draft: not yet approved" in article
    for secret in SECRETS:
        assert secret not in article, secret


def test_only_an_approved_letter_prints_and_only_its_parent_approves_it(
    client_for, partnership, birth_parent, coach, partner_parent, calendar
):
    letter = _letter(partnership, birth_parent)
    pdf = reverse("letters:letter_pdf", args=[letter.pk])
    assert client_for(coach).get(pdf).status_code == 404
    assert client_for(birth_parent).get(pdf).status_code == 404
    # The coach cannot approve it for her.
    assert client_for(coach).post(reverse("letters:approve", args=[letter.pk])).status_code == 404
    letter.refresh_from_db()
    assert not letter.approved
    page = client_for(birth_parent).get(letter.get_absolute_url())
    assert page.context["may_approve"]
    client_for(birth_parent).post(reverse("letters:approve", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.approved
    if _pango_here():
        assert client_for(coach).get(pdf).status_code == 200
        assert client_for(birth_parent).get(pdf).status_code == 200
    # The partner home never reaches her letters.
    for url in (letter.get_absolute_url(), pdf, reverse("letters:letters", args=[partnership.pk])):
        assert client_for(partner_parent).get(url).status_code == 404


def test_someone_outside_the_partnership_gets_404_for_every_letter_page(
    client_for, partnership, birth_parent, outsider, other_coach, calendar
):
    letter = _letter(partnership, birth_parent)
    letter_approve(actor=birth_parent, letter=letter)
    urls = [
        reverse("letters:letters", args=[partnership.pk]),
        reverse("letters:letter_new", args=[partnership.pk]),
        letter.get_absolute_url(),
        reverse("letters:letter_pdf", args=[letter.pk]),
    ]
    for person in (outsider, other_coach):
        for url in urls:
            assert client_for(person).get(url).status_code == 404, url
    assert (
        client_for(outsider).post(reverse("letters:approve", args=[letter.pk])).status_code == 404
    )


def test_creating_approving_and_each_view_and_download_of_a_letter_are_audited(
    client_for, partnership, birth_parent, coach, calendar
):
    letter = _letter(partnership, birth_parent)
    mine = AuditEntry.objects.filter(record_type="letters.letter", record_id=str(letter.pk))
    assert mine.filter(action="created", actor=birth_parent).exists()
    client_for(birth_parent).post(reverse("letters:approve", args=[letter.pk]))
    assert mine.filter(action="changed", actor=birth_parent, fields=["approved"]).exists()
    client_for(coach).get(letter.get_absolute_url())
    client_for(coach).get(letter.get_absolute_url())
    assert mine.filter(action="viewed", actor=coach, fields=[]).count() == 2
    if _pango_here():
        client_for(coach).get(reverse("letters:letter_pdf", args=[letter.pk]))
        assert mine.filter(action="viewed", actor=coach, fields=["pdf"]).count() == 1


def test_a_parent_asks_for_a_letter_with_the_form_and_her_coach_signs_it(
    client_for, partnership, birth_parent, coach, calendar
):
    client = client_for(birth_parent)
    form = client.get(reverse("letters:letter_new", args=[partnership.pk])).context["form"]
    response = client.post(
        reverse("letters:letter_new", args=[partnership.pk]),
        {
            "key": form.initial["key"],
            "person": birth_parent.person.pk,
            "starts_on": MONDAY.isoformat(),
            "ends_on": (MONDAY + timedelta(days=20)).isoformat(),
            "language": "es",
            "addressed_to": "Para la gerente de Lakeside Diner",
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == letter.get_absolute_url()
    assert letter.signer_id == coach.pk and letter.person_id == birth_parent.person.pk
    assert letter.language == "es" and not letter.name_children and letter.children == ""
    assert len(letter.dates) == 3


def test_a_period_without_court_dates_and_an_overlong_address_are_refused_in_words(
    client_for, partnership, birth_parent, calendar
):
    client = client_for(birth_parent)
    url = reverse("letters:letter_new", args=[partnership.pk])
    far = MONDAY + timedelta(days=100)
    response = client.post(
        url,
        {
            "person": birth_parent.person.pk,
            "starts_on": (MONDAY - timedelta(days=30)).isoformat(),
            "ends_on": (MONDAY - timedelta(days=1)).isoformat(),
            "language": "en",
        },
    )
    assert "There are no court hearings" in response.content.decode()
    response = client.post(
        url,
        {
            "person": birth_parent.person.pk,
            "starts_on": MONDAY.isoformat(),
            "ends_on": far.isoformat(),
            "language": "en",
            "addressed_to": "x" * 121,
        },
    )
    assert response.context["form"].errors["addressed_to"]
    assert not Letter.objects.exists()


def test_a_coach_cannot_make_a_letter_for_someone_outside_the_birth_family(
    client_for, partnership, partner_parent, coach, calendar
):
    response = client_for(coach).post(
        reverse("letters:letter_new", args=[partnership.pk]),
        {
            "person": partner_parent.person.pk,
            "starts_on": MONDAY.isoformat(),
            "ends_on": (MONDAY + timedelta(days=20)).isoformat(),
            "language": "en",
        },
    )
    assert response.context["form"].errors["person"]
    assert not Letter.objects.exists()


def test_only_an_appointment_keeps_the_court_ordered_tick(partnership, coach):
    data = {
        "kind": "court",
        "title": "Hearing",
        "starts_at": _at(MONDAY, 9).strftime("%Y-%m-%dT%H:%M"),
        "minutes": 60,
        "attendees": "both",
        "place": "court",
        "court_ordered": "on",
    }
    form = EventForm(data, instance=Event(partnership=partnership, created_by=coach))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["court_ordered"] is False
    form = EventForm(
        {**data, "kind": "appointment", "place": "other"},
        instance=Event(partnership=partnership, created_by=coach),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["court_ordered"] is True
