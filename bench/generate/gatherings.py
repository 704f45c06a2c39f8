"""A year of gatherings, one every three days, with forty replies each (the bench parent
among them), and one large training with 2,000 replies, half checked in, for the
organizer's pages."""

import secrets
from datetime import timedelta

from bench.scale import BUSY_GATHERING_REPLIES, GATHERINGS
from gatherings.models import Gathering, Registration, Status


def gatherings_generate(*, coaches, parent, now):
    gatherings = Gathering.objects.bulk_create(
        [
            Gathering(
                title=f"Gathering {i}",
                starts_at=now + timedelta(days=3 * i - 300),
                place="Fellowship Hall",
                capacity=40,
                childcare=True,
                created_by=coaches[i % len(coaches)],
            )
            for i in range(GATHERINGS)
        ]
        + [
            Gathering(
                title="Bench training",
                starts_at=now + timedelta(days=2),
                place="Convention center",
                capacity=BUSY_GATHERING_REPLIES,
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
                    secret=secrets.token_urlsafe(32),
                    checked_in_at=gathering.starts_at if past and j < 30 else None,
                )
            )
    for j in range(BUSY_GATHERING_REPLIES):
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
                secret=secrets.token_urlsafe(32),
                checked_in_at=now if j % 2 else None,
            )
        )
    Registration.objects.bulk_create(replies, batch_size=5000)
