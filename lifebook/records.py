"""The life books in a family's records (decision 0019): which posts each child's book
holds, who chose them, and the family's answer about the partner home's copy. The book
keeps no words or photos of its own (they are the journal's and All About Me's), so the
closure deletes the choices and the books: nothing of them is needed for the figures."""

from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from lifebook.models import Book, Pick


def _books(family: BirthFamily):
    return Book.objects.filter(partnership__birth_family=family).order_by("pk")


def _export(family: BirthFamily) -> list[Section]:
    book_columns = ["id", "partnership", "child", "created_at", "offered_at", "partner_copy"]
    pick_columns = ["book", "post", "side", "picked_by", "picked_at"]
    return [
        Section(
            title=gettext_lazy("Life books"),
            slug="life_books",
            columns=book_columns,
            rows=rows_of(
                _books(family),
                ["pk", "partnership_id", "child_id", "created_at", "offered_at", "partner_copy"],
            ),
        ),
        Section(
            title=gettext_lazy("Chosen for the life books"),
            slug="life_book_picks",
            columns=pick_columns,
            rows=rows_of(
                Pick.objects.filter(book__in=_books(family)).order_by("book", "pk"),
                ["book_id", "post_id", "side", "picked_by__email", "picked_at"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.delete(Pick.objects.filter(book__in=_books(family)))
    closing.delete(_books(family))


register(Part(name="lifebook", export=_export, close=_close))
