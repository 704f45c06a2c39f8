"""Referrals of the family's parents in its records (decision 0019). On closing, the
need, service, status and dates stay (referral completion is counted) and the notes go.
A referral of the partner home's parent is the partner home's, and stays."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from referrals.models import Referral, Step


def _referrals(family: BirthFamily):
    return Referral.objects.filter(person__birth_families=family).order_by("pk")


def _export(family: BirthFamily) -> list[Section]:
    referrals = _referrals(family)
    return [
        Section(
            title=gettext_lazy("Referrals"),
            slug="referrals",
            columns=[
                "id",
                "partnership",
                "person",
                "service",
                "need",
                "note",
                "status",
                "status_on",
            ],
            rows=rows_of(
                referrals,
                [
                    "pk",
                    "partnership_id",
                    "person_id",
                    "service__name",
                    "need",
                    "note",
                    "status",
                    "status_on",
                ],
            ),
            edit=[
                (
                    _("Referral %(number)s") % {"number": pk},
                    reverse("referrals:referral", args=[pk]),
                )
                for pk in referrals.values_list("pk", flat=True)
            ],
        ),
        Section(
            title=gettext_lazy("How referrals went"),
            slug="referral_steps",
            columns=["referral", "status", "on", "note"],
            rows=rows_of(
                Step.objects.filter(referral__in=referrals).order_by("on", "pk"),
                ["referral_id", "status", "on", "note"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    referrals = Referral.objects.filter(
        pk__in=list(_referrals(family).values_list("pk", flat=True))
    )
    closing.empty(referrals, "note")
    closing.empty(Step.objects.filter(referral__in=referrals), "note")


register(Part(name="referrals", export=_export, close=_close))
