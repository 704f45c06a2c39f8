"""The large program the bench measures, one module per area, sized by bench/scale.py.
The areas are made in a fixed order: the pages measured look records up by their place in
it (the first child, the first fund). Each area is one transaction: a failure leaves the
areas before it, and no transaction holds the whole program.

Given a `now`, the program is the same at every generation: its dates are counted from
it, its random choices seeded, and Django's clock runs from a day before it while the
rows are made (rows.clock_from)."""

import time
from contextlib import nullcontext
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from bench.generate.casework import calendar_generate, casework_generate
from bench.generate.directory import directory_generate
from bench.generate.gatherings import gatherings_generate
from bench.generate.money import money_generate
from bench.generate.people import People, people_generate
from bench.generate.records import audit_generate, submissions_generate
from bench.generate.rows import clock_from
from bench.generate.sharing import profiles_generate
from bench.scale import FIGURES, Figures


def generate(figures: Figures = FIGURES, *, now=None, on_area=None):
    """Make the program; returns its director, its first coach and the first partner
    parent. `on_area(name, seconds)` is told as each area is made."""
    clock = clock_from(now - timedelta(days=1)) if now else nullcontext()
    today = now.date() if now else date.today()
    now = now or timezone.now()

    def area(name, make, **kwargs):
        started = time.perf_counter()
        with transaction.atomic():
            made = make(figures=figures, **kwargs)
        if on_area:
            on_area(name, time.perf_counter() - started)
        return made

    with clock:
        people: People = area("people", people_generate, today=today)
        coaches, partnerships = people.coaches, people.partnerships
        area("audit", audit_generate, coaches=coaches, children=people.children, now=now)
        area("interest forms", submissions_generate, now=now)
        parent = area("profiles and journal", profiles_generate, people=people)
        area("calendar", calendar_generate, partnerships=partnerships, coaches=coaches, now=now)
        area("casework", casework_generate, partnerships=partnerships, coaches=coaches, now=now)
        area(
            "directory and referrals",
            directory_generate,
            partnerships=partnerships,
            coaches=coaches,
            parents=people.parents,
            today=today,
        )
        area(
            "assistance",
            money_generate,
            partnerships=partnerships,
            coaches=coaches,
            director=people.director,
            today=today,
        )
        area("gatherings", gatherings_generate, coaches=coaches, parent=parent, now=now)
    return people.director, coaches[0], parent
