"""A family's agreements in its records (decision 0019): what each home agreed to share,
who acknowledged it, consents and court restrictions. Nothing here is free text, and
consents are counted by the program's figures, so closing the family keeps them all."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from agreements.models import Acknowledgment, Consent, CourtRestriction, HomeTerms
from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of

TERMS = [
    "share_phone",
    "share_email",
    "share_address",
    "share_photos",
    "share_school",
    "share_health",
    "share_activities",
    "quiet_from",
    "quiet_until",
]


def _export(family: BirthFamily) -> list[Section]:
    mine = {"version__partnership__birth_family": family}
    partnerships = family.partnerships.values_list("pk", flat=True)
    return [
        Section(
            title=gettext_lazy("Agreements"),
            slug="agreements",
            columns=["partnership", "version", "drafted_at", "side", *TERMS],
            rows=rows_of(
                HomeTerms.objects.filter(**mine).order_by("version__partnership", "version", "pk"),
                [
                    "version__partnership_id",
                    "version__number",
                    "version__drafted_at",
                    "side",
                    *TERMS,
                ],
            ),
            edit=[
                (gettext_lazy("Agreement"), reverse("agreements:agreement", args=[pk]))
                for pk in partnerships
            ],
        ),
        Section(
            title=gettext_lazy("Acknowledgments"),
            slug="acknowledgments",
            columns=["partnership", "version", "by", "at"],
            rows=rows_of(
                Acknowledgment.objects.filter(**mine).order_by("at", "pk"),
                ["version__partnership_id", "version__number", "user__email", "at"],
            ),
        ),
        Section(
            title=gettext_lazy("Consents"),
            slug="consents",
            columns=["partnership", "person", "purpose", "given", "changed_at"],
            rows=rows_of(
                Consent.objects.filter(partnership__birth_family=family).order_by("pk"),
                ["partnership_id", "person_id", "purpose", "given", "changed_at"],
            ),
        ),
        Section(
            title=gettext_lazy("Court restrictions"),
            slug="restrictions",
            columns=["partnership", "person", "kind", "starts_on", "ends_on"],
            rows=rows_of(
                CourtRestriction.objects.filter(partnership__birth_family=family).order_by("pk"),
                ["partnership_id", "person_id", "kind", "starts_on", "ends_on"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    """Nothing to empty: choices, dates and consents, all counted, none naming anyone."""


register(Part(name="agreements", export=_export, close=_close))
