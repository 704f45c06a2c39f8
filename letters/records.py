"""Letters in a family's records (decision 0019). On closing, whom a letter was addressed
to (an employer's name) and the children's names on it go; the dates stay."""

from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from letters.models import Letter


def _export(family: BirthFamily) -> list[Section]:
    columns = [
        "id",
        "partnership",
        "kind",
        "language",
        "addressed_to",
        "starts_on",
        "ends_on",
        "children",
        "dates",
        "created_at",
        "approved_at",
    ]
    return [
        Section(
            title=gettext_lazy("Letters"),
            slug="letters",
            columns=columns,
            rows=rows_of(
                Letter.objects.filter(partnership__birth_family=family).order_by("pk"),
                ["pk", "partnership_id", *columns[2:]],
            ),
        )
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.empty(
        Letter.objects.filter(partnership__birth_family=family), "addressed_to", "children"
    )


register(Part(name="letters", export=_export, close=_close))
