"""Security events in the trail (docs/decisions/0022): the action grows to hold their
names, a day's count of one action is indexed, and the directors' unusual-access notices
are remembered a day at a time.

SQLite cannot widen a column in place: Django copies the table into a new one, and the
append-only triggers of migration 0002 go with the old table. They are made again on the
new one, after the change and after undoing it. PostgreSQL widens a varchar in place and
keeps its triggers."""

import importlib

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


APPEND_ONLY = importlib.import_module("audit.migrations.0002_append_only")


def sqlite_triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in APPEND_ONLY.SQLITE_REVERSE + APPEND_ONLY.SQLITE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UnusualAccessNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=30)),
                ("day", models.DateField()),
                ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        # Undoing the wider field copies the table again: its triggers are made after.
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers_again),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("viewed", "viewed"),
                    ("created", "created"),
                    ("changed", "changed"),
                    ("removed", "removed"),
                    ("invited", "invited"),
                    ("signed_in", "signed in"),
                    ("sign_in_failed", "sign-in failed"),
                    ("locked_out", "locked out"),
                    ("unlocked", "unlocked"),
                    ("signed_out", "signed out"),
                    ("sessions_ended", "sessions ended"),
                    ("password_changed", "password changed"),
                    ("reset_requested", "password reset asked for"),
                    ("password_reset", "password reset"),
                    ("factor_added", "second factor added"),
                    ("factor_removed", "second factor removed"),
                    ("factor_failed", "second factor failed"),
                    ("refused", "refused"),
                ],
                max_length=20,
                verbose_name="what",
            ),
        ),
        migrations.RunPython(sqlite_triggers_again, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["action", "at"], name="audit_audit_action_89e0f9_idx"),
        ),
        migrations.AddConstraint(
            model_name="unusualaccessnotice",
            constraint=models.UniqueConstraint(
                fields=("kind", "day"), name="one_unusual_notice_a_day"
            ),
        ),
    ]
