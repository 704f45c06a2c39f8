"""The road home in a family's records (decision 0019): the plan's steps and each child's
checklist are exported; the closure keeps the dates and what was done (what happened on
the way home) and empties the words: notes, the caseworker's name and number, the coach's
own items."""

from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import GONE, Closing, Part, Section, register, rows_of
from transition.models import Item, Step


def _steps(family: BirthFamily):
    return Step.objects.filter(plan__partnership__birth_family=family).order_by("on", "pk")


def _items(family: BirthFamily):
    return Item.objects.filter(plan__partnership__birth_family=family).order_by("pk")


def _export(family: BirthFamily) -> list[Section]:
    partnerships = _steps(family).values_list("plan__partnership_id", flat=True).distinct()
    edit = [(_("The road home"), reverse("transition:plan", args=[pk])) for pk in partnerships]
    step_columns = ["partnership", "kind", "on", "who", "contact", "note", "done_on"]
    item_columns = ["partnership", "child", "area", "side", "what", "note", "done_on"]
    items = [
        [i.plan.partnership_id, i.child_id, i.area, i.side, i.label, i.note, i.done_on]
        for i in _items(family).select_related("plan")
    ]
    return [
        Section(
            title=gettext_lazy("The road home: steps"),
            slug="transition_steps",
            columns=step_columns,
            rows=rows_of(_steps(family), ["plan__partnership_id", *step_columns[1:]]),
            edit=edit,
        ),
        Section(
            title=gettext_lazy("The road home: checklists"),
            slug="transition_checklists",
            columns=item_columns,
            rows=items,
            edit=edit,
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.empty(_steps(family), "contact", "note")
    closing.empty(_items(family), "note")
    # An item the coach wrote keeps a mark of its place: an item must say something.
    closing.blank(_items(family).exclude(text=""), text=GONE)


def _last_used(family: BirthFamily) -> date | None:
    return _items(family).aggregate(day=Max("done_on"))["day"]


register(Part(name="transition", export=_export, close=_close, last_used=_last_used))
