"""The demo's gatherings. Next Thursday the partner parents meet about the holidays in two
homes (Jenna is bringing Sofi and Mateo for the childcare); two weeks ago a training on
talking between two homes, with a handout shared afterwards; and a mothers' circle in
Spanish so small it is already full, with someone waiting for a place."""

import secrets
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_files import one_page_pdf
from gatherings.models import (
    Audience,
    Gathering,
    Interpretation,
    Kind,
    Registration,
    Resource,
    ResourceKind,
    Spoken,
    Status,
)


def _reply(gathering, *, name, status=Status.CONFIRMED, user=None, came=False, **fields):
    return Registration.objects.create(
        gathering=gathering,
        user=user,
        name=name,
        status=status,
        secret=secrets.token_urlsafe(32),
        checked_in_at=gathering.starts_at + timedelta(minutes=5) if came else None,
        **fields,
    )


def load_gatherings(today: date, *, coach, director, jenna, ana, keisha, services) -> None:
    zone = timezone.get_current_timezone()
    by_name = {service.name: service for service in services}

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=zone)

    next_thursday = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    holidays = Gathering.objects.create(
        kind=Kind.GATHERING,
        title="Holidays in two homes",
        title_es="Las fiestas en dos hogares",
        description=(
            "Partner parents share how they keep the birth family in the children's "
            "holidays: cards, calls, a second celebration. Dinner is tamales and salad. "
            "Los padres de acogida comparten cómo incluyen a la familia biológica en las "
            "fiestas."
        ),
        starts_at=at(next_thursday, 18, 30),
        minutes=120,
        place="St. Mark's Fellowship Hall, 1200 E 7th St, Austin",
        capacity=24,
        audience=Audience.PARTNER,
        language=Spoken.BOTH,
        childcare=True,
        created_by=coach,
    )
    _reply(
        holidays,
        name=jenna.person.full_name,
        user=jenna,
        email=jenna.email,
        adults=1,
        children_ages=[7, 10],
        dietary="No pork, please.",
    )
    _reply(
        holidays,
        name="Rosa Delgado",
        email="rosa.delgado@example.net",
        language="es",
        adults=2,
        children_ages=[1, 4],
        dietary="Vegetariana",
        interpretation=Interpretation.SPANISH,
    )
    _reply(holidays, name="Tamika Hayes", phone="+15125550188", texts_ok=True, adults=1)

    training = Gathering.objects.create(
        kind=Kind.TRAINING,
        title="Talking between two homes",
        title_es="Hablar entre dos hogares",
        description="Healthy communication when two families love the same children.",
        starts_at=at(today - timedelta(days=14), 18),
        minutes=90,
        place="Program office, 2nd floor training room",
        capacity=12,
        audience=Audience.BOTH,
        language=Spoken.ENGLISH,
        childcare=True,
        created_by=director,
    )
    _reply(training, name=jenna.person.full_name, user=jenna, email=jenna.email, came=True)
    _reply(training, name="Rosa Delgado", email="rosa.delgado@example.net", came=True)
    _reply(training, name="Ben Ortiz", email="ben.ortiz@example.net")  # did not come
    _reply(training, name="Linda Park", walk_in=True, came=True)
    Resource.objects.create(
        gathering=training,
        kind=ResourceKind.SERVICE,
        title="Family counseling with evening hours",
        service=by_name["Family Counseling"],
        shared_by=director,
    )
    # Shared quietly: the demo sends nobody a message.
    handout = Resource(
        gathering=training,
        kind=ResourceKind.FILE,
        title="Handout: five things to try",
        content_type="application/pdf",
        shared_by=director,
    )
    pdf = one_page_pdf("Talking between two homes - five things to try")
    handout.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=True)
    Resource.objects.create(
        gathering=training,
        kind=ResourceKind.LINK,
        title="Child Welfare Information Gateway: working with birth parents",
        url="https://www.childwelfare.gov/",
        shared_by=director,
    )

    circle = Gathering.objects.create(
        kind=Kind.GATHERING,
        title="Círculo de mamás: café y conversación",
        description="Un rato entre mamás que trabajan para traer a sus hijos a casa.",
        starts_at=at(today + timedelta(days=9), 10),
        minutes=90,
        place="Ruiz Branch Library, meeting room",
        capacity=3,
        audience=Audience.BIRTH,
        language=Spoken.SPANISH,
        childcare=False,
        created_by=coach,
    )
    _reply(circle, name=ana.person.full_name, user=ana, email=ana.email, language="es")
    _reply(circle, name=keisha.person.full_name, user=keisha, email=keisha.email)
    _reply(circle, name="Marta Salinas", phone="+15125550163", texts_ok=True, language="es")
    _reply(
        circle,
        name="Yesenia Cruz",
        email="yesenia.cruz@example.net",
        language="es",
        status=Status.WAITING,
    )
