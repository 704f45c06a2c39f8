"""A family's replies to gatherings in its records (decision 0019). On closing, the
replies stay counted (adults, children's ages, who came) and the names and contact
details go. The gatherings themselves are the program's, not the family's."""

from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from gatherings.models import Registration


def _registrations(family: BirthFamily):
    return Registration.objects.filter(user__person__birth_families=family).order_by("pk")


def _export(family: BirthFamily) -> list[Section]:
    columns = [
        "gathering",
        "name",
        "email",
        "phone",
        "language",
        "adults",
        "children_ages",
        "dietary",
        "interpretation",
        "status",
        "created_at",
        "checked_in_at",
    ]
    return [
        Section(
            title=gettext_lazy("Gatherings"),
            slug="gatherings",
            columns=columns,
            rows=rows_of(_registrations(family), ["gathering__title", *columns[1:]]),
        )
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.empty(_registrations(family), "name", "email", "phone", "dietary")


register(Part(name="gatherings", export=_export, close=_close))
