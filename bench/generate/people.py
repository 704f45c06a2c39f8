"""The program's people: a director, the coaches, and per partnership a birth family and
a partner home with a parent each and two children placed in the home."""

from datetime import timedelta
from typing import NamedTuple

from django.contrib.auth.models import Group

from accounts.models import Role, User
from bench.scale import COACHES, PARTNERSHIPS
from families.models import BirthFamily, Child, PartnerHome, Person, Placement
from partnerships.models import Partnership, Stage


class People(NamedTuple):
    director: User
    coaches: list
    # The birth families' parents first, then the partner homes' parents, in the
    # partnerships' order.
    parents: list
    children: list
    partnerships: list


def people_generate(*, today):
    coach_group = Group.objects.get(name=Role.COACH)
    director = User.objects.create_user(email="bench-director@example.org", password="x")
    director.groups.add(Group.objects.get(name=Role.DIRECTOR))
    Person.objects.create(user=director, first_name="Bench", last_name="Director")
    coaches = User.objects.bulk_create(
        [User(email=f"bench-coach{i}@example.org", password="!") for i in range(COACHES)]
    )
    coach_group.user_set.add(*coaches)
    Person.objects.bulk_create(
        [Person(user=c, first_name=f"Coach{i}", last_name="Bench") for i, c in enumerate(coaches)]
    )
    total = PARTNERSHIPS
    families = BirthFamily.objects.bulk_create(
        [BirthFamily(name=f"Family {i:05d}") for i in range(total)]
    )
    homes = PartnerHome.objects.bulk_create(
        [PartnerHome(name=f"Home {i:05d}", kind="foster", address="private") for i in range(total)]
    )
    parents = Person.objects.bulk_create(
        [Person(first_name=f"Parent{i}", last_name="Bench") for i in range(total * 2)]
    )
    BirthFamily.parents.through.objects.bulk_create(
        [
            BirthFamily.parents.through(birthfamily=f, person=parents[i])
            for i, f in enumerate(families)
        ]
    )
    PartnerHome.parents.through.objects.bulk_create(
        [
            PartnerHome.parents.through(partnerhome=h, person=parents[total + i])
            for i, h in enumerate(homes)
        ]
    )
    children = Child.objects.bulk_create(
        [
            Child(
                birth_family=f, first_name=f"Kid{i}{k}", birth_date=today - timedelta(days=2000 + k)
            )
            for i, f in enumerate(families)
            for k in range(2)
        ]
    )
    Placement.objects.bulk_create(
        [
            Placement(child=c, partner_home=homes[i // 2], started_on=today - timedelta(days=100))
            for i, c in enumerate(children)
        ]
    )
    stages = [s for s in Stage if s != Stage.REFERRED]
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                birth_family=f,
                partner_home=homes[i],
                coach=coaches[i % COACHES],
                stage=stages[i % len(stages)],
                stage_since=today - timedelta(days=i % 200),
            )
            for i, f in enumerate(families)
        ]
    )
    Partnership.children.through.objects.bulk_create(
        [
            Partnership.children.through(partnership=p, child=children[2 * i + k])
            for i, p in enumerate(partnerships)
            for k in range(2)
        ]
    )
    return People(director, coaches, parents, children, partnerships)
