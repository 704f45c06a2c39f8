"""A year of gatherings, one every three days (as many a day as the figures have more
than 120), with forty replies each (the bench parent among them), and one large training
with 2,000 replies, half checked in, for the organizer's pages."""

import random
from datetime import timedelta

from bench.generate.rows import rows_insert
from bench.scale import Figures
from gatherings.models import Gathering, Registration, Status


def gatherings_generate(*, figures: Figures, coaches, parent, now):
    # The replies' links are made up from a seed, like the rest, not from secrets: the
    # same program every time.
    rng = random.Random(3)  # noqa: S311 - made-up data, nothing secret
    a_day = max(1, figures.gatherings // 120)
    gatherings = Gathering.objects.bulk_create(
        [
            Gathering(
                title=f"Gathering {i}",
                starts_at=now + timedelta(days=3 * (i // a_day) - 300),
                place="Fellowship Hall",
                capacity=40,
                childcare=True,
                created_by=coaches[i % len(coaches)],
            )
            for i in range(figures.gatherings)
        ]
        + [
            Gathering(
                title="Bench training",
                starts_at=now + timedelta(days=2),
                place="Convention center",
                capacity=figures.busy_gathering_replies,
                childcare=True,
                created_by=coaches[0],
            )
        ]
    )
    busy = gatherings[-1]
    replies = []
    for gathering in gatherings[:-1]:
        past = gathering.starts_at < now
        for j in range(40):
            replies.append(
                Registration(
                    gathering=gathering,
                    user=parent if j == 0 else None,
                    name=f"Guest {gathering.pk}-{j}",
                    email=f"guest{gathering.pk}-{j}@example.net",
                    adults=1,
                    children_ages=[j % 12] if j % 3 == 0 else [],
                    status=Status.CONFIRMED if j < 36 else Status.WAITING,
                    secret=rng.randbytes(24).hex(),
                    checked_in_at=gathering.starts_at if past and j < 30 else None,
                )
            )
    for j in range(figures.busy_gathering_replies):
        replies.append(
            Registration(
                gathering=busy,
                name=f"Trainee {j}",
                email=f"trainee{j}@example.net",
                adults=1 + j % 2,
                children_ages=[j % 17, (j + 5) % 17] if j % 4 == 0 else [],
                dietary="Vegetarian" if j % 10 == 0 else "",
                interpretation="es" if j % 6 == 0 else "",
                status=Status.CONFIRMED if j % 3 else Status.WAITING,
                secret=rng.randbytes(24).hex(),
                checked_in_at=now if j % 2 else None,
            )
        )
    return len(gatherings), rows_insert(Registration, replies)
