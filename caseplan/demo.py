"""The demo program's casework: the coach's contact log, Ana's and Keisha's case plans, and
the court progress summaries drafted from the record."""

from datetime import date, timedelta

from caseplan.models import Contact, CourtSummary, Goal, Milestone, Step
from caseplan.summary import summary_draft


def load_caseplan(today: date, *, coach, director, shared, home_again) -> None:
    """The icebreaker where Ana and Jenna first met, a call with Ana about her housing
    application (the follow-up is due today), and the director's visit to Keisha; then
    the case plans."""
    ana, jenna = shared.birth_family.parents.get(), shared.partner_home.parents.get()
    keisha = home_again.birth_family.parents.get()
    for partnership, by, people, fields in [
        (
            shared,
            coach,
            [ana, jenna],
            {
                "kind": "icebreaker",
                "medium": "in_person",
                "happened_on": today - timedelta(days=60),
                "minutes": 75,
                "notes": "Met at the library. Ana brought Sofi's blanket; Jenna showed "
                "photos of the children's room. Both cried a little, then laughed.",
            },
        ),
        (
            shared,
            coach,
            [ana],
            {
                "kind": "check_in",
                "medium": "phone",
                "happened_on": today - timedelta(days=3),
                "minutes": 20,
                "notes": "Ana's housing application is in. She is nervous about the hearing.",
                "follow_up_on": today,
            },
        ),
        (
            home_again,
            director,
            [keisha],
            {
                "kind": "check_in",
                "medium": "in_person",
                "happened_on": today - timedelta(days=10),
                "minutes": 45,
                "notes": "Jalen is sleeping through the night again.",
            },
        ),
    ]:
        contact = Contact.objects.create(partnership=partnership, coach=by, **fields)
        contact.people.set(people)
    _case_plan(today, coach, director, shared, home_again)


def _case_plan(today, coach, director, shared, home_again):
    """Ana's goals: a home with a room for the children (the court's), the parenting
    class (the court's, nearly done), and her own: keeping her job at the bakery while court
    dates take her away from it, and getting her driver's license back.
    Unsupervised visits are the next milestone; Keisha's family is home."""

    def goal(partnership, by, area, title, source, steps):
        made = Goal.objects.create(
            partnership=partnership, area=area, title=title, source=source, created_by=by
        )
        for text, owner, due, done, note in steps:
            Step.objects.create(
                goal=made,
                text=text,
                owner=owner,
                due_on=today + timedelta(days=due) if due is not None else None,
                done_on=today - timedelta(days=done) if done is not None else None,
                progress_note=note,
            )

    goal(
        shared,
        coach,
        "housing",
        "A two-bedroom home with room for Sofi and Mateo",
        "court",
        [
            ("Send the housing authority application", "parent", -5, 4, "Sent on Thursday!"),
            ("Visit two apartments on the east side", "both", 10, None, ""),
            ("Ask the fund about the deposit", "coach", 14, None, ""),
        ],
    )
    goal(
        shared,
        coach,
        "parenting",
        "Finish the 10-week parenting class",
        "court",
        [
            ("Attend classes 1 to 8", "parent", -3, 3, "Loved the one on bedtime routines."),
            ("Attend classes 9 and 10", "parent", 12, None, ""),
        ],
    )
    goal(
        shared,
        coach,
        "other",
        "Get my driver's license back",
        "own",
        [
            ("Pay the reinstatement fee", "parent", 30, None, ""),
        ],
    )
    goal(
        shared,
        coach,
        "work",
        "Keep my job at the bakery",
        "own",
        [
            ("Fix the car so I get to my shifts on time", "coach", None, 2, "The fund paid."),
            ("Give my supervisor the letter with the court dates", "parent", 3, None, ""),
            ("Ask my supervisor for a set schedule", "parent", 7, None, ""),
        ],
    )
    goal(
        home_again,
        director,
        "work",
        "Keep the job at the bakery",
        "own",
        [
            ("Talk with the manager about the morning shift", "parent", None, 20, ""),
        ],
    )
    Milestone.objects.create(
        partnership=home_again,
        kind="reunification",
        reached_on=today - timedelta(days=40),
        recorded_by=director,
    )


def load_court_summaries(today: date, *, coach, director, shared, home_again) -> None:
    """Marisol's summary for Ana's permanency review, and the one that helped bring
    Jalen home."""
    for partnership, by, name, hearing_on, words in [
        (
            shared,
            coach,
            "Marisol Vega",
            today + timedelta(days=23),
            "Ana comes to family time on time and prepared; Sofi runs to her. She has "
            "finished eight of ten parenting classes and applied for housing.",
        ),
        (
            home_again,
            director,
            "Program director",
            today - timedelta(days=100),
            "Keisha has met every goal of her service plan. Jalen is ready to go home.",
        ),
    ]:
        draft = summary_draft(partnership, hearing_on=hearing_on, today=today, coach_name=name)
        text = draft.replace(
            "[Write a few sentences on the family's progress, in your own words.]", words
        )
        CourtSummary.objects.create(
            partnership=partnership, hearing_on=hearing_on, text=text, created_by=by
        )
