"""Restore a backup made by `manage.py backup` into an empty database and an empty storage
(docs/decisions/0043-backups.md).

It refuses, before writing anything, a backup whose manifest is missing or damaged, whose
files do not match their checksums, or whose database is of a newer Village; and a
database that holds records or a storage that holds files: a restore never writes over a
program. Once restored, every table's row count and every file's checksum are checked
against the manifest."""

import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backups import BackupError, backup_restore
from core.management.commands.backup import size_in_words


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database and an empty storage."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A folder `manage.py backup` made.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The (empty) database to restore into."
        )

    def handle(self, *args, folder, database=DEFAULT_DB_ALIAS, **options):
        started = time.perf_counter()
        try:
            restored = backup_restore(
                folder=folder,
                database=connections[database].settings_dict,
                storage=default_storage,
            )
        except BackupError as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(
            f"Restored the backup made {restored.made_at} by Village {restored.version}: "
            f"{restored.tables} tables ({restored.rows} rows) and {restored.files} files "
            f"({size_in_words(restored.bytes)}), in {time.perf_counter() - started:.1f} s."
        )
        self.stdout.write(
            "Checked: every table's row count and every file's SHA-256 match the manifest."
        )
        if pending := restored.migrations_to_apply:
            self.stdout.write(
                f"The backup predates {len(pending)} of this Village's migrations: run "
                "`manage.py migrate` next."
            )
