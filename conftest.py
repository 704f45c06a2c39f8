"""Shared fixtures: the personas every test speaks of.

`coach`, `birth_parent` and `partner_parent` share `partnership`; `outsider` is a birth
parent in `other_partnership`, coached by `other_coach`. `director`, `finance` and
`volunteer` complete the program.
"""

import sqlite3
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.db import connection, connections
from django.db.models import query
from django.db.models.fetch_modes import FETCH_RAISE

from accounts.models import Role
from accounts.testing import sign_in_client
from home.testing import PASSWORD, agreement_for, demo_loaded, partnership_for, person_with_account

pytest_plugins = ["core.tests.browser_fixtures", "core.tests.object_storage"]


@pytest.fixture(autouse=True)
def _lazy_loads_raise(monkeypatch):
    """Any lazy load of a related object fails the test: pages must fetch what they show
    up front, so their query count does not grow with the rows."""
    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", FETCH_RAISE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as each starts with empty tables: throttle
    counts and cached fragments of an earlier test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code run outside a request speaks English unless a test says otherwise: a request
    in Spanish earlier on the same worker must not change what the next test reads."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def demo(db):
    """The demo program (home/demo.py) in the test's database. Use this, not load_demo():
    after the first load in a process the demo's rows are written back, in a fraction of
    the time (home.testing.demo_loaded, decision 0033)."""
    from django.contrib.contenttypes.models import ContentType

    demo_loaded()
    yield
    # Rolled back with the test: the content types go back to the ids they had before.
    ContentType.objects.clear_cache()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def director(db):
    return person_with_account(Role.DIRECTOR, first_name="Dana")


@pytest.fixture
def coach(db):
    return person_with_account(Role.COACH, first_name="Carmen")


@pytest.fixture
def other_coach(db):
    return person_with_account(Role.COACH, first_name="Olivia")


@pytest.fixture
def finance(db):
    return person_with_account(Role.FINANCE, first_name="Frank")


@pytest.fixture
def volunteer(db):
    return person_with_account(Role.VOLUNTEER, first_name="Vera")


@pytest.fixture
def birth_parent(db):
    return person_with_account(Role.BIRTH_PARENT, first_name="Beatriz")


@pytest.fixture
def partner_parent(db):
    return person_with_account(Role.PARTNER_PARENT, first_name="Paula")


@pytest.fixture
def outsider(db):
    return person_with_account(Role.BIRTH_PARENT, first_name="Olga")


@pytest.fixture
def partnership(coach, birth_parent, partner_parent):
    return partnership_for(
        coach=coach, birth_parent=birth_parent, partner_parent=partner_parent, children=2
    )


@pytest.fixture
def other_partnership(other_coach, outsider):
    return partnership_for(coach=other_coach, birth_parent=outsider)


@pytest.fixture
def agreed(partnership, coach, birth_parent, partner_parent):
    """The partnership once both homes acknowledged an agreement that shares the children's
    news both ways but no contact details, and both parents consented to sharing."""
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent],
        consent=[birth_parent, partner_parent],
    )
    return partnership


@pytest.fixture
def security_events():
    """The security events announced during the test (core/security.py), as
    (event, user, detail)."""
    from core.security import security_event

    heard = []

    def listen(sender, event, user, detail, **kwargs):
        heard.append((event, user, detail))

    security_event.connect(listen, dispatch_uid="test-security-events")
    yield heard
    security_event.disconnect(dispatch_uid="test-security-events")


@pytest.fixture
def kept_a_minute(settings):
    """Production's minute for the kept parts of pages (decision 0048): the suite writes
    every page afresh (test_settings)."""
    settings.BADGE_SECONDS = 60


@pytest.fixture
def client_for(client):
    """client_for(user) signs the test client in as that person."""

    def sign_in(user):
        return sign_in_client(client, user)

    return sign_in


# The longest tests, started first: pytest-xdist hands tests out in the order they are
# collected, so a walk of every page that starts last keeps one worker busy alone while
# the other sits idle. Measured with --durations; a module not listed keeps its place.
SLOW_FIRST = (
    "home/tests/test_every_page.py",  # the crawls in Chromium, up to two minutes each
    "home/tests/test_access.py",  # every URL as every persona
    "home/tests/test_no_dead_ends.py",
    "home/tests/attack/",
    "accounts/tests/test_sessions_browser.py",  # waits out a real idle timeout
    "directory/tests/test_open_in_the_database.py",  # Hypothesis against the database
    "directory/tests/test_hours_against_rrule.py",
    "core/tests/test_deploy_check.py",  # starts manage.py in subprocesses
    "core/tests/test_serve.py",  # migrates and serves a database of its own, twice
    "core/tests/test_backups.py",  # pg_dump and pg_restore into databases of their own
    "home/tests/nothing_lost/",  # kills and starts gunicorn again, half a minute
    "home/tests/test_rules.py",
)


def pytest_collection_modifyitems(config, items):
    def rank(item):
        path = item.nodeid.split("::")[0]
        return next(
            (n for n, slow in enumerate(SLOW_FIRST) if path.startswith(slow)), len(SLOW_FIRST)
        )

    items.sort(key=rank)  # stable: within a rank, the order collected


@dataclass
class Database:
    url: str  # for the server's DATABASE_URL
    name: str  # for the test's own connection (world.in_database)


@pytest.fixture
def own_database(transactional_db, tmp_path):
    """A database of the test's own, migrated as the suite's is: a copy of the suite's,
    empty outside a transaction. Running every migration again would take a minute."""
    if connection.vendor == "sqlite":
        path = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        yield Database(f"sqlite:///{path}", str(path))
        return
    suite = connection.settings_dict
    name = f"{suite['NAME']}_copy"[:63]
    # PostgreSQL copies a database only while nobody is connected to it.
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{suite["NAME"]}"')
    password = f":{quote(suite['PASSWORD'], safe='')}" if suite["PASSWORD"] else ""
    host = f"{suite['HOST'] or '127.0.0.1'}:{suite['PORT'] or 5432}"
    try:
        yield Database(f"postgres://{quote(suite['USER'], safe='')}{password}@{host}/{name}", name)
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
