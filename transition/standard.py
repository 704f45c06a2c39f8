"""The checklist each child starts with when a plan opens: what the program has learned
goes home with a child. Kept by key, so each home reads them in its own language; the
coach adds what a family needs beyond them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Standard:
    area: str
    side: str
    label: str


STANDARD: dict[str, Standard] = {
    "pack": Standard("belongings", "partner", _("Pack clothes, shoes and favorite toys")),
    "room": Standard("belongings", "birth", _("Make a place at home for their things")),
    "school_records": Standard(
        "school", "partner", _("Ask the school for records, report cards and any plan")
    ),
    "school_enrol": Standard("school", "birth", _("Enrol at the school they will go to")),
    "doctors": Standard(
        "health", "partner", _("Write down the doctor, the dentist and the last visits")
    ),
    "insurance": Standard("health", "birth", _("Check the health insurance moves with them")),
    "medicines": Standard(
        "medicines", "partner", _("Hand over medicines and prescriptions, with the doses")
    ),
    "pharmacy": Standard("medicines", "birth", _("Move the prescriptions to your pharmacy")),
    "routines": Standard("routines", "partner", _("Write down meals, bedtime and what helps now")),
    "bedtime": Standard("routines", "birth", _("Lead bedtime at an overnight, with the song")),
    "comfort": Standard(
        "comfort", "partner", _("Pack the comfort things: blanket, stuffed animal, night light")
    ),
    "people": Standard("contacts", "birth", _("Write down the people they want to keep seeing")),
}


def label_of(key: str) -> str:
    found = STANDARD.get(key)
    return str(found.label) if found else ""
