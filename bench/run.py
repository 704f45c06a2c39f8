"""Benchmark the list and report pages on a large generated program.

    make bench                      # 40 coaches, 1,200 partnerships, 50,000 audit entries
    BENCH_SCALE=3 make bench        # three times that

Builds bench/bench.sqlite3 (or uses DATABASE_URL), then requests each page as a coach and
as the director and prints the median time and the query count. Timings belong here,
never in the test suite.
"""

import os
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "village.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("VILLAGE_HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from audit.models import AuditEntry  # noqa: E402
from families.models import BirthFamily, Child, PartnerHome, Person, Placement  # noqa: E402
from partnerships.models import Partnership, Stage  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "1"))
SERVICES = 50_000 * SCALE
COACHES, PER_COACH, AUDIT = 40 * SCALE, 30, 50_000 * SCALE
SUBMISSIONS = 20_000 * SCALE
PROFILE_ENTRIES, BUSY_CHILD_ENTRIES = 100_000 * SCALE, 3_000
POSTS, BUSY_PARTNERSHIP_POSTS = 50_000 * SCALE, 2_000
GATHERINGS, BUSY_GATHERING_REPLIES = 120 * SCALE, 2_000
RUNS = 7


@transaction.atomic
def generate():
    today = date.today()
    coach_group = Group.objects.get(name=Role.COACH)
    director = User.objects.create_user(email="bench-director@example.org", password="x")
    director.groups.add(Group.objects.get(name=Role.DIRECTOR))
    Person.objects.create(user=director, first_name="Bench", last_name="Director")
    coaches = User.objects.bulk_create(
        [User(email=f"bench-coach{i}@example.org", password="!") for i in range(COACHES)]
    )
    coach_group.user_set.add(*coaches)
    Person.objects.bulk_create(
        [Person(user=c, first_name=f"Coach{i}", last_name="Bench") for i, c in enumerate(coaches)]
    )
    total = COACHES * PER_COACH
    families = BirthFamily.objects.bulk_create(
        [BirthFamily(name=f"Family {i:05d}") for i in range(total)]
    )
    homes = PartnerHome.objects.bulk_create(
        [PartnerHome(name=f"Home {i:05d}", kind="foster", address="private") for i in range(total)]
    )
    parents = Person.objects.bulk_create(
        [Person(first_name=f"Parent{i}", last_name="Bench") for i in range(total * 2)]
    )
    BirthFamily.parents.through.objects.bulk_create(
        [
            BirthFamily.parents.through(birthfamily=f, person=parents[i])
            for i, f in enumerate(families)
        ]
    )
    PartnerHome.parents.through.objects.bulk_create(
        [
            PartnerHome.parents.through(partnerhome=h, person=parents[total + i])
            for i, h in enumerate(homes)
        ]
    )
    children = Child.objects.bulk_create(
        [
            Child(
                birth_family=f, first_name=f"Kid{i}{k}", birth_date=today - timedelta(days=2000 + k)
            )
            for i, f in enumerate(families)
            for k in range(2)
        ]
    )
    Placement.objects.bulk_create(
        [
            Placement(child=c, partner_home=homes[i // 2], started_on=today - timedelta(days=100))
            for i, c in enumerate(children)
        ]
    )
    stages = [s for s in Stage if s != Stage.REFERRED]
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                birth_family=f,
                partner_home=homes[i],
                coach=coaches[i % COACHES],
                stage=stages[i % len(stages)],
                stage_since=today - timedelta(days=i % 200),
            )
            for i, f in enumerate(families)
        ]
    )
    Partnership.children.through.objects.bulk_create(
        [
            Partnership.children.through(partnership=p, child=children[2 * i + k])
            for i, p in enumerate(partnerships)
            for k in range(2)
        ]
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=coaches[i % COACHES],
                action="viewed",
                record_type="families.child",
                record_id=str(children[i % len(children)].pk),
            )
            for i in range(AUDIT)
        ],
        batch_size=5000,
    )
    from django.utils import timezone as tz

    from intake.models import Submission

    now = tz.now()
    Submission.objects.bulk_create(
        [
            Submission(
                kind=["birth_parent", "partner_parent", "community", "referral"][i % 4],
                first_name=f"Visitor{i}",
                sender="bench",
                county=["Travis", "Hays"][i % 2],
                due_at=now + timedelta(hours=i % 96 - 48),
                first_contact_at=now if i % 3 == 0 else None,
                closed_at=now if i % 5 == 0 else None,
            )
            for i in range(SUBMISSIONS)
        ],
        batch_size=5000,
    )
    parent = _profiles(partnerships[0], children, parents[total], now)
    _calendar(partnerships, coaches, now)
    _casework(partnerships, coaches, now)
    _directory(partnerships, coaches, parents)
    _money(partnerships, coaches, director)
    _gatherings(coaches, parent, now)
    return director, coaches[0], parent


