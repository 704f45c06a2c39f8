"""The program issue 20's outcomes dashboard is measured on: 20,000 children in birth
families of one to four, one partnership each, over 8 coaches and 6 Texas counties, with
200,000 permanency events from 2019 to 2026 (several episodes for many children, stays
under 8 days, children entering at 17 and at 18), FIGURES consent given by about 85% of
the families, refused by some and unanswered by the rest, and each partnership's stage
changes.

Seeded: the same figures make the same program, whatever the day, so a change in the
measured time is the code's, not the data's. The dates end on a fixed day for that reason.
Not part of `generate()`: bench/outcomes.py makes it into a database of its own.
"""

import random
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.contrib.auth.models import Group

from accounts.models import Role, User
from agreements.models import Consent, Purpose
from families.models import BirthFamily, Child, PartnerHome, PermanencyEvent, Person
from families.models import PermanencyKind as K
from intake.models import Kind, Submission
from partnerships.models import Partnership, Stage, StageChange

CHILDREN, EVENTS = 20_000, 200_000
COACHES = 8
#: Counties as families write them on the interest form, and how often.
COUNTIES = {"Travis": 30, "Williamson": 20, "Hays": 15, "Bexar": 15, "Bastrop": 10, "Caldwell": 10}
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 11, 30)
#: How a family answered the question of the anonymous figures: yes, no, or not at all.
CONSENT = {True: 85, False: 7, None: 8}
#: Discharge reasons, and how often. Death ends a history, so it is only ever the last.
EXITS = {
    K.REUNIFIED: 45,
    K.RELATIVES: 14,
    K.GUARDIANSHIP: 8,
    K.ADOPTION: 8,
    K.TRANSFER: 7,
    K.RUNAWAY: 10,
    K.EMANCIPATION: 6,
    K.DEATH: 2,
}
#: The share of episodes that end within a week: CFSR leaves stays under 8 days out.
SHORT_STAYS = 0.08
#: A partnership's stage today, and how often; the path to it is every stage before it.
STAGES = {
    Stage.REFERRED: 5,
    Stage.INTRODUCED: 10,
    Stage.ACTIVE: 35,
    Stage.TRANSITION_HOME: 10,
    Stage.POST_REUNIFICATION: 15,
    Stage.CLOSED: 25,
}
BATCH = 5000


class Program(NamedTuple):
    director: User
    coaches: list
    children: int
    events: int
    partnerships: int
    stage_changes: int


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _family_sizes(rng: random.Random, children: int) -> list[int]:
    """Birth families of one to four children (2.25 on average) adding up to `children`."""
    sizes = []
    while sum(sizes) < children:
        sizes.append(rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
    sizes[-1] -= sum(sizes) - children
    return [size for size in sizes if size]


def _events_per_child(rng: random.Random, children: int, events: int) -> list[int]:
    """How many events each child has: a few for most, many for some, `events` in all."""
    counts = [
        rng.randint(*rng.choices(((1, 4), (5, 12), (13, 25)), weights=(30, 40, 30))[0])
        for _ in range(children)
    ]
    while (surplus := sum(counts) - events) != 0:
        i = rng.randrange(children)
        step = 1 if surplus < 0 else -1
        if 1 <= counts[i] + step <= 30:
            counts[i] += step
    return counts


def _history(rng: random.Random, *, born: date, count: int) -> list[tuple[str, date]]:
    """One child's events in order: an entry, then exits and re-entries by turns, on
    distinct days after birth; some stays last under 8 days."""
    first = max(FIRST_DAY, born + timedelta(days=1))
    span = (LAST_DAY - first).days
    days = sorted(rng.sample(range(span), count))
    history = []
    for i, day in enumerate(days):
        if i == 0:
            kind = K.ENTERED_CARE
        elif i % 2 == 0:
            kind = K.REENTERED_CARE
        else:
            kind = _pick(rng, EXITS)
            while kind == K.DEATH and i < count - 1:
                kind = _pick(rng, EXITS)
            if rng.random() < SHORT_STAYS:
                short = days[i - 1] + rng.randint(1, 7)
                if i == count - 1 or short < days[i + 1]:
                    day = short
        history.append((kind, first + timedelta(days=day)))
    return history


def _stage_path(rng: random.Random, stage: str) -> list[tuple[str, date]]:
    """The stage changes that led to `stage`, a month to ten months apart."""
    order = list(Stage)
    path = order[: order.index(stage) + 1]
    if stage == Stage.CLOSED:
        # A partnership closes from wherever it had got to.
        path = order[: rng.randint(1, len(order) - 1)] + [Stage.CLOSED]
    on = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days - 1500))
    changes = []
    for step in path:
        changes.append((step, on))
        on = min(on + timedelta(days=rng.randint(30, 300)), LAST_DAY)
    return changes


