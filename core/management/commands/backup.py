"""Back up the database and the uploaded files into a folder (docs/decisions/0043-backups.md).

Safe while Village runs: SQLite is copied with its online backup API, PostgreSQL dumped
by pg_dump from one snapshot. The files are read through the storage API, wherever they
are kept. The folder holds everything a program knows: keep it as private as the
database."""

import time
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backups import BackupError, backup_make


def size_in_words(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""  # not reached


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into a new folder, named for the "
        "time, inside DIR (or exactly into --to FOLDER)."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("dir", nargs="?", type=Path, help="Where the new backup folder is made.")
        where.add_argument("--to", type=Path, help="The backup's own folder: new, or empty.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, dir=None, to=None, database=DEFAULT_DB_ALIAS, **options):
        if to is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            to = dir / f"village-{stamp}"
            if to.exists():
                raise CommandError(f"{to} already exists: wait a second and back up again.")
        started = time.perf_counter()
        try:
            manifest = backup_make(
                into=to, database=connections[database].settings_dict, storage=default_storage
            )
        except BackupError as refusal:
            raise CommandError(str(refusal)) from None
        tables = manifest["database"]["tables"]
        files = manifest["files"]
        size = sum(path.stat().st_size for path in to.iterdir())
        self.stdout.write(
            f"Backed up {len(tables)} tables ({sum(tables.values())} rows) and "
            f"{len(files)} files ({size_in_words(sum(f['size'] for f in files))}) in "
            f"{time.perf_counter() - started:.1f} s; the backup takes {size_in_words(size)}:"
        )
        self.stdout.write(str(to.resolve()))
