"""The demo's roads home. Keisha and Jalen's is a record now: the court ordered the return,
and the plan took them from Saturday visits to the move three months ago; its first
weeks home became the first check-ins of their year after. Ana's has just begun: the
Saturday visits grew longer, the first overnight is next week, and Jenna has written down
how bedtime goes now, the moon song included."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from transition.models import Item, Plan, Reason, Step, StepKind, Who
from transition.services import standard_items

#: Of the standard list, what each home had ticked off.
KEISHA_DONE = ("pack", "room", "school_records", "school_enrol", "medicines", "comfort")
ANA_DONE = ("room", "routines")
#: The caseworker outside the program: a name to call, not an account.
ORTIZ = "Ms. Ortiz (caseworker), 512-555-0137"


def _plan(partnership, *, actor, opened_on: date, reason: str, ordered_on=None) -> Plan:
    plan = Plan.objects.create(
        partnership=partnership, reason=reason, ordered_on=ordered_on, opened_by=actor
    )
    opened_at = datetime.combine(opened_on, time(10), tzinfo=timezone.get_current_timezone())
    Plan.objects.filter(pk=plan.pk).update(opened_at=opened_at)
    Item.objects.bulk_create(standard_items(plan, partnership.children.all()))
    return plan


def _steps(plan, today: date, steps) -> None:
    Step.objects.bulk_create(
        Step(
            plan=plan,
            kind=kind,
            on=today + timedelta(days=days),
            who=who,
            contact=contact,
            note=note,
            done_on=today + timedelta(days=days) if days < 0 else None,
        )
        for days, kind, who, contact, note in steps
    )


def _tick(plan, keys, *, by_side: dict, notes: dict | None = None, on: date) -> None:
    notes = notes or {}
    for item in plan.items.filter(standard__in=keys):
        item.done_on, item.done_by = on, by_side[item.side]
        if item.standard in notes:
            item.note, item.note_by = notes[item.standard], by_side[item.side]
        item.save()


def load_transition(today: date, *, coach, director, shared, home_again, ana, jenna, keisha):
    """Keisha's plan first: the year after's schedule, made next, starts from its steps."""
    ordered = today - timedelta(days=140)
    theirs = _plan(
        home_again,
        actor=director,
        opened_on=ordered + timedelta(days=2),
        reason=Reason.COURT,
        ordered_on=ordered,
    )
    _steps(
        theirs,
        today,
        [
            (-135, StepKind.LONGER, Who.BOTH, "", "Saturdays, 10 to 4"),
            (-120, StepKind.OVERNIGHT, Who.BOTH, "", "Friday to Saturday, then every weekend"),
            (-105, StepKind.TRIAL, Who.BIRTH, "", "Two weeks at home before the move"),
            (-90, StepKind.MOVE, Who.BOTH, "", ""),
            (-87, StepKind.AFTER, Who.BIRTH, "", "First days at the new school"),
            (-76, StepKind.AFTER, Who.BIRTH, "", "Two weeks home: bedtime, the bus, the job"),
        ],
    )
    _tick(
        theirs,
        KEISHA_DONE,
        by_side={"birth": keisha, "partner": director, "coach": director},
        on=today - timedelta(days=92),
    )
    ours = _plan(shared, actor=coach, opened_on=today - timedelta(days=6), reason=Reason.COACH)
    _steps(
        ours,
        today,
        [
            (-3, StepKind.LONGER, Who.BOTH, "", "Saturdays, 10 to 4, at the park and at Ana's"),
            (5, StepKind.OVERNIGHT, Who.BOTH, "", "Friday to Saturday; Jenna drops them off"),
            (12, StepKind.OTHER, Who.CASEWORKER, ORTIZ, "Home study"),
            (26, StepKind.TRIAL, Who.BOTH, "", ""),
            (40, StepKind.MOVE, Who.BOTH, "", ""),
            (47, StepKind.AFTER, Who.BIRTH, "", "First week home: the coach visits"),
        ],
    )
    _tick(
        ours,
        ANA_DONE,
        by_side={"birth": ana, "partner": jenna, "coach": coach},
        notes={
            "routines": "Oatmeal with cinnamon for breakfast. Bath at 7, two books, then the "
            "moon song; Sofía still needs her back patted. Mateo sleeps with the hall light on."
        },
        on=today - timedelta(days=2),
    )
    Plan.objects.filter(pk=ours.pk).update(partner_keeps_in_touch=True)
