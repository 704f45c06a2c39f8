"""The program's people: a director, the coaches, finance staff, and per partnership a
birth family and a partner home with a parent each and its children placed in the home.

Every account can sign in with PASSWORD, staff with the demo's authenticator secret
(accounts.factors.DEMO_SECRET) as their second factor; bench/sessions.py signs them in
without either."""

from datetime import timedelta
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.factors import demo_secret_hex
from accounts.models import Role, User
from bench.generate.rows import rows_insert, rows_made
from bench.scale import Figures, spread
from families.models import BirthFamily, Child, PartnerHome, Person, Placement
from partnerships.models import Partnership, Stage

#: Every bench account's password. Hashed once: hashing is slow on purpose.
PASSWORD = "village-bench-password"
DIRECTOR = "bench-director@example.org"
#: The first partnership's two parents (sharing.py gives them their accounts).
BIRTH_PARENT, PARTNER_PARENT = "bench-birth@example.org", "bench-parent@example.org"


def coach_email(i: int) -> str:
    """The ith coach's, whose caseload is partnerships i, i + coaches, ..."""
    return f"bench-coach{i}@example.org"


def finance_email(i: int) -> str:
    return f"bench-finance{i}@example.org"


def birth_parent_email(i: int) -> str:
    """The birth parent's of the ith partnership (the first partnership's: BIRTH_PARENT)."""
    return f"bench-birth{i}@example.org"


def partner_parent_email(i: int) -> str:
    return f"bench-partner{i}@example.org"


class People(NamedTuple):
    director: User
    coaches: list
    # The birth families' parents first, then the partner homes' parents, in the
    # partnerships' order.
    parents: list
    children: list
    partnerships: list
    #: Each partnership's children, as indexes into `children`.
    children_of: list
    #: The password's hash, for the accounts made later.
    password: str


def accounts_make(emails: list[str], *, role: str, password: str) -> list:
    """Accounts in a role, in bulk: the groups and the staff's authenticator apps too."""
    users = rows_made(User, (User(email=email, password=password) for email in emails))
    group = Group.objects.get(name=role)
    rows_insert(User.groups.through, (User.groups.through(user=u, group=group) for u in users))
    if role in (Role.DIRECTOR, Role.COACH, Role.FINANCE):
        key = demo_secret_hex()
        rows_insert(
            TOTPDevice, (TOTPDevice(user=u, name="app", key=key, confirmed=True) for u in users)
        )
    return users


def people_generate(*, figures: Figures, today):
    password = make_password(PASSWORD)
    (director,) = accounts_make([DIRECTOR], role=Role.DIRECTOR, password=password)
    Person.objects.create(user=director, first_name="Bench", last_name="Director")
    coaches = accounts_make(
        [coach_email(i) for i in range(figures.coaches)], role=Role.COACH, password=password
    )
    rows_insert(
        Person,
        (Person(user=c, first_name=f"Coach{i}", last_name="Bench") for i, c in enumerate(coaches)),
    )
    finance = accounts_make(
        [finance_email(i) for i in range(figures.finance)], role=Role.FINANCE, password=password
    )
    rows_insert(
        Person,
        (
            Person(user=u, first_name=f"Finance{i}", last_name="Bench")
            for i, u in enumerate(finance)
        ),
    )
    total = figures.partnerships
    families = rows_made(BirthFamily, (BirthFamily(name=f"Family {i:05d}") for i in range(total)))
    homes = rows_made(
        PartnerHome,
        (PartnerHome(name=f"Home {i:05d}", kind="foster", address="private") for i in range(total)),
    )
    parents = rows_made(
        Person,
        (
            Person(first_name=f"Parent{i}", last_name="Bench", user=user)
            for i, user in enumerate(parent_accounts(figures, password=password))
        ),
    )
    rows_insert(
        BirthFamily.parents.through,
        (
            BirthFamily.parents.through(birthfamily=f, person=parents[i])
            for i, f in enumerate(families)
        ),
    )
    rows_insert(
        PartnerHome.parents.through,
        (
            PartnerHome.parents.through(partnerhome=h, person=parents[total + i])
            for i, h in enumerate(homes)
        ),
    )
    children_of, made = [], []
    for i, family in enumerate(families):
        first = len(made)
        for k in range(spread(figures.children, total, i)):
            made.append(
                Child(
                    birth_family=family,
                    first_name=f"Kid{i}{k}",
                    birth_date=today - timedelta(days=2000 + k),
                )
            )
        children_of.append(range(first, len(made)))
    children = rows_made(Child, made)
    rows_insert(
        Placement,
        (
            Placement(child=children[c], partner_home=home, started_on=today - timedelta(days=100))
            for home, mine in zip(homes, children_of, strict=True)
            for c in mine
        ),
    )
    stages = [s for s in Stage if s != Stage.REFERRED]
    partnerships = rows_made(
        Partnership,
        (
            Partnership(
                birth_family=f,
                partner_home=homes[i],
                coach=coaches[i % figures.coaches],
                stage=stages[i % len(stages)],
                stage_since=today - timedelta(days=i % 200),
            )
            for i, f in enumerate(families)
        ),
    )
    rows_insert(
        Partnership.children.through,
        (
            Partnership.children.through(partnership=p, child=children[c])
            for p, mine in zip(partnerships, children_of, strict=True)
            for c in mine
        ),
    )
    return People(director, coaches, parents, children, partnerships, children_of, password)


def parent_accounts(figures: Figures, *, password: str) -> list:
    """Each parent's account, in the order of `People.parents`, or None: the first
    partnership's are made with its shared records (sharing.py), and the others only
    when the figures ask for them."""
    total = figures.partnerships
    if not figures.parent_accounts:
        return [None] * (2 * total)
    births = accounts_make(
        [birth_parent_email(i) for i in range(1, total)],
        role=Role.BIRTH_PARENT,
        password=password,
    )
    partners = accounts_make(
        [partner_parent_email(i) for i in range(1, total)],
        role=Role.PARTNER_PARENT,
        password=password,
    )
    return [None, *births, None, *partners]
