"""The demo's letters: Ana asked for a letter for her manager at the diner, with the next
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
            "addressed_to": "To the manager at Lakeside Diner",
            "name_children": False,
        },
    )
    letter_approve(actor=ana, letter=letter)
