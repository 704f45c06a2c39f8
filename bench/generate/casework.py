"""The coaches' casework: each partnership's calendar, contacts and case plan, and the
training the parents are behind on."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from bench.generate.rows import rows_insert, rows_made
from bench.scale import Figures, spread
from caseplan.models import Contact, Goal, Step
from schedule.models import Attendance, Change, Event
from training.models import Module, Page


def casework_generate(*, figures: Figures, partnerships, coaches, now):
    """Per partnership: a year of weekly contacts, a case plan of three goals with four
    steps each, and six check-ins; five training modules."""
    today = now.date()
    rows_insert(
        Contact,
        (
            Contact(
                partnership=p,
                coach=coaches[i % figures.coaches],
                kind=["check_in", "crisis", "transport", "court_support"][w % 4],
                medium=["phone", "in_person", "text", "video"][w % 4],
                happened_on=today - timedelta(weeks=w),
                minutes=15 + w % 60,
                notes="Talked about the week.",
                follow_up_on=today if w == 0 and i % 5 == 0 else None,
            )
            for i, p in enumerate(partnerships)
            for w in range(52)
        ),
    )
    goals = rows_made(
        Goal,
        (
            Goal(
                partnership=p,
                area="housing",
                title=f"Goal {g}",
                source="court",
                created_by=coaches[i % figures.coaches],
            )
            for i, p in enumerate(partnerships)
            for g in range(3)
        ),
    )
    rows_insert(
        Step,
        (
            Step(
                goal=goal,
                text=f"Step {n}",
                owner="parent",
                due_on=today + timedelta(days=n * 7 - 7),
                done_on=today if n == 0 else None,
            )
            for goal in goals
            for n in range(4)
        ),
    )
    for order in range(5):
        module = Module.objects.create(title=f"Module {order}", order=order)
        module.roles.set(Group.objects.filter(name__in=["birth_parent", "partner_parent"]))
        Page.objects.create(module=module, order=1, title="Page", body="Text.")


#: The one-off dates of a state's calendar beyond the three every partnership has: what
#: it is, its title, where, and who attends.
ONE_OFF = [
    ("appointment", "Doctor", "other", "both"),
    ("appointment", "Parenting class", "other", "birth"),
    ("school", "Parent-teacher conference", "other", "both"),
    ("court", "Permanency hearing", "court", "both"),
    ("visit", "Birthday visit", "public", "both"),
]


def calendar_generate(*, figures: Figures, partnerships, coaches, now):
    """Per partnership: weekly family time for the last twelve weeks and on, with each
    past date's attendance and one moved date; a fortnightly appointment; a hearing; and
    as many one-off dates over the last six months and the next two as the figures have
    events beyond those three."""
    start = now.replace(hour=16, minute=0, second=0, microsecond=0) - timedelta(weeks=12)
    events = []
    for i, p in enumerate(partnerships):
        coach = coaches[i % figures.coaches]
        events += [
            Event(
                partnership=p,
                kind="visit",
                title="Family time",
                starts_at=start + timedelta(days=i % 7),
                minutes=90,
                repeat="FREQ=WEEKLY",
                place="visit_room",
                created_by=coach,
            ),
            Event(
                partnership=p,
                kind="appointment",
                title="Counseling",
                attendees="birth",
                starts_at=start + timedelta(days=i % 5, hours=-5),
                repeat="FREQ=WEEKLY;INTERVAL=2",
                place="other",
                created_by=coach,
            ),
            Event(
                partnership=p,
                kind="court",
                title="Hearing",
                starts_at=now + timedelta(days=i % 50, hours=1),
                place="court",
                created_by=coach,
            ),
        ]
    events = rows_made(Event, events)
    visits = [e for e in events if e.kind == "visit"]
    rows_insert(
        Attendance,
        (
            Attendance(
                event=e,
                occurrence=e.starts_at + timedelta(weeks=w),
                outcome="attended" if (w + e.pk) % 4 else "no_show",
                by="" if (w + e.pk) % 4 else "birth",
                recorded_by=e.created_by,
            )
            for e in visits
            for w in range(11)
        ),
    )
    rows_insert(
        Change,
        (
            Change(
                event=e,
                occurrence=e.starts_at + timedelta(weeks=14),
                moved_to=e.starts_at + timedelta(weeks=14, days=1),
                changed_by=e.created_by,
            )
            for e in visits
        ),
    )
    return len(events) + one_offs_generate(
        figures=figures, partnerships=partnerships, coaches=coaches, now=now
    )


def one_offs_generate(*, figures: Figures, partnerships, coaches, now) -> int:
    extra = figures.events - 3 * figures.partnerships
    if extra <= 0:
        return 0
    rng = random.Random(12)  # noqa: S311 - made-up data, nothing secret
    # At the program's hours: midnight on its clock, then 8 a.m. to 6 p.m.
    day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def one_off(i, p):
        kind, title, place, attendees = ONE_OFF[rng.randrange(len(ONE_OFF))]
        return Event(
            partnership=p,
            kind=kind,
            title=title,
            starts_at=day + timedelta(days=rng.randint(-180, 60), hours=rng.randint(8, 18)),
            minutes=rng.choice([30, 60, 90]),
            place=place,
            attendees=attendees,
            created_by=coaches[i % figures.coaches],
        )

    return rows_insert(
        Event,
        (
            one_off(i, p)
            for i, p in enumerate(partnerships)
            for _ in range(spread(extra, figures.partnerships, i))
        ),
    )