def _gatherings(coaches, parent, now):
    """A year of gatherings, one every three days, with forty replies each (the bench
    parent among them), and one large training with 2,000 replies, half checked in, for
    the organizer's pages."""
    import secrets

    from gatherings.models import Gathering, Registration, Status

    gatherings = Gathering.objects.bulk_create(
        [
            Gathering(
                title=f"Gathering {i}",
                starts_at=now + timedelta(days=3 * i - 300),
                place="Fellowship Hall",
                capacity=40,
                childcare=True,
                created_by=coaches[i % len(coaches)],
            )
            for i in range(GATHERINGS)
        ]
        + [
            Gathering(
                title="Bench training",
                starts_at=now + timedelta(days=2),
                place="Convention center",
                capacity=BUSY_GATHERING_REPLIES,
                childcare=True,
                created_by=coaches[0],
            )
        ]
    )
    busy = gatherings[-1]
    replies = []
    for gathering in gatherings[:-1]:
        past = gathering.starts_at < now
        for j in range(40):
            replies.append(
                Registration(
                    gathering=gathering,
                    user=parent if j == 0 else None,
                    name=f"Guest {gathering.pk}-{j}",
                    email=f"guest{gathering.pk}-{j}@example.net",
                    adults=1,
                    children_ages=[j % 12] if j % 3 == 0 else [],
                    status=Status.CONFIRMED if j < 36 else Status.WAITING,
                    secret=secrets.token_urlsafe(32),
                    checked_in_at=gathering.starts_at if past and j < 30 else None,
                )
            )
    for j in range(BUSY_GATHERING_REPLIES):
        replies.append(
            Registration(
                gathering=busy,
                name=f"Trainee {j}",
                email=f"trainee{j}@example.net",
                adults=1 + j % 2,
                children_ages=[j % 17, (j + 5) % 17] if j % 4 == 0 else [],
                dietary="Vegetarian" if j % 10 == 0 else "",
                interpretation="es" if j % 6 == 0 else "",
                status=Status.CONFIRMED if j % 3 else Status.WAITING,
                secret=secrets.token_urlsafe(32),
                checked_in_at=now if j % 2 else None,
            )
        )
    Registration.objects.bulk_create(replies, batch_size=5000)


def _money(partnerships, coaches, director):
    """Five funds and two requests per partnership over the last year, most of them paid
    (one ledger entry each), some approved, some waiting."""
    from decimal import Decimal

    from assistance.models import AssistanceRequest, Entry, Fund, Rules, Source, Status

    Rules.objects.create()
    funds = Fund.objects.bulk_create(
        [
            Fund(name=f"Fund {i}", source=Source.GRANT, budget=Decimal("5000000.00"))
            for i in range(5)
        ]
    )
    today = date.today()
    statuses = [Status.PAID, Status.PAID, Status.PAID, Status.APPROVED, Status.SUBMITTED]
    assistance_requests = AssistanceRequest.objects.bulk_create(
        [
            AssistanceRequest(
                partnership=partnership,
                need=["rent", "utilities", "car_repair", "childcare"][(n + k) % 4],
                amount=Decimal(100 + (n * 7 + k) % 400) + Decimal("0.25"),
                payee="Vendor",
                due_on=today - timedelta(days=(n + k) % 360),
                purpose="Bench",
                status=statuses[(n + k) % 5],
                fund=funds[n % 5] if statuses[(n + k) % 5] != Status.SUBMITTED else None,
                approved_on=today - timedelta(days=(n + k) % 360),
                created_by=coaches[n % len(coaches)],
            )
            for n, partnership in enumerate(partnerships)
            for k in range(2)
        ],
        batch_size=5000,
    )
    Entry.objects.bulk_create(
        [
            Entry(
                fund_id=r.fund_id,
                request=r,
                amount=r.amount,
                method="check",
                paid_on=r.due_on,
                payee=r.payee,
                by=director,
            )
            for r in assistance_requests
            if r.status == Status.PAID
        ],
        batch_size=5000,
    )