def outcomes_generate(*, children: int = CHILDREN, events: int = EVENTS, seed: int = 20):
    rng = random.Random(seed)  # noqa: S311 - made-up data, nothing secret
    director = User.objects.create_user(email="outcomes-director@example.org", password="x")
    director.groups.add(Group.objects.get(name=Role.DIRECTOR))
    Person.objects.create(user=director, first_name="Outcomes", last_name="Director")
    coaches = User.objects.bulk_create(
        [User(email=f"outcomes-coach{i}@example.org", password="!") for i in range(COACHES)]
    )
    Group.objects.get(name=Role.COACH).user_set.add(*coaches)
    Person.objects.bulk_create(
        [
            Person(user=c, first_name=f"Coach{i}", last_name="Outcomes")
            for i, c in enumerate(coaches)
        ]
    )

    sizes = _family_sizes(rng, children)
    total = len(sizes)
    families = BirthFamily.objects.bulk_create(
        [BirthFamily(name=f"Family {i:05d}") for i in range(total)], batch_size=BATCH
    )
    homes = PartnerHome.objects.bulk_create(
        [PartnerHome(name=f"Home {i:05d}", kind="foster", address="private") for i in range(total)],
        batch_size=BATCH,
    )
    parents = Person.objects.bulk_create(
        [Person(first_name=f"Parent{i}", last_name="Outcomes") for i in range(total)],
        batch_size=BATCH,
    )
    BirthFamily.parents.through.objects.bulk_create(
        [
            BirthFamily.parents.through(birthfamily=f, person=parents[i])
            for i, f in enumerate(families)
        ],
        batch_size=BATCH,
    )
    stages = [_pick(rng, STAGES) for _ in range(total)]
    paths = [_stage_path(rng, stage) for stage in stages]
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                birth_family=f,
                partner_home=homes[i],
                coach=coaches[rng.randrange(COACHES)],
                stage=stages[i],
                stage_since=paths[i][-1][1],
            )
            for i, f in enumerate(families)
        ],
        batch_size=BATCH,
    )
    changes = StageChange.objects.bulk_create(
        [
            StageChange(partnership=p, stage=stage, changed_on=on, changed_by_id=p.coach_id)
            for p, path in zip(partnerships, paths, strict=True)
            for stage, on in path
        ],
        batch_size=BATCH,
    )
    due = datetime(2026, 1, 1, tzinfo=UTC)
    Submission.objects.bulk_create(
        [
            Submission(
                kind=Kind.BIRTH_PARENT,
                first_name=f"Parent{i}",
                sender="bench",
                # Some families write their county in lower case: the filter ignores case.
                county=county.lower() if rng.random() < 0.02 else county,
                due_at=due,
                partnership=p,
            )
            for i, p in enumerate(partnerships)
            for county in [_pick(rng, COUNTIES)]
        ],
        batch_size=BATCH,
    )
    Consent.objects.bulk_create(
        [
            Consent(partnership=p, person=parents[i], purpose=Purpose.FIGURES, given=answer)
            for i, p in enumerate(partnerships)
            for answer in [_pick(rng, CONSENT)]
            if answer is not None
        ],
        batch_size=BATCH,
    )

    # Born 2001 to 2020: some enter at 17, some at 18, most as young children.
    births = [date(2001, 1, 1) + timedelta(days=rng.randrange(20 * 365)) for _ in range(children)]
    made = []
    for i, f in enumerate(families):
        for k in range(sizes[i]):
            made.append(
                Child(birth_family=f, first_name=f"Kid{i}-{k}", birth_date=births[len(made)])
            )
    made = Child.objects.bulk_create(made, batch_size=BATCH)
    partnership_of = [p for p, size in zip(partnerships, sizes, strict=True) for _ in range(size)]
    Partnership.children.through.objects.bulk_create(
        [
            Partnership.children.through(partnership=p, child=c)
            for p, c in zip(partnership_of, made, strict=True)
        ],
        batch_size=BATCH,
    )
    counts = _events_per_child(rng, children, events)
    rows = []
    for child, partnership, count in zip(made, partnership_of, counts, strict=True):
        for kind, on in _history(rng, born=child.birth_date, count=count):
            rows.append(
                PermanencyEvent(
                    child=child, kind=kind, occurred_on=on, recorded_by_id=partnership.coach_id
                )
            )
        if len(rows) >= BATCH:
            PermanencyEvent.objects.bulk_create(rows)
            rows = []
    PermanencyEvent.objects.bulk_create(rows)
    return Program(director, coaches, len(made), sum(counts), total, len(changes))
