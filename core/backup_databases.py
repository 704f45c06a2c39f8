"""The database half of a backup: copied out and back in, SQLite or PostgreSQL, and its
tables' row counts and applied migrations read from the copy itself
(docs/decisions/0043-backups.md).

Each step opens connections of its own from a DATABASES entry rather than using Django's
`connections`: a backup reads a snapshot while the program goes on writing, and a restore
may target a database the running program is not using (a test's new file or database).
"""

import copy
import hashlib
import os
import shutil
import sqlite3
import subprocess  # nosec B404: PostgreSQL's own pg_dump and pg_restore, no shell
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import batched
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError
from django.db.utils import load_backend

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
#: The file a backup's database is kept in, per engine.
DATABASE_FILES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.dump"}
#: What setting Village up writes into a new database by itself, which an empty place may
#: hold: `migrate`'s own rows, and the reminder sweep that `start_reminders` (run by
#: `manage.py serve` at each start) queues. An app that adds rows in a migration names
#: its tables in its AppConfig's `filled_by_setup`.
FILLED_BY_SETUP = (
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "django_tasks_database_dbtaskresult",
)


class BackupError(Exception):
    """A backup or restore that cannot go on, in words for the person running it."""


@dataclass(frozen=True)
class DatabaseCopy:
    engine: str
    file: str
    #: Every table's rows, as the copy holds them.
    tables: dict[str, int]
    #: The migrations applied, per app, as the copy holds them.
    migrations: dict[str, list[str]]


def engine_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return SQLITE
    if engine.endswith("postgresql"):
        return POSTGRESQL
    raise BackupError(f"Backups know SQLite and PostgreSQL databases, not {engine}.")


@contextmanager
def opened(database: dict, alias: str) -> Iterator:
    """A connection of its own to the database a DATABASES entry names, closed after."""
    settings = copy.deepcopy(database)
    # A pool would outlive this one connection.
    settings["OPTIONS"] = {k: v for k, v in settings.get("OPTIONS", {}).items() if k != "pool"}
    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias)
    try:
        yield wrapper
    finally:
        wrapper.close()


def state_of(wrapper) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Every table's row count and the migrations applied, in one connection (so inside
    whatever transaction or snapshot it is in)."""
    quote = wrapper.ops.quote_name
    counts: dict[str, int] = {}
    with wrapper.cursor() as cursor:
        tables = sorted(wrapper.introspection.table_names(cursor))
        # In groups: SQLite allows 500 terms in one compound SELECT.
        for group in batched(tables, 100):
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT {n}, COUNT(*) FROM {quote(table)}"  # noqa: S608 - its own tables
                    for n, table in enumerate(group)
                )
            )
            found = dict(cursor.fetchall())
            counts.update((table, found[n]) for n, table in enumerate(group))
        migrations: dict[str, list[str]] = {}
        if "django_migrations" in counts:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            for app, name in cursor.fetchall():
                migrations.setdefault(app, []).append(name)
    return counts, migrations


def tables_filled_by_setup() -> set[str]:
    names = set(FILLED_BY_SETUP)
    for config in apps.get_app_configs():
        names.update(getattr(config, "filled_by_setup", ()))
    return names


def records_in(database: dict) -> dict[str, int]:
    """The tables of the database holding rows that setting Village up did not write:
    none in a new database, or one that was only migrated (and served for a moment)."""
    if engine_of(database) == SQLITE and not _sqlite_path(database).exists():
        return {}
    try:
        with opened(database, "restore-target") as wrapper:
            counts, _ = state_of(wrapper)
    except DatabaseError as error:
        raise BackupError(
            f"Cannot open the database to restore into ({_named(database)}): {error}".strip()
        ) from None
    filled = tables_filled_by_setup()
    return {table: rows for table, rows in counts.items() if rows and table not in filled}


def tables_in(database: dict) -> set[str]:
    if engine_of(database) == SQLITE and not _sqlite_path(database).exists():
        return set()
    with opened(database, "restore-target") as wrapper, wrapper.cursor() as cursor:
        return set(wrapper.introspection.table_names(cursor))


def read_state(database: dict) -> tuple[dict[str, int], dict[str, list[str]]]:
    with opened(database, "restore-check") as wrapper:
        return state_of(wrapper)


def database_copy_out(*, database: dict, folder: Path) -> DatabaseCopy:
    """Copy the database into the folder, consistently while the program keeps writing."""
    engine = engine_of(database)
    target = folder / DATABASE_FILES[engine]
    try:
        if engine == SQLITE:
            tables, migrations = _sqlite_out(database, target)
        else:
            tables, migrations = _postgres_out(database, target)
    except (DatabaseError, sqlite3.Error) as error:
        raise BackupError(f"Cannot read the database ({_named(database)}): {error}") from None
    target.chmod(0o600)
    return DatabaseCopy(engine=engine, file=target.name, tables=tables, migrations=migrations)


def database_copy_in(*, database: dict, source: Path) -> None:
    """Write a backup's database into the (empty) database the DATABASES entry names."""
    if engine_of(database) == SQLITE:
        _sqlite_in(database, source)
    else:
        _postgres_in(database, source)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


