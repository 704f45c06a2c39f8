"""The year after reunification in a family's records (decision 0019): check-ins are
exported; the closure waits until every one is done, and keeps their dates and how each
area stood (the figures count them) while the words go."""

from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftercare.models import AREAS, FollowUp
from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of


def _follow_ups(family: BirthFamily):
    return FollowUp.objects.filter(partnership__birth_family=family)


def _export(family: BirthFamily) -> list[Section]:
    follow_ups = _follow_ups(family).order_by("due_on", "pk")
    columns = ["partnership", "due_on", "done_on", *AREAS, "warning", "concerns", "needs"]
    return [
        Section(
            title=gettext_lazy("Check-ins after reunification"),
            slug="check_ins",
            columns=columns,
            rows=rows_of(follow_ups, ["partnership_id", *columns[1:]]),
            edit=[
                (_("Check-ins"), reverse("aftercare:schedule", args=[pk]))
                for pk in follow_ups.values_list("partnership_id", flat=True).distinct()
            ],
        )
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.empty(_follow_ups(family), "concerns", "needs")


def _hold(family: BirthFamily) -> str:
    if _follow_ups(family).filter(done_on__isnull=True).exists():
        return _("The check-ins of the year after reunification are not all done.")
    return ""


def _last_used(family: BirthFamily) -> date | None:
    return _follow_ups(family).aggregate(day=Max("done_on"))["day"]


register(Part(name="aftercare", export=_export, close=_close, hold=_hold, last_used=_last_used))
