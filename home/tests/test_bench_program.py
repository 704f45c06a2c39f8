"""The benchmarks' generated program (bench/generate/), a few rows of each kind: it holds
what its figures say, the same day makes the same program, and the load tests' sessions
(bench/sessions.py) let each of their people in as a sign-in would."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from accounts.models import SignedInSession
from audit.models import AuditEntry
from bench.counts import program_counts
from bench.generate import generate
from bench.scale import Figures
from bench.sessions import personas, session_cookie, session_key
from directory.models import Address, Service
from gatherings.models import Registration
from journal.models import Post
from schedule.models import Event

TINY = Figures(
    coaches=2,
    partnerships=6,
    children=15,
    events=40,
    assistance_requests=15,
    posts=30,
    services=10,
    audit=20,
    submissions=8,
    profile_entries=30,
    gatherings=3,
    finance=1,
    parent_accounts=True,
    busy_child_entries=5,
    busy_partnership_posts=4,
    busy_gathering_replies=6,
)
NOW = datetime(2026, 3, 2, 12, tzinfo=ZoneInfo("America/Chicago"))


def test_the_bench_program_holds_what_its_figures_say(db):
    generate(TINY, now=NOW)

    counts = program_counts()
    assert counts["partnerships"] == 6
    assert counts["children"] == 15  # two and three by turns
    assert counts["calendar events"] == 40
    assert counts["assistance requests"] == 15
    assert counts["journal posts"] == 30 + 4  # and a reply to each of the busy ones
    assert counts["directory services"] == 10
    assert counts["staff accounts"] == 1 + 2 + 1
    assert counts["parent accounts"] == 2 * 6


def content():
    """What the generation chose, without the keys the database gave: those go on
    counting after a rollback on PostgreSQL."""
    return [
        list(
            Post.objects.order_by("created_at").values_list(
                "partnership__birth_family__name", "author__email", "side", "text", "created_at"
            )
        ),
        list(
            Event.objects.order_by("starts_at", "title").values_list(
                "partnership__birth_family__name", "kind", "title", "starts_at", "minutes"
            )
        ),
        # A guest's name holds the gathering's key: the link is enough.
        list(Registration.objects.order_by("secret").values_list("secret", "gathering__title")),
        list(AuditEntry.objects.order_by("at").values_list("at", "actor__email")),
        list(Service.objects.order_by("pk").values_list("pk", "name", "description")),
        list(Address.objects.order_by("pk").values_list("pk", "postal_code")),
    ]


def test_the_same_day_makes_the_same_program(db):
    made = []
    for _ in range(2):
        with transaction.atomic():
            generate(TINY, now=NOW)
            made.append(content())
            transaction.set_rollback(True)

    assert made[0] == made[1]
    assert all(made[0])


def test_a_load_tests_session_lets_each_of_its_people_in_past_the_second_factor(db, client):
    generate(TINY, now=NOW)

    for name, user in personas().items():
        client.cookies.clear()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key(user)
        response = client.get("/")

        assert response.status_code == 200, name
        assert response.wsgi_request.user == user
        assert response.wsgi_request.user.is_verified() == user.is_program_staff
    assert SignedInSession.objects.filter(user=personas()["coach"]).exists()


def test_a_load_tests_cookie_names_the_session(db):
    generate(TINY, now=NOW)

    name, key = session_cookie(personas()["director"]).split("=")

    assert name == settings.SESSION_COOKIE_NAME
    assert SignedInSession.objects.filter(session_key=key).exists()