def _directory(partnerships, coaches, parents):
    """A state-sized directory: SERVICES services of 10,000 organizations, each at its
    own place around Austin with hours, one or two languages and needs; and three
    referrals per partnership at every point of the loop."""
    import random
    import uuid

    from directory import models as d
    from directory.needs import NEEDS, needs_ensure, term_id
    from directory.search import search_text_refresh
    from referrals.models import Referral, Status

    needs_ensure()
    rng = random.Random(8)  # noqa: S311 - made-up data, nothing secret
    zips = ["78701", "78702", "78704", "78723", "78741", "78745", "78752", "78753", "78757"]
    words = ["family", "community", "center", "help", "care", "house", "bridge", "hope"]
    codes = list(NEEDS)
    organizations = d.Organization.objects.bulk_create(
        [d.Organization(name=f"{rng.choice(words).title()} Org {i}") for i in range(SERVICES // 5)],
        batch_size=5000,
    )
    services, locations, addresses, at, hours, languages, tags, phones = ([] for _ in range(8))
    for i in range(SERVICES):
        need = codes[i % len(codes)]
        service = d.Service(
            id=uuid.UUID(int=i + 1),
            organization=organizations[i // 5],
            name=f"{NEEDS[need]} service {i}",
            description=f"{rng.choice(words)} {rng.choice(words)} for families",
            fees_description="" if i % 3 else "Sliding scale",
        )
        services.append(service)
        location = d.Location(
            id=uuid.UUID(int=10**9 + i),
            latitude=30.15 + rng.random() * 0.3,
            longitude=-97.9 + rng.random() * 0.3,
        )
        locations.append(location)
        addresses.append(
            d.Address(
                location=location,
                address_1=f"{i} Main Street",
                city="Austin",
                state_province="TX",
                postal_code=rng.choice(zips),
            )
        )
        at.append(d.ServiceAtLocation(service=service, location=location))
        hours.append(
            d.Schedule(
                service=service,
                freq="WEEKLY",
                byday=rng.choice(["MO,TU,WE,TH,FR", "SA", "TU,TH"]),
                opens_at=clock(rng.choice([8, 9, 13])),
                closes_at=clock(17),
            )
        )
        languages.append(d.Language(service=service, code="en", name="English"))
        if i % 3 == 0:
            languages.append(d.Language(service=service, code="es", name="Spanish"))
        tags.append(d.Attribute(link_id=service.id, taxonomy_term_id=term_id(need)))
        phones.append(d.Phone(service=service, number=f"+1 512 555 {i % 10000:04d}"))
    for model, rows in (
        (d.Service, services),
        (d.Location, locations),
        (d.Address, addresses),
        (d.ServiceAtLocation, at),
        (d.Schedule, hours),
        (d.Language, languages),
        (d.Attribute, tags),
        (d.Phone, phones),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    search_text_refresh()
    statuses = list(Status)
    Referral.objects.bulk_create(
        [
            Referral(
                person=parents[n],
                partnership=partnership,
                service=services[(n * 7 + k) % SERVICES],
                need=codes[(n + k) % len(codes)],
                status=statuses[(n + k) % len(statuses)],
                status_on=date.today() - timedelta(days=(n + k) % 30),
                created_by=coaches[n % len(coaches)],
            )
            for n, partnership in enumerate(partnerships)
            for k in range(3)
        ],
        batch_size=5000,
    )


def _casework(partnerships, coaches, now):
    """Per partnership: a year of weekly contacts, a case plan of three goals with four
    steps each, and six check-ins; five training modules."""
    from caseplan.models import Contact, Goal, Step
    from training.models import Module, Page

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


def _calendar(partnerships, coaches, now):
    """Per partnership: weekly family time for the last twelve weeks and on, with each
    past date's attendance and one moved date; a fortnightly appointment; a hearing."""
    from schedule.models import Attendance, Change, Event

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


def _profiles(partnership, children, home_parent, now):
    """A partner parent with an account and an acknowledged agreement, every child's
    profile written a little, and one child's profile edited thousands of times."""
    from aboutme.models import Entry
    from aboutme.topics import TOPICS
    from agreements.models import Acknowledgment, AgreementVersion, Consent, HomeTerms

    parent = User.objects.create_user(email="bench-parent@example.org", password="x")
    parent.groups.add(Group.objects.get(name=Role.PARTNER_PARENT))
    home_parent.user = parent
    home_parent.save(update_fields=["user"])
    writer = User.objects.create_user(email="bench-birth@example.org", password="x")
    writer.groups.add(Group.objects.get(name=Role.BIRTH_PARENT))
    mother = partnership.birth_family.parents.get()
    mother.user = writer
    mother.save(update_fields=["user"])
    version = AgreementVersion.objects.create(partnership=partnership, number=1, drafted_by=writer)
    for side in ("birth", "partner"):
        HomeTerms.objects.create(version=version, side=side)
    for reader in (parent, writer):
        Acknowledgment.objects.create(version=version, user=reader)
    Consent.objects.create(partnership=partnership, person=mother, purpose="other_home", given=True)
    busy = children[0]
    rows = [
        Entry(
            child=busy,
            topic=TOPICS[i % len(TOPICS)].code,
            author="birth",
            text=f"Version {i} of what she loves.",
            language="en",
            written_by=writer,
        )
        for i in range(BUSY_CHILD_ENTRIES)
    ] + [
        Entry(
            child=children[i % len(children)],
            topic=TOPICS[i % len(TOPICS)].code,
            author=["birth", "partner", "coach"][i % 3],
            text="A few words.",
            language="es",
            written_by=writer,
        )
        for i in range(PROFILE_ENTRIES)
    ]
    Entry.objects.bulk_create(rows, batch_size=5000)
    _posts(partnership, parent, writer)
    return parent


def _posts(busy, parent, writer):
    """A journal of thousands of shared posts with reactions and replies in one
    partnership, and posts spread over all the others."""
    from journal.models import Post, Reaction

    others = list(Partnership.objects.exclude(pk=busy.pk).values_list("pk", flat=True))
    posts = Post.objects.bulk_create(
        [
            Post(
                partnership_id=busy.pk if i < BUSY_PARTNERSHIP_POSTS else others[i % len(others)],
                author=writer,
                side="birth",
                text=f"Moment number {i}: the children at the park.",
                status="published",
            )
            for i in range(POSTS)
        ],
        batch_size=5000,
    )
    mine = posts[:BUSY_PARTNERSHIP_POSTS]
    Post.objects.bulk_create(
        [
            Post(
                partnership_id=busy.pk,
                reply_to=post,
                author=parent,
                side="partner",
                text="Thank you!",
                status="published",
            )
            for post in mine
        ],
        batch_size=5000,
    )
    Reaction.objects.bulk_create(
        [Reaction(post=post, user=parent, kind="heart") for post in mine], batch_size=5000
    )


def measure(client, url):
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries, len(response.content)


def main():
    name = settings.DATABASES["default"]["NAME"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and Path(name).exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    director, coach, parent = generate()
    if connection.vendor == "postgresql":
        # Statistics as autovacuum keeps them in a running program, for realistic plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from families.models import Child as ChildModel

    busy = ChildModel.objects.order_by("pk").first()
    from assistance.models import Fund as BenchFund

    bench_fund = BenchFund.objects.order_by("pk").first()
    from gatherings.models import Gathering as BenchGathering

    busy_gathering = BenchGathering.objects.get(title="Bench training")
    shared = busy.partnerships.get()
    print(
        f"Generated {COACHES * PER_COACH:,} partnerships, {COACHES * PER_COACH * 2:,} children, "
        f"{AUDIT:,} audit entries, {SUBMISSIONS:,} interest forms, "
        f"{PROFILE_ENTRIES + BUSY_CHILD_ENTRIES:,} All About Me entries, "
        f"{POSTS:,} journal posts, {COACHES * PER_COACH * 3:,} calendar events, "
        f"{COACHES * PER_COACH * 52:,} contacts, {SERVICES:,} directory services, "
        f"{GATHERINGS + 1:,} gatherings with {GATHERINGS * 40 + BUSY_GATHERING_REPLIES:,} replies "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})\n"
    )
    print(f"{'page':<38}{'as':<10}{'median ms':>10}{'queries':>9}{'KB':>7}")
    pages = [
        ("/", "coach", coach),
        ("/partnerships/", "coach", coach),
        ("/families/", "coach", coach),
        ("/families/homes/", "coach", coach),
        ("/", "director", director),
        ("/partnerships/", "director", director),
        ("/partnerships/?page=20", "director", director),
        ("/audit/", "director", director),
        ("/audit/?record_type=families.child", "director", director),
        ("/intake/", "coach", coach),
        ("/intake/?county=Hays&kind=referral", "coach", coach),
        ("/intake/figures/", "director", director),
        ("/", "parent", parent),
        (f"/about-me/{busy.pk}/", "parent", parent),
        (f"/about-me/{busy.pk}/history/", "parent", parent),
        (f"/about-me/partnership/{shared.pk}/print/", "parent", parent),
        (f"/agreements/{shared.pk}/", "parent", parent),
        (f"/journal/{shared.pk}/", "parent", parent),
        (f"/journal/{shared.pk}/?page=150", "parent", parent),
        ("/journal/review/", "coach", coach),
        ("/messages/", "parent", parent),
        ("/calendar/", "coach", coach),
        ("/calendar/?view=month", "coach", coach),
        ("/calendar/?view=week", "parent", parent),
        ("/calendar/", "director", director),
        (f"/casework/{shared.pk}/contacts/", "coach", coach),
        ("/casework/contacts/report/", "director", director),
        (f"/casework/{shared.pk}/plan/", "coach", coach),
        ("/training/behind/", "coach", coach),
        ("/resources/", "coach", coach),
        ("/resources/?q=childcare", "coach", coach),
        ("/resources/?q=family+help&language=es", "coach", coach),
        ("/resources/?need=childcare&language=es&near=78702&miles=5", "coach", coach),
        ("/resources/?need=food&open=now&near=78741&miles=10&free=on", "coach", coach),
        ("/resources/?open=SA", "coach", coach),
        ("/resources/?q=nothingmatches", "coach", coach),
        ("/resources/?q=care&page=40", "coach", coach),
        (f"/resources/{uuid.UUID(int=77)}/", "coach", coach),
        ("/referrals/", "coach", coach),
        ("/referrals/?status=open", "coach", coach),
        ("/referrals/figures/", "director", director),
        ("/", "coach (again)", coach),
        ("/assistance/", "director", director),
        ("/assistance/report/", "director", director),
        ("/assistance/report/ledger.csv", "director", director),
        (f"/assistance/funds/{bench_fund.pk}/", "director", director),
        ("/assistance/", "coach", coach),
        ("/gatherings/", "parent", parent),
        ("/gatherings/", "coach", coach),
        ("/gatherings/?when=past", "coach", coach),
        ("/gatherings/gatherings.ics", "parent", parent),
        ("/gatherings/who-comes/", "coach", coach),
        (f"/gatherings/{busy_gathering.pk}/", "parent", parent),
        (f"/gatherings/{busy_gathering.pk}/organize/", "coach", coach),
        (f"/gatherings/{busy_gathering.pk}/door/", "coach", coach),
        (f"/gatherings/{busy_gathering.pk}/door/?q=Trainee+19", "coach", coach),
    ]
    for url, who, user in pages:
        client = Client()
        client.force_login(user)
        ms, queries, size = measure(client, url)
        print(f"{url:<38}{who:<10}{ms:>10.1f}{queries:>9}{size / 1024:>7.1f}")
    _sweep()


def _sweep():
    """The reminder sweep the worker runs every five minutes, over the whole program."""
    from django.utils import timezone as tz

    from schedule.reminders import reminders_due

    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            due = reminders_due(tz.now())
            times.append((time.perf_counter() - started) * 1000)
    label = f"reminder sweep ({len(due)} due)"
    print(f"{label:<38}{'worker':<10}{statistics.median(times):>10.1f}{len(captured):>9}")
    _nudges()


def _nudges():
    """The same sweep's referral nudges: the first sweep after a week of no change, over
    the whole program, up to one batch; rolled back after each run to measure the same."""
    from referrals.reminders import nudges_send

    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured, transaction.atomic():
            started = time.perf_counter()
            sent = nudges_send()
            times.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    label = f"referral nudges ({sent} sent)"
    print(f"{label:<38}{'worker':<10}{statistics.median(times):>10.1f}{len(captured):>9}")
    _gathering_reminders()


def _gathering_reminders():
    """The same sweep's day-before reminders for gatherings (the large training's 1,334
    places are due); rolled back after each run to measure the same."""
    from django.utils import timezone as tz

    from gatherings.reminders import reminders_send

    times, queries = [], []

    def count(execute, sql, params, many, context):
        queries[-1] += 1
        return execute(sql, params, many, context)

    for _ in range(RUNS):
        queries.append(0)
        with connection.execute_wrapper(count), transaction.atomic():
            started = time.perf_counter()
            sent = reminders_send(now=tz.now() + timedelta(days=1, hours=1))
            times.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    # Each reminder sent is a row and a queued task: the queries grow with what is sent.
    label = f"gathering reminders ({sent} sent)"
    print(f"{label:<38}{'worker':<10}{statistics.median(times):>10.1f}{queries[-1]:>9}")


if __name__ == "__main__":
    main()
