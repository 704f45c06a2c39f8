"""Factories for tests: people, homes, children and partnerships with sensible defaults."""

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.db import transaction

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


# The demo, loaded once per test process and then written back from its rows.
#
# load_demo() goes through the services (audit entries, hashing, image processing) and
# takes seconds; the rows it leaves are a few thousand. The first test in a process that
# needs the demo loads it for real; its rows, every table's, are kept and written back
# for the next test that starts from the same database, in a fraction of the time. The
# tables then hold exactly what load_demo() would have left, ids included, so a test
# cannot tell the difference. Keyed by the day (the demo's dates count back from today)
# and by how many rows each table held before (the roles, content types and permissions
# that migrations and a flush leave): a test that made rows of its own before it asked
# for the demo gets a real load_demo(), as before.
_demo_rows: dict[tuple, list[tuple[str, list[str], list[tuple]]]] = {}


def _tables(connection) -> list[str]:
    return sorted(
        connection.introspection.django_table_names(only_existing=True, include_views=False)
    )


def _row_counts(connection, tables) -> tuple[int, ...]:
    quote = connection.ops.quote_name
    counts = " UNION ALL ".join(
        f"SELECT {n}, COUNT(*) FROM {quote(table)}"  # noqa: S608 - our own tables
        for n, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(counts)
        found = dict(cursor.fetchall())
    return tuple(found[n] for n in range(len(tables)))


def _read_rows(connection, tables):
    quote = connection.ops.quote_name
    rows = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - our own tables
            if found := cursor.fetchall():
                if connection.vendor == "sqlite":  # which binds no time of day by itself
                    found = [tuple(map(_sqlite_value, row)) for row in found]
                rows.append((table, [column[0] for column in cursor.description], found))
    return rows


def _sqlite_value(value):
    return str(value) if isinstance(value, time) else value


def _write_rows(connection, tables, rows):
    """Replace every table's rows with the kept ones. Django's foreign keys are checked at
    commit on both databases, so the order of the tables does not matter."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - our own tables
        for table, columns, values in rows:
            names = ", ".join(quote(column) for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                values,
            )


def demo_loaded(today: date | None = None) -> None:
    """The demo in the test database, as load_demo(today) leaves it (see above)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from home.demo import load_demo

    today = today or timezone.localdate()
    tables = _tables(connection)
    key = (connection.vendor, today, tuple(tables), _row_counts(connection, tables))
    if key in _demo_rows:
        _write_rows(connection, tables, _demo_rows[key])
    else:
        load_demo(today)
        _demo_rows[key] = _read_rows(connection, tables)
    # The content types now carry the ids the demo was first loaded with.
    ContentType.objects.clear_cache()
