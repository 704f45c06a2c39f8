"""The one door through which the audit table may be emptied: `flush`, which wipes the
whole database (tests between runs, a demo reset). Everything else is refused by triggers.

SQLite has no session variables, so its trigger asks a function that Village registers on
each connection; a connection without it (the sqlite3 shell) cannot delete at all.
PostgreSQL's flush uses TRUNCATE, whose trigger reads a session setting.
"""

from contextlib import contextmanager

from django.db.backends.signals import connection_created

_maintenance = {"on": False}


def _register(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "village_audit_maintenance", 0, lambda: 1 if _maintenance["on"] else 0
        )


connection_created.connect(_register, dispatch_uid="village_audit_maintenance")


@contextmanager
def audit_maintenance(connection):
    _maintenance["on"] = True
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET village.audit_maintenance = 'on'")
        yield
    finally:
        _maintenance["on"] = False
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET village.audit_maintenance")
