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
#: Each need in a sentence, in English like the taxonomy's names: HSDS requires a term's
#: description, and other programs reading an export learn what the code means.
DESCRIPTIONS = {
    "housing": "Finding, keeping or paying for a safe place to live.",
    "work": "Finding a job, training for one, or keeping one.",
    "childcare": "Care for children while a parent works, studies or attends services.",
    "counseling": "Therapy and counseling for a parent, a child or the family.",
    "recovery": "Treatment and support for recovery from substance use.",
    "legal": "Legal help: family law, housing, immigration, records.",
    "food": "Groceries, meals and food benefits.",
    "transportation": "Getting to work, appointments and family visits.",
    "health": "Medical, dental and prenatal care, and health insurance.",
    "parenting": "Parenting classes, coaching and support groups.",
}


def term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(TAXONOMY_ID, code)


def needs_ensure() -> None:
    """The taxonomy and its terms, made if missing. Migration 0002 makes them; a test
    database flushed between browser tests has lost them, and so may a restored backup."""
    from directory.models import Taxonomy, TaxonomyTerm

    if TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID).exclude(description="").count() == len(
        NEEDS
    ):
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
        term, _created = TaxonomyTerm.objects.get_or_create(
            id=term_id(code),
            defaults={
                "taxonomy": taxonomy,
                "code": code,
                "name": str(name),
                "description": DESCRIPTIONS[code],
                "language": "en",
            },
        )
        if not term.description:
            TaxonomyTerm.objects.filter(pk=term.pk).update(description=DESCRIPTIONS[code])
