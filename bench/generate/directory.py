"""A state-sized directory: the figures' services, five an organization, each at its own
place around Austin with hours, one or two languages and needs; and three referrals per
partnership at every point of the loop."""

import random
import uuid
from datetime import time as clock
from datetime import timedelta

from bench.generate.rows import BATCH, rows_insert
from bench.scale import Figures
from directory import models as d
from directory.needs import NEEDS, needs_ensure, term_id
from directory.search import search_text_refresh
from referrals.models import Referral, Status


def directory_generate(*, figures: Figures, partnerships, coaches, parents, today):
    needs_ensure()
    rng = random.Random(8)  # noqa: S311 - made-up data, nothing secret
    zips = ["78701", "78702", "78704", "78723", "78741", "78745", "78752", "78753", "78757"]
    words = ["family", "community", "center", "help", "care", "house", "bridge", "hope"]
    codes = list(NEEDS)

    def uid(table: int, i: int) -> uuid.UUID:
        """The ith row's key in the table-th table: the same at every generation. The
        services' keys are 1, 2, 3, ...: the pages measured name one."""
        return uuid.UUID(int=table * 10**9 + i + 1)

    organizations = d.Organization.objects.bulk_create(
        [
            d.Organization(id=uid(2, i), name=f"{rng.choice(words).title()} Org {i}")
            for i in range(figures.services // 5)
        ],
        batch_size=BATCH,
    )
    services, locations, addresses, at, hours, languages, tags, phones = ([] for _ in range(8))
    for i in range(figures.services):
        need = codes[i % len(codes)]
        service = d.Service(
            id=uid(0, i),
            organization=organizations[i // 5],
            name=f"{NEEDS[need]} service {i}",
            description=f"{rng.choice(words)} {rng.choice(words)} for families",
            fees_description="" if i % 3 else "Sliding scale",
        )
        services.append(service)
        location = d.Location(
            id=uid(1, i - 1),
            latitude=30.15 + rng.random() * 0.3,
            longitude=-97.9 + rng.random() * 0.3,
        )
        locations.append(location)
        addresses.append(
            d.Address(
                id=uid(3, i),
                location=location,
                address_1=f"{i} Main Street",
                city="Austin",
                state_province="TX",
                postal_code=rng.choice(zips),
            )
        )
        at.append(d.ServiceAtLocation(id=uid(4, i), service=service, location=location))
        hours.append(
            d.Schedule(
                id=uid(5, i),
                service=service,
                freq="WEEKLY",
                byday=rng.choice(["MO,TU,WE,TH,FR", "SA", "TU,TH"]),
                opens_at=clock(rng.choice([8, 9, 13])),
                closes_at=clock(17),
            )
        )
        languages.append(d.Language(id=uid(6, 2 * i), service=service, code="en", name="English"))
        if i % 3 == 0:
            languages.append(
                d.Language(id=uid(6, 2 * i + 1), service=service, code="es", name="Spanish")
            )
        tags.append(d.Attribute(id=uid(7, i), link_id=service.id, taxonomy_term_id=term_id(need)))
        phones.append(d.Phone(id=uid(8, i), service=service, number=f"+1 512 555 {i % 10000:04d}"))
    for model, rows in (
        (d.Service, services),
        (d.Location, locations),
        (d.Address, addresses),
        (d.ServiceAtLocation, at),
        (d.Schedule, hours),
        (d.Language, languages),
        (d.Attribute, tags),
        (d.Phone, phones),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH)
    search_text_refresh()
    statuses = list(Status)
    return rows_insert(
        Referral,
        (
            Referral(
                person=parents[n],
                partnership=partnership,
                service=services[(n * 7 + k) % figures.services],
                need=codes[(n + k) % len(codes)],
                status=statuses[(n + k) % len(statuses)],
                status_on=today - timedelta(days=(n + k) % 30),
                created_by=coaches[n % len(coaches)],
            )
            for n, partnership in enumerate(partnerships)
            for k in range(3)
        ),
    )
