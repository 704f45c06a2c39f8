"""The large program the bench measures, one module per area. The areas are made in a
fixed order in one transaction: the pages measured look records up by their place in it
(the first child, the first fund)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from bench.generate.casework import calendar_generate, casework_generate
from bench.generate.directory import directory_generate
from bench.generate.gatherings import gatherings_generate
from bench.generate.money import money_generate
from bench.generate.people import people_generate
from bench.generate.records import audit_generate, submissions_generate
from bench.generate.sharing import profiles_generate
from bench.scale import PARTNERSHIPS


@transaction.atomic
def generate():
    people = people_generate(today=date.today())
    audit_generate(coaches=people.coaches, children=people.children)
    now = timezone.now()
    submissions_generate(now=now)
    parent = profiles_generate(
        partnership=people.partnerships[0],
        children=people.children,
        home_parent=people.parents[PARTNERSHIPS],  # the first partner home's parent
    )
    calendar_generate(partnerships=people.partnerships, coaches=people.coaches, now=now)
    casework_generate(partnerships=people.partnerships, coaches=people.coaches, now=now)
    directory_generate(
        partnerships=people.partnerships, coaches=people.coaches, parents=people.parents
    )
    money_generate(
        partnerships=people.partnerships, coaches=people.coaches, director=people.director
    )
    gatherings_generate(coaches=people.coaches, parent=parent, now=now)
    return people.director, people.coaches[0], parent
