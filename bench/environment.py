"""The settings the outcomes benchmark, the statewide program and the load test run under:
production's (no debug, no HTTPS on this machine), a database of their own unless
DATABASE_URL names one. Set before Django is set up, by each script, so the server
bench/load.py starts reads the same database the program was generated into."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(database: str = "outcomes.sqlite3"):
    """Production's settings for a benchmark, its SQLite file `bench/<database>` unless
    DATABASE_URL names another."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "village.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("VILLAGE_HTTPS", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    # Production settings insist on SMTP; the benchmark sends no mail.
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    os.environ.setdefault("EMAIL_HOST", "localhost")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / database}")


def fresh():
    """An empty database at the latest migration, with the static files collected: a new
    SQLite file, or PostgreSQL's tables emptied (flush keeps the roles: they are made
    again after it), the database created first when the server has none of that name.
    Called after django.setup()."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    name = settings.DATABASES["default"]["NAME"]
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    else:
        database_create(settings.DATABASES["default"])
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    # The pages name their stylesheet by its hashed name, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


def database_create(database: dict) -> None:
    """Create DATABASE_URL's PostgreSQL database when its server does not have it yet."""
    import psycopg
    from psycopg import sql

    server = {
        key: database[setting]
        for key, setting in (("host", "HOST"), ("port", "PORT"), ("user", "USER"))
        if database.get(setting)
    }
    if database.get("PASSWORD"):
        server["password"] = database["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        known = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]])
        if known.fetchone() is None:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))
