"""The database itself refuses to change or remove audit entries.

The model already refuses; this stops raw SQL, a shell, or a future bug too. Only the
`flush` command, which wipes the whole database, may empty the table (audit/db.py).
See docs/decisions/0004-append-only-audit.md."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
       WHEN village_audit_maintenance() = 0
       BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update;",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete;",
]
POSTGRES = [
    """CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'The audit trail is append-only.'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE FUNCTION audit_entry_refuse_truncate() RETURNS trigger AS $$
       BEGIN
         IF coalesce(current_setting('village.audit_maintenance', true), '') = 'on' THEN
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'The audit trail is append-only.';
       END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_truncate();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;",
    "DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_auditentry;",
    "DROP FUNCTION IF EXISTS audit_entry_refuse_change();",
    "DROP FUNCTION IF EXISTS audit_entry_refuse_truncate();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = (
        POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
