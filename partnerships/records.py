"""A family's partnerships in its records (decision 0019): exported with every stage they
passed through, kept whole when the family's records are closed (stages and their dates
are what the program's figures count), and holding the closure while one is open."""

from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from partnerships.models import Partnership, Stage, StageChange


def _export(family: BirthFamily) -> list[Section]:
    partnerships = Partnership.objects.filter(birth_family=family).order_by("pk")
    return [
        Section(
            title=gettext_lazy("Partnerships"),
            slug="partnerships",
            columns=["id", "partner_home", "stage", "stage_since", "created_at"],
            rows=rows_of(
                partnerships, ["pk", "partner_home__name", "stage", "stage_since", "created_at"]
            ),
            edit=[
                (
                    _("Partnership %(number)s") % {"number": pk},
                    reverse("partnerships:edit", args=[pk]),
                )
                for pk in partnerships.exclude(stage=Stage.CLOSED).values_list("pk", flat=True)
            ],
            note=gettext_lazy("A closed partnership's records are kept as they were."),
        ),
        Section(
            title=gettext_lazy("Stages"),
            slug="stages",
            columns=["partnership", "stage", "changed_on"],
            rows=rows_of(
                StageChange.objects.filter(partnership__birth_family=family).order_by(
                    "changed_on", "pk"
                ),
                ["partnership_id", "stage", "changed_on"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    """Nothing here names anyone: the partnerships and their stages stay for the figures."""


def _hold(family: BirthFamily) -> str:
    if Partnership.objects.filter(birth_family=family).exclude(stage=Stage.CLOSED).exists():
        return _("A partnership of this family is still open: close it first.")
    return ""


def _last_used(family: BirthFamily) -> date | None:
    return Partnership.objects.filter(birth_family=family).aggregate(day=Max("stage_since"))["day"]


register(Part(name="partnerships", export=_export, close=_close, hold=_hold, last_used=_last_used))
