"""The program's own taxonomy of needs: the HSDS taxonomy services are tagged with, and
the need a referral answers. Fixed ids, so every program's export names them alike."""

import uuid

from django.utils.translation import gettext_lazy as _

TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://village.example/hsds/needs")

NEEDS = {
    "housing": _("Housing"),
    "work": _("Jobs and work"),
    "childcare": _("Childcare"),
    "counseling": _("Counseling"),
    "recovery": _("Recovery"),
    "legal": _("Legal aid"),
    "food": _("Food"),
    "transportation": _("Transportation"),
    "health": _("Health care"),
    "parenting": _("Parenting support"),
}
NEED_CHOICES = list(NEEDS.items())


def term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(TAXONOMY_ID, code)


def needs_ensure() -> None:
    """The taxonomy and its terms, made if missing. Migration 0002 makes them; a test
    database flushed between browser tests has lost them, and so may a restored backup."""
    from directory.models import Taxonomy, TaxonomyTerm

    if TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID).count() == len(NEEDS):
        return
    taxonomy, _created = Taxonomy.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": "Village needs",
            "description": "The needs a family-reunification program refers families for.",
            "version": "1",
        },
    )
    for code, name in NEEDS.items():
        TaxonomyTerm.objects.get_or_create(
            id=term_id(code),
            defaults={"taxonomy": taxonomy, "code": code, "name": str(name), "language": "en"},
        )
