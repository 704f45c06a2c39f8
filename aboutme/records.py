"""The children's All About Me profiles in a family's records (decision 0019): every
version of every answer exported; on closing, the words go and the dated entries stay."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from aboutme.models import Entry, Seen
from families.models import BirthFamily, Child
from families.records import Closing, Part, Section, register, rows_of


def _export(family: BirthFamily) -> list[Section]:
    children = Child.objects.filter(birth_family=family)
    return [
        Section(
            title=gettext_lazy("All About Me"),
            slug="all_about_me",
            columns=["child", "topic", "author", "text", "language", "written_at"],
            rows=rows_of(
                Entry.objects.filter(child__birth_family=family).order_by("written_at", "pk"),
                ["child_id", "topic", "author", "text", "language", "written_at"],
            ),
            edit=[
                (child.full_name, reverse("aboutme:edit", args=[child.pk])) for child in children
            ],
            note=gettext_lazy("Earlier versions are kept as they were written."),
        )
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.empty(Entry.objects.filter(child__birth_family=family), "text")
    closing.delete(Seen.objects.filter(child__birth_family=family))


register(Part(name="aboutme", export=_export, close=_close))
