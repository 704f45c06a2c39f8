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
