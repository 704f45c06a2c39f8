"""Factories for tests: people, homes, children and partnerships with sensible defaults."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from agreements.models import Purpose
from agreements.services import agreement_acknowledge, agreement_draft, consent_set
from assistance.models import AssistanceRequest, Entry, Status
from families.models import BirthFamily, Child, HomeKind, PartnerHome, Person, Placement
from partnerships.models import Partnership, Stage, StageChange

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.set(Group.objects.filter(name__in=extracted))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")


def person_with_account(*roles: str, **person_fields) -> User:
    user = UserFactory(roles=list(roles))
    PersonFactory(user=user, email=user.email, **person_fields)
    return user


class BirthFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BirthFamily

    name = factory.Sequence(lambda n: f"Family {n}")


class PartnerHomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerHome

    name = factory.Sequence(lambda n: f"Home {n}")
    kind = HomeKind.FOSTER
    address = factory.Sequence(lambda n: f"{100 + n} Private Lane")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    birth_family = factory.SubFactory(BirthFamilyFactory)
    # Children's names never match a persona's (conftest.py): a test that looks for a
    # parent's name on a page must not find a child who happens to share it.
    first_name = factory.Iterator(["Sofi", "Mateo", "Lucía", "Jalen", "Amara", "Diego", "Maya"])
    last_name = "Test"
    birth_date = date(2018, 5, 1)


def partnership_for(
    *,
    coach: User,
    birth_parent: User | None = None,
    partner_parent: User | None = None,
    children: int = 1,
    stage: str = Stage.ACTIVE,
    since: date | None = None,
) -> Partnership:
    """A partnership with its two homes, children placed in the partner home."""
    since = since or date.today() - timedelta(days=30)
    family = BirthFamilyFactory()
    home = PartnerHomeFactory()
    if birth_parent:
        family.parents.add(birth_parent.person)
    if partner_parent:
        home.parents.add(partner_parent.person)
    partnership = Partnership.objects.create(
        birth_family=family,
        partner_home=home if stage != Stage.REFERRED else None,
        coach=coach,
        stage=stage,
        stage_since=since,
    )
    StageChange.objects.create(
        partnership=partnership, stage=stage, changed_on=since, changed_by=coach
    )
    kids = [ChildFactory(birth_family=family) for _ in range(children)]
    for kid in kids:
        Placement.objects.create(child=kid, partner_home=home, started_on=since)
    partnership.children.set(kids)
    return partnership


def agreement_for(
    partnership: Partnership,
    *,
    by: User,
    acknowledged_by=(),
    consent=(),
    birth: dict | None = None,
    partner: dict | None = None,
):
    """Draft a version of the partnership's agreement through the service, have the given
    users acknowledge it, and have the given users consent to sharing with the other home."""
    version = agreement_draft(
        actor=by, partnership=partnership, terms={"birth": birth or {}, "partner": partner or {}}
    )
    for user in acknowledged_by:
        agreement_acknowledge(actor=user, version=version)
    for user in consent:
        consent_set(
            actor=user,
            partnership=partnership,
            person=user.person,
            purpose=Purpose.OTHER_HOME,
            given=True,
        )
    return version


def payment_made(
    partnership: Partnership,
    fund,
    *,
    need: str,
    amount: str,
    paid_on: date,
    requested_by: User,
    paid_by: User,
    payee: str = "Main Street Garage",
):
    """A request for financial help approved and paid, its payment in the fund's ledger as
    finance records it: the ledger entry."""
    request = AssistanceRequest.objects.create(
        partnership=partnership,
        need=need,
        amount=Decimal(amount),
        payee=payee,
        due_on=paid_on,
        purpose="Keeps the family going.",
        status=Status.PAID,
        fund=fund,
        created_by=requested_by,
    )
    return Entry.objects.create(
        fund=fund, request=request, amount=request.amount, paid_on=paid_on, payee=payee, by=paid_by
    )