# --- SQLite ----------------------------------------------------------------------------


def _sqlite_path(database: dict) -> Path:
    name = str(database["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("Backups need a SQLite database kept in a file.")
    return Path(name)


def _sqlite_out(database: dict, target: Path):
    path = _sqlite_path(database)
    if not path.is_file():
        raise BackupError(f"There is no SQLite database at {path}.")
    # The online backup API copies every page in one step under a read transaction: a
    # consistent copy, and in WAL mode the program's writers do not wait for it.
    with (
        closing(sqlite3.connect(path, timeout=20)) as live,
        closing(sqlite3.connect(target)) as kept,
    ):
        live.backup(kept)
        # One self-contained file: no -wal or -shm beside it, readable from read-only media.
        kept.execute("PRAGMA journal_mode=DELETE")
    # Counted in the copy itself: exactly what the backup holds.
    return read_state({**database, "NAME": str(target), "OPTIONS": {}})


def _sqlite_in(database: dict, source: Path) -> None:
    path = _sqlite_path(database)
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} for the database does not exist.")
    # The backup API replaces every page of the target: what migrate alone put there goes.
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as kept,
        closing(sqlite3.connect(path, timeout=20)) as target,
    ):
        kept.backup(target)
    path.chmod(0o600)


# --- PostgreSQL ------------------------------------------------------------------------


def _postgres_out(database: dict, target: Path):
    # Counted and dumped from one snapshot: a REPEATABLE READ transaction exports it and
    # pg_dump reads the same one, so the counts are the dump's even while people write.
    with opened(database, "backup-snapshot") as wrapper, wrapper.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        state = state_of(wrapper)
        _run(
            "pg_dump",
            ["--format=custom", f"--snapshot={snapshot}", f"--file={target}", "--no-password"],
            database,
        )
        cursor.execute("COMMIT")
    return state


def _postgres_in(database: dict, source: Path) -> None:
    # --clean drops, before making them again, the backup's tables (and their functions
    # and triggers) that migrate alone may have made; --single-transaction makes the
    # whole restore happen or none of it.
    _run(
        "pg_restore",
        [
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={database['NAME']}",
            str(source),
        ],
        database,
    )


def _libpq_env(database: dict) -> dict[str, str]:
    """Where and as whom, for PostgreSQL's own programs: from the DATABASES entry, the
    password in the environment rather than on a command line others can list."""
    options = database.get("OPTIONS", {})
    given = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGOPTIONS": options.get("options"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGAPPNAME": "village-backup",
    }
    return {**os.environ, **{key: str(value) for key, value in given.items() if value}}


def _run(program: str, arguments: list[str], database: dict) -> None:
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            f"{program} is not installed. Install PostgreSQL's client programs "
            "(apt-get install postgresql-client), the server's major version or newer."
        )
    done = subprocess.run(  # noqa: S603 # nosec B603 - found on the PATH, our own arguments
        [found, *arguments], env=_libpq_env(database), capture_output=True, text=True
    )
    if done.returncode != 0:
        said = " ".join(done.stderr.split())[-800:]
        raise BackupError(f"{program} failed on {_named(database)}: {said}")


def _named(database: dict) -> str:
    if engine_of(database) == SQLITE:
        return str(database["NAME"])
    return f"database {database['NAME']} on {database.get('HOST') or 'localhost'}"
