"""The demo program's people: the staff, three birth families and the homes their children
live in. The story is told in home/demo.py."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Language, Role, User
from families.models import (
    BirthFamily,
    Child,
    HomeKind,
    PartnerHome,
    PermanencyEvent,
    PermanencyKind,
    Person,
    Placement,
)


@dataclass
class DemoFamilies:
    """Who the rest of the demo is about: the signed-in people, and the families and homes
    the partnerships are made of."""

    director: User
    coach: User
    finance: User
    volunteer: User
    ana: User
    jenna: User
    keisha: User
    morales: BirthFamily
    carter: PartnerHome
    sofia: Child
    mateo: Child
    brown: BirthFamily
    okafor: PartnerHome
    jalen: Child
    delgado: BirthFamily
    luis: Child


def _user(email, roles, person_data, password):
    user = get_user_model().objects.create_user(
        email=email, password=password, language=person_data.get("language", Language.ENGLISH)
    )
    user.groups.set(Group.objects.filter(name__in=roles))
    Person.objects.create(user=user, email=email, **person_data)
    return user


def load_families(today: date, *, password: str) -> DemoFamilies:
    def ago(days):
        return today - timedelta(days=days)

    director = _user(
        "director@example.org",
        [Role.DIRECTOR, Role.COACH],
        {"first_name": "Diane", "last_name": "Whitaker", "pronouns": "she/her"},
        password,
    )
    coach = _user(
        "coach@example.org",
        [Role.COACH],
        {
            "first_name": "Marisol",
            "last_name": "Vega",
            "pronouns": "she/her",
            "language": Language.SPANISH,
            "phone": "+15125550142",
        },
        password,
    )
    coach.language = Language.ENGLISH
    coach.save(update_fields=["language"])
    finance = _user(
        "finance@example.org",
        [Role.FINANCE],
        {"first_name": "Tom", "last_name": "Nguyen"},
        password,
    )
    volunteer = _user(
        "volunteer@example.org",
        [Role.VOLUNTEER],
        {"first_name": "Ruth", "last_name": "Ellison", "preferred_name": "Miss Ruth"},
        password,
    )

    # The shared partnership: Ana and Jenna, around Sofía and Mateo.
    ana = _user(
        "birth.parent@example.org",
        [Role.BIRTH_PARENT],
        {
            "first_name": "Ana",
            "last_name": "Morales",
            "language": Language.SPANISH,
            "phone": "+15125550117",
            "texts_ok": True,
            "preferred_contact": "text",
        },
        password,
    )
    ana.language = Language.ENGLISH  # she reads English on her phone; her Spanish is a tap away
    ana.save(update_fields=["language"])
    morales = BirthFamily.objects.create(name="Morales family")
    morales.parents.add(ana.person)
    sofia = Child.objects.create(
        birth_family=morales,
        first_name="Sofía",
        last_name="Morales",
        preferred_name="Sofi",
        birth_date=ago(7 * 365 + 40),
    )
    mateo = Child.objects.create(
        birth_family=morales,
        first_name="Mateo",
        last_name="Morales",
        birth_date=ago(10 * 365 + 200),
    )
    jenna = _user(
        "partner.parent@example.org",
        [Role.PARTNER_PARENT],
        {
            "first_name": "Jenna",
            "last_name": "Carter",
            "pronouns": "she/her",
            "phone": "+15125550188",
        },
        password,
    )
    carter = PartnerHome.objects.create(
        name="Carter home", kind=HomeKind.FOSTER, address="1418 Pecan Street, Austin, TX 78702"
    )
    carter.parents.add(jenna.person)
    for child in (sofia, mateo):
        PermanencyEvent.objects.create(
            child=child,
            kind=PermanencyKind.ENTERED_CARE,
            occurred_on=ago(160),
            recorded_by=coach,
        )
        Placement.objects.create(
            child=child, partner_home=None, started_on=ago(160), ended_on=ago(151)
        )
        Placement.objects.create(child=child, partner_home=carter, started_on=ago(151))

    # The year after: Keisha and Jalen are home; her aunt Denise was the kin home.
    keisha = _user(
        "outsider.parent@example.org",
        [Role.BIRTH_PARENT],
        {"first_name": "Keisha", "last_name": "Brown", "phone": "+15125550163"},
        password,
    )
    brown = BirthFamily.objects.create(name="Brown family")
    brown.parents.add(keisha.person)
    jalen = Child.objects.create(
        birth_family=brown, first_name="Jalen", last_name="Brown", birth_date=ago(6 * 365 + 90)
    )
    denise = Person.objects.create(
        first_name="Denise", last_name="Okafor", preferred_name="Aunt Dee"
    )
    okafor = PartnerHome.objects.create(
        name="Okafor home", kind=HomeKind.KIN, address="77 Riverside Drive, Austin, TX 78704"
    )
    okafor.parents.add(denise)
    PermanencyEvent.objects.create(
        child=jalen, kind=PermanencyKind.ENTERED_CARE, occurred_on=ago(400), recorded_by=director
    )
    Placement.objects.create(
        child=jalen, partner_home=okafor, started_on=ago(400), ended_on=ago(90)
    )
    PermanencyEvent.objects.create(
        child=jalen,
        kind=PermanencyKind.REUNIFIED,
        occurred_on=ago(90),
        recorded_by=director,
        note="Home for good, in time for the first day of first grade.",
    )

    # Only referred: Rosa's caseworker sent her to the program last week.
    rosa = Person.objects.create(
        first_name="Rosa", last_name="Delgado", language=Language.SPANISH, phone="+15125550199"
    )
    delgado = BirthFamily.objects.create(name="Delgado family")
    delgado.parents.add(rosa)
    luis = Child.objects.create(
        birth_family=delgado, first_name="Luis", last_name="Delgado", birth_date=ago(3 * 365 + 10)
    )
    PermanencyEvent.objects.create(
        child=luis, kind=PermanencyKind.ENTERED_CARE, occurred_on=ago(21), recorded_by=coach
    )

    # A home that has finished training and waits to be matched.
    PartnerHome.objects.create(name="Ramírez home", kind=HomeKind.FOSTER)

    return DemoFamilies(
        director=director,
        coach=coach,
        finance=finance,
        volunteer=volunteer,
        ana=ana,
        jenna=jenna,
        keisha=keisha,
        morales=morales,
        carter=carter,
        sofia=sofia,
        mateo=mateo,
        brown=brown,
        okafor=okafor,
        jalen=jalen,
        delgado=delgado,
        luis=luis,
    )
