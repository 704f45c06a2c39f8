"""The demo program's past: the families Partners in Permanency walked with before Ana,
Jenna and Keisha, so that the outcomes dashboard has a story to tell a funder.

Twenty-four families over the last three years, their partnerships closed. Most children
went home, some to an aunt or a grandmother, one to a guardian, one was adopted by the
foster family who loved her; two came back into care and went home again four months
later; two are still in care, their partnership closed. Most parents agreed to be counted in the
program's anonymous figures; two said no and one never answered, and the dashboard says
so. Dates count back from the day the demo is loaded, so the figures stay current.
"""

from datetime import date, timedelta

from accounts.models import User
from agreements.models import Consent, Purpose
from families.models import BirthFamily, Child, HomeKind, PartnerHome, PermanencyEvent, Person
from families.models import PermanencyKind as K
from partnerships.models import Partnership, Stage, StageChange

YES, NO, UNANSWERED = True, False, None

#: (family, parent, children as (name, age when they entered care), days ago they entered,
#: how they left and how many days ago (None: still in care), consent, days ago a child
#: came back into care (None: never)).
PAST = [
    ("Alvarez", "Marisol", [("Diego", 6), ("Lucía", 3)], 1040, (K.REUNIFIED, 760), YES, None),
    ("Bennett", "Shauna", [("Tyler", 9)], 1010, (K.REUNIFIED, 700), YES, None),
    ("Castillo", "Yesenia", [("Mia", 4)], 980, (K.RELATIVES, 720), YES, None),
    ("Dawson", "Crystal", [("Liam", 2), ("Ava", 5)], 950, (K.REUNIFIED, 640), YES, 420),
    ("Espinoza", "Gloria", [("Tomás", 7)], 930, (K.REUNIFIED, 690), YES, None),
    ("Foster", "Amber", [("Noah", 11)], 900, (K.GUARDIANSHIP, 560), YES, None),
    (
        "García",
        "Rocío",
        [("Alma", 1), ("Emilio", 3), ("Valeria", 8)],
        880,
        (K.REUNIFIED, 600),
        YES,
        None,
    ),
    ("Harris", "Tanisha", [("Jayden", 13)], 850, (K.REUNIFIED, 610), NO, None),
    ("Ibarra", "Leticia", [("Camila", 5)], 820, (K.RELATIVES, 590), YES, None),
    ("Jackson", "Brianna", [("Elijah", 8), ("Zoe", 6)], 800, (K.REUNIFIED, 520), YES, None),
    ("Kim", "Soo-jin", [("Hannah", 0)], 770, (K.ADOPTION, 200), YES, None),
    ("López", "Adriana", [("Santiago", 10)], 740, (K.REUNIFIED, 480), YES, None),
    ("Martínez", "Daniela", [("Isabella", 2), ("Gael", 4)], 720, (K.REUNIFIED, 450), YES, None),
    ("Nguyen", "Linh", [("Kevin", 12)], 690, (K.REUNIFIED, 500), UNANSWERED, None),
    ("Ortiz", "Paola", [("Julián", 7)], 660, (K.RELATIVES, 430), YES, None),
    ("Parker", "Jessica", [("Mason", 15)], 640, (K.RUNAWAY, 380), YES, None),
    ("Quintero", "Elena", [("Lola", 3), ("Bruno", 6)], 600, (K.REUNIFIED, 360), YES, None),
    ("Reyes", "Araceli", [("Thiago", 9)], 560, (K.REUNIFIED, 330), YES, 150),
    ("Smith", "Kayla", [("Aiden", 16)], 530, (K.EMANCIPATION, 120), YES, None),
    ("Torres", "Yolanda", [("Renata", 5)], 500, (K.REUNIFIED, 300), YES, None),
    ("Underwood", "Megan", [("Harper", 4), ("Ethan", 7)], 470, None, YES, None),
    ("Vargas", "Claudia", [("Emma", 8)], 430, (K.REUNIFIED, 230), NO, None),
    ("Williams", "Danielle", [("Caleb", 10)], 400, (K.TRANSFER, 250), YES, None),
    ("Zamora", "Inés", [("Ximena", 6), ("Andrés", 2)], 380, (K.REUNIFIED, 160), YES, None),
]


def load_history(today: date, *, director: User) -> None:
    """The past families, coached by the director before the team grew."""

    def ago(days):
        return today - timedelta(days=days)

    for name, parent_name, children, entered, exit_, consent, came_back in PAST:
        family = BirthFamily.objects.create(name=f"{name} family")
        parent = Person.objects.create(first_name=parent_name, last_name=name)
        family.parents.add(parent)
        home = PartnerHome.objects.create(
            name=f"{name} partner home",
            kind=HomeKind.KIN if exit_ and exit_[0] == K.RELATIVES else HomeKind.FOSTER,
        )
        partnership = Partnership.objects.create(
            birth_family=family, partner_home=home, coach=director, stage_since=ago(entered)
        )
        # Closed a year after the children went home, or by now, when they moved on early.
        closed = max((exit_[1] if exit_ else entered - 300) - 365, 7)
        stages = [
            (Stage.REFERRED, ago(entered - 10)),
            (Stage.ACTIVE, ago(entered - 40)),
            (Stage.CLOSED, ago(closed)),
        ]
        StageChange.objects.bulk_create(
            StageChange(partnership=partnership, stage=stage, changed_on=day, changed_by=director)
            for stage, day in stages
        )
        partnership.stage, partnership.stage_since = stages[-1]
        partnership.save(update_fields=["stage", "stage_since"])
        for child_name, age in children:
            child = Child.objects.create(
                birth_family=family,
                first_name=child_name,
                last_name=name,
                birth_date=ago(entered + age * 365 + 100),
            )
            partnership.children.add(child)
            events = [(K.ENTERED_CARE, entered)]
            if exit_:
                events.append(exit_)
            if came_back:
                # Back in care, and home again four months later.
                events += [(K.REENTERED_CARE, came_back), (K.REUNIFIED, came_back - 120)]
            PermanencyEvent.objects.bulk_create(
                PermanencyEvent(child=child, kind=kind, occurred_on=ago(days), recorded_by=director)
                for kind, days in events
            )
        if consent is not None:
            Consent.objects.create(
                partnership=partnership, person=parent, purpose=Purpose.FIGURES, given=consent
            )
