"""The hand-worked cohort every measure's tests count (docs/outcomes-measures.md has the
same children in a table). The period is calendar 2024; dates from March 2024 on are
chosen so that a year later is 365 days later (no 29 February in between).

Family "one" (Travis County, coached by `coach`, consented), one child per letter:

    A   entered 2024-03-01, reunified 2024-03-06      5 days: left out of CFSR counts
    A7  entered 2024-03-01, reunified 2024-03-08      7 days: left out
    A8  entered 2024-03-01, reunified 2024-03-09      8 days: counted, permanency
    B   born 2006-02-01, entered 2024-03-01 (aged 18), emancipated 2024-05-01: left out
    B2  born 2006-03-02, entered 2024-03-01 (aged 17), reunified 2024-04-01 (aged 18):
        counted, not permanency and not watched for re-entry (left at 18)
    C   entered 2024-03-01, reunified 2025-02-28      day 364: permanency
    D   entered 2024-03-01, reunified 2025-03-01      day 365, the anniversary: not
    E   entered 2024-03-01, reunified 2025-03-02      day 366: not
    F   entered 2024-01-10, reunified 2024-03-10, re-entered 2025-03-09 (day 364): re-entry
    Fa  entered 2024-01-10, reunified 2024-03-10, re-entered 2025-03-10 (day 365): not
    G   entered 2024-01-10, reunified 2024-03-10, re-entered 2025-03-11 (day 366): not
    H   entered 2024-02-01, adopted 2024-10-01: permanency, not watched for re-entry
    I   entered 2024-02-01, guardianship 2024-06-01: permanency, watched
    J   entered 2024-02-01, to relatives 2024-06-01: permanency, watched
    K   entered 2024-02-01, ran away 2024-05-01: counted, not permanency
    L   entered 2024-02-01, still in care
    M   entered 2024-02-01, reunified 2024-02-20, re-entered 2024-06-01 (two episodes in
        the period: the first counts): permanency, re-entry
    N   entered 2023-06-01, reunified 2024-02-01: not in the 2024 cohort
    T   entered 2024-02-01, transferred 2024-07-01: counted, not permanency
    Z   entered 2024-02-01, died 2024-08-01: counted, not permanency

Family "two" (Williamson County, coached by `other_coach`, consented, transition home):
    Y   entered 2024-04-01, reunified 2024-06-01: permanency, watched

Family "three" (Travis County, coached by `coach`, no consent):
    X   entered 2024-02-01, reunified 2024-05-01: left out for want of consent
"""

from datetime import date, timedelta

from django.utils import timezone

from agreements.models import Purpose
from agreements.services import consent_set
from families.models import PermanencyEvent, PermanencyKind
from home.testing import ChildFactory, partnership_for, person_with_account
from intake.models import Kind, Submission
from partnerships.models import Stage

K = PermanencyKind
ENTERED, REENTERED = K.ENTERED_CARE, K.REENTERED_CARE

ONE = {
    "A": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2024-03-06")],
    "A7": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2024-03-08")],
    "A8": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2024-03-09")],
    "B": [(ENTERED, "2024-03-01"), (K.EMANCIPATION, "2024-05-01")],
    "B2": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2024-04-01")],
    "C": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2025-02-28")],
    "D": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2025-03-01")],
    "E": [(ENTERED, "2024-03-01"), (K.REUNIFIED, "2025-03-02")],
    "F": [(ENTERED, "2024-01-10"), (K.REUNIFIED, "2024-03-10"), (REENTERED, "2025-03-09")],
    "Fa": [(ENTERED, "2024-01-10"), (K.REUNIFIED, "2024-03-10"), (REENTERED, "2025-03-10")],
    "G": [(ENTERED, "2024-01-10"), (K.REUNIFIED, "2024-03-10"), (REENTERED, "2025-03-11")],
    "H": [(ENTERED, "2024-02-01"), (K.ADOPTION, "2024-10-01")],
    "I": [(ENTERED, "2024-02-01"), (K.GUARDIANSHIP, "2024-06-01")],
    "J": [(ENTERED, "2024-02-01"), (K.RELATIVES, "2024-06-01")],
    "K": [(ENTERED, "2024-02-01"), (K.RUNAWAY, "2024-05-01")],
    "L": [(ENTERED, "2024-02-01")],
    "M": [(ENTERED, "2024-02-01"), (K.REUNIFIED, "2024-02-20"), (REENTERED, "2024-06-01")],
    "N": [(ENTERED, "2023-06-01"), (K.REUNIFIED, "2024-02-01")],
    "T": [(ENTERED, "2024-02-01"), (K.TRANSFER, "2024-07-01")],
    "Z": [(ENTERED, "2024-02-01"), (K.DEATH, "2024-08-01")],
}
BORN = {"B": date(2006, 2, 1), "B2": date(2006, 3, 2)}
TWO = {"Y": [(ENTERED, "2024-04-01"), (K.REUNIFIED, "2024-06-01")]}
THREE = {"X": [(ENTERED, "2024-02-01"), (K.REUNIFIED, "2024-05-01")]}


def family(*, coach, county: str, consent: bool, stage: str = Stage.ACTIVE, since=None):
    """A partnership whose birth parent did or did not count the family in the figures,
    with the county the family gave on its interest form."""
    parent = person_with_account("birth_parent")
    partnership = partnership_for(
        coach=coach, birth_parent=parent, children=0, stage=stage, since=since
    )
    if consent:
        consent_set(
            actor=parent,
            partnership=partnership,
            person=parent.person,
            purpose=Purpose.FIGURES,
            given=True,
        )
    Submission.objects.create(
        kind=Kind.BIRTH_PARENT,
        first_name="Form",
        county=county,
        due_at=timezone.now() + timedelta(days=1),
        sender=f"sender-{partnership.pk}",
        partnership=partnership,
    )
    return partnership


def children(partnership, histories: dict, *, recorded_by, born: dict | None = None) -> dict:
    """Each named child with their history in care, in the partnership."""
    made = {}
    for name, history in histories.items():
        child = ChildFactory(
            birth_family=partnership.birth_family,
            first_name=name,
            birth_date=(born or {}).get(name, date(2018, 5, 1)),
        )
        partnership.children.add(child)
        PermanencyEvent.objects.bulk_create(
            PermanencyEvent(
                child=child, kind=kind, occurred_on=date.fromisoformat(on), recorded_by=recorded_by
            )
            for kind, on in history
        )
        made[name] = child
    return made


def build(*, coach, other_coach) -> dict:
    one = family(coach=coach, county="Travis", consent=True)
    two = family(coach=other_coach, county="Williamson", consent=True, stage=Stage.TRANSITION_HOME)
    three = family(coach=coach, county="Travis", consent=False)
    made = children(one, ONE, recorded_by=coach, born=BORN)
    made |= children(two, TWO, recorded_by=other_coach)
    made |= children(three, THREE, recorded_by=coach)
    return {"one": one, "two": two, "three": three, "children": made}
