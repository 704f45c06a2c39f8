"""The coaches' casework: each partnership's calendar, contacts and case plan, and the
training the parents are behind on."""

from datetime import timedelta

from django.contrib.auth.models import Group

from bench.scale import COACHES
from caseplan.models import Contact, Goal, Step
from schedule.models import Attendance, Change, Event
from training.models import Module, Page


def casework_generate(*, partnerships, coaches, now):
    """Per partnership: a year of weekly contacts, a case plan of three goals with four
    steps each, and six check-ins; five training modules."""
    today = now.date()
    Contact.objects.bulk_create(
        [
            Contact(
                partnership=p,
                coach=coaches[i % COACHES],
                kind=["check_in", "crisis", "transport", "court_support"][w % 4],
                medium=["phone", "in_person", "text", "video"][w % 4],
                happened_on=today - timedelta(weeks=w),
                minutes=15 + w % 60,
                notes="Talked about the week.",
                follow_up_on=today if w == 0 and i % 5 == 0 else None,
            )
            for i, p in enumerate(partnerships)
            for w in range(52)
        ],
        batch_size=5000,
    )
    goals = Goal.objects.bulk_create(
        [
            Goal(
                partnership=p,
                area="housing",
                title=f"Goal {g}",
                source="court",
                created_by=coaches[i % COACHES],
            )
            for i, p in enumerate(partnerships)
            for g in range(3)
        ],
        batch_size=5000,
    )
    Step.objects.bulk_create(
        [
            Step(
                goal=goal,
                text=f"Step {n}",
                owner="parent",
                due_on=today + timedelta(days=n * 7 - 7),
                done_on=today if n == 0 else None,
            )
            for goal in goals
            for n in range(4)
        ],
        batch_size=5000,
    )
    for order in range(5):
        module = Module.objects.create(title=f"Module {order}", order=order)
        module.roles.set(Group.objects.filter(name__in=["birth_parent", "partner_parent"]))
        Page.objects.create(module=module, order=1, title="Page", body="Text.")


def calendar_generate(*, partnerships, coaches, now):
    """Per partnership: weekly family time for the last twelve weeks and on, with each
    past date's attendance and one moved date; a fortnightly appointment; a hearing."""
    start = now.replace(hour=16, minute=0, second=0, microsecond=0) - timedelta(weeks=12)
    events = []
    for i, p in enumerate(partnerships):
        coach = coaches[i % COACHES]
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
    events = Event.objects.bulk_create(events, batch_size=5000)
    visits = [e for e in events if e.kind == "visit"]
    Attendance.objects.bulk_create(
        [
            Attendance(
                event=e,
                occurrence=e.starts_at + timedelta(weeks=w),
                outcome="attended" if (w + e.pk) % 4 else "no_show",
                by="" if (w + e.pk) % 4 else "birth",
                recorded_by=e.created_by,
            )
            for e in visits
            for w in range(11)
        ],
        batch_size=5000,
    )
    Change.objects.bulk_create(
        [
            Change(
                event=e,
                occurrence=e.starts_at + timedelta(weeks=14),
                moved_to=e.starts_at + timedelta(weeks=14, days=1),
                changed_by=e.created_by,
            )
            for e in visits
        ],
        batch_size=5000,
    )
