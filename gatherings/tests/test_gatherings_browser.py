"""In the browser: a guest replies in Spanish with two children for childcare, the room
fills, a cancellation gives the place to the first person waiting, and the coach checks
people in at the door on a phone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.tests.browser import PHONE, navigate
from core.tests.browser_fixtures import assert_sound
from gatherings.models import Gathering, Registration, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visitor(chromium, live_server, locale="en-US"):
    page = chromium.new_context(viewport=PHONE, locale=locale).new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
    )
    page.base_url = live_server.url
    return page


def reply(page, gathering, *, name, email, adults="1", button="Send my reply", **labels):
    page.goto(page.base_url + reverse("gatherings:gathering", args=[gathering.pk]))
    page.get_by_label(labels.pop("name_label", "Your name")).fill(name)
    page.get_by_label(labels.pop("email_label", "E-mail")).fill(email)
    page.get_by_label(labels.pop("adults_label", "Adults coming, you included")).fill(adults)
    for label, value in labels.items():
        page.get_by_label(label).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def link_sent_to(email: str) -> str:
    """The path of the reply's link in the last e-mail to `email` (the e-mail names the
    program's address; the test server has its own)."""
    (sent,) = [m for m in mail.outbox if m.to == [email]][-1:]
    return re.search(r"https?://[^/\s]+(/gatherings/reply/\S+/)", sent.body).group(1)


def test_a_guest_replies_in_spanish_the_room_fills_a_place_opens_and_the_door_checks_in(
    sign_in, chromium, live_server
):
    coach_user = get_user_model().objects.get(email="coach@example.org")
    evening = Gathering.objects.create(
        title="Noche de familias",
        starts_at=timezone.now() + timedelta(hours=2),  # the door opens three hours before
        place="St. Mark's Fellowship Hall",
        capacity=3,
        childcare=True,
        created_by=coach_user,
    )

    lucia = visitor(chromium, live_server, locale="es-ES")
    lucia.goto(lucia.base_url + reverse("gatherings:list"))
    expect(lucia.get_by_role("heading", name="Reuniones")).to_be_visible()
    lucia.get_by_role("link", name="Noche de familias").click()
    assert_sound(lucia)
    reply(
        lucia,
        evening,
        name="Lucía Romero",
        email="lucia@example.net",
        button="Enviar mi respuesta",
        name_label="Su nombre",
        email_label="Correo electrónico",
        adults_label="Adultos que vienen, contándole a usted",
        **{"Edades de los niños que necesitan cuidado infantil": "4, 7"},
    )
    expect(lucia.get_by_text("Tiene un lugar. Le enviamos los detalles.")).to_be_visible()
    assert_sound(lucia)
    mine = Registration.objects.get(gathering=evening, name="Lucía Romero")
    assert mine.children_ages == [4, 7] and mine.language == "es"
    assert [m.subject for m in mail.outbox if m.to == ["lucia@example.net"]] == [
        "Tiene un lugar: Noche de familias"
    ]

    tamika = visitor(chromium, live_server)
    reply(tamika, evening, name="Tamika Hayes", email="tamika@example.net", adults="2")
    expect(tamika.get_by_text("You have a place. We sent you the details.")).to_be_visible()

    yesenia = visitor(chromium, live_server)
    yesenia.goto(yesenia.base_url + reverse("gatherings:gathering", args=[evening.pk]))
    expect(yesenia.get_by_text("Full · join the wait-list")).to_be_visible()
    reply(yesenia, evening, name="Yesenia Cruz", email="yesenia@example.net")
    expect(yesenia.get_by_text("you are on the wait-list")).to_be_visible()
    assert Registration.objects.get(gathering=evening, name="Yesenia Cruz").status == Status.WAITING

    # Tamika cannot come after all: she cancels from the link in her confirmation.
    tamika.goto(tamika.base_url + link_sent_to("tamika@example.net"))
    assert_sound(tamika)
    with tamika.expect_navigation():
        tamika.get_by_role("button", name="Cancel my reply").click()
    expect(tamika.get_by_text("Your reply is cancelled.")).to_be_visible()
    assert (
        Registration.objects.get(gathering=evening, name="Yesenia Cruz").status == Status.CONFIRMED
    )
    assert any("A place opened for you" in m.subject for m in mail.outbox)
    yesenia.goto(yesenia.base_url + link_sent_to("yesenia@example.net"))
    expect(yesenia.get_by_text("You have a place")).to_be_visible()

    coach = sign_in("coach@example.org")
    navigate(coach, "Gatherings")
    coach.get_by_role("link", name="Noche de familias").click()
    assert_sound(coach)
    organizer = coach.locator("main").inner_text()
    assert "2 / 3" in organizer and "Lucía Romero" in organizer
    coach.get_by_role("link", name="Check people in").click()
    assert_sound(coach)
    coach.get_by_label("Find a name").fill("Lucía")
    expect(coach.get_by_text("Yesenia Cruz")).to_have_count(0)
    coach.get_by_role("button", name="Check in Lucía Romero").click()
    expect(coach.get_by_role("button", name="Undo Lucía Romero")).to_be_visible()
    expect(coach.get_by_text("1 adult here")).to_be_visible()
    coach.get_by_label("Name", exact=True).fill("Linda Park")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Check them in").click()
    expect(coach.get_by_text("Linda Park is checked in.")).to_be_visible()
    assert_sound(coach)
    here = Registration.objects.filter(gathering=evening, checked_in_at__isnull=False)
    assert sorted(here.values_list("name", flat=True)) == ["Linda Park", "Lucía Romero"]
    for page in (lucia, tamika, yesenia):
        page.context.close()


def test_the_gathering_pages_fit_a_phone_and_pass_axe_for_visitors_and_the_team(
    sign_in, chromium, live_server
):
    guest = visitor(chromium, live_server)
    holidays = Gathering.objects.get(title="Holidays in two homes")
    circle = Gathering.objects.get(title__startswith="Círculo")
    for url in (
        reverse("home:home"),
        reverse("gatherings:list"),
        holidays.get_absolute_url(),
        circle.get_absolute_url(),
        Registration.objects.get(name="Rosa Delgado", gathering=holidays).get_absolute_url(),
    ):
        guest.goto(guest.base_url + url)
        assert_sound(guest)
    guest.context.close()

    director = sign_in("director@example.org")
    training = Gathering.objects.get(title="Talking between two homes")
    for url in (
        reverse("gatherings:list"),
        reverse("gatherings:list") + "?when=past",
        reverse("gatherings:new"),
        reverse("gatherings:attendance"),
        reverse("gatherings:organize", args=[holidays.pk]),
        reverse("gatherings:organize", args=[training.pk]),
        reverse("gatherings:check_in", args=[holidays.pk]),
        reverse("gatherings:edit", args=[holidays.pk]),
    ):
        director.goto(director.base_url + url)
        assert_sound(director)
    jenna = sign_in("partner.parent@example.org")
    jenna.goto(jenna.base_url + reverse("gatherings:list"))
    expect(jenna.get_by_role("heading", name="Your replies")).to_be_visible()
    assert_sound(jenna)
