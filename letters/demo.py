"""The demo's letters: Ana asked for a letter for her manager at the bakery, with the next
hearing and her court-ordered counseling of the coming month, and approved it."""

from datetime import date, timedelta

from letters.services import letter_approve, letter_create


def load_letters(today: date, *, ana, shared) -> None:
    letter = letter_create(
        actor=ana,
        partnership=shared,
        person=ana.person,
        data={
            "starts_on": today,
            "ends_on": today + timedelta(days=30),
            "language": "en",
            "addressed_to": "To the manager at Sunrise Bakery",
            "name_children": False,
        },
    )
    letter_approve(actor=ana, letter=letter)
