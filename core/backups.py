"""Backups of the database and the uploaded files, and their restore into an empty place
(docs/decisions/0043-backups.md).

A backup is a folder of three things: the database (`database.sqlite3`, or
`database.dump` from pg_dump), the uploaded files in `files.tar`, read through the storage
API so it does not matter where they are kept, and `manifest.json`, written last: the
version, the migrations applied, every table's row count, every file's name, size and
SHA-256. A folder without its manifest is a backup that did not finish.

A restore checks everything it can before it writes anything (the manifest, every
checksum, the schema against this code's migrations, that the target database holds no
records and the storage no files), restores, then counts and hashes again what it wrote.
It never writes over a program's records: to replace a program, restore into a new place
and point Village at it.
"""

import hashlib
import json
import posixpath
import shutil
import tarfile
import tempfile
import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage
from django.db.migrations.loader import MigrationLoader

from core.backup_databases import (
    DATABASE_FILES,
    POSTGRESQL,
    BackupError,
    database_copy_in,
    database_copy_out,
    engine_of,
    read_state,
    records_in,
    sha256_of,
    tables_in,
)

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files.tar"
CHUNK = 1024 * 1024
#: Files up to this size are held in memory on their way into or out of the archive.
IN_MEMORY = 16 * 1024 * 1024

__all__ = ["BackupError", "Restored", "backup_make", "backup_restore", "stored_names"]


@dataclass(frozen=True)
class Restored:
    made_at: str
    version: str
    tables: int
    rows: int
    files: int
    bytes: int
    #: This code's migrations the backup predates: `migrate` applies them next.
    migrations_to_apply: list[str]


def backup_make(*, into: Path, database: dict, storage: Storage) -> dict:
    """Back up the database and every stored file into `into` (new, or an empty folder),
    and return the manifest written there."""
    made = not into.exists()
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    if any(into.iterdir()):
        raise BackupError(f"{into} is not empty: a backup goes into a new or empty folder.")
    into.chmod(0o700)
    try:
        return _backup_into(into, database, storage)
    except BaseException:
        # Half a backup is no backup: nothing is left that could be taken for one.
        if made:
            shutil.rmtree(into, ignore_errors=True)
        else:
            for path in into.iterdir():
                path.unlink(missing_ok=True)
        raise


def _backup_into(into: Path, database: dict, storage: Storage) -> dict:
    made_at = datetime.now(UTC).isoformat(timespec="seconds")
    # The database first, then the files: a file the copied records name was stored
    # before them, so it is in the storage when its turn comes (unless deleted since).
    copied = database_copy_out(database=database, folder=into)
    files = _files_out(storage, into / FILES)
    database_file = into / copied.file
    manifest = {
        "format": FORMAT,
        "made_at": made_at,
        "village_version": village_version(),
        "database": {
            "engine": copied.engine,
            "file": copied.file,
            "size": database_file.stat().st_size,
            "sha256": sha256_of(database_file),
            "tables": copied.tables,
            "migrations": copied.migrations,
        },
        "files": files,
    }
    # Written last, and whole or not at all: a folder without it is an unfinished backup.
    partial = into / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    partial.chmod(0o600)
    partial.rename(into / MANIFEST)
    return manifest


def backup_restore(*, folder: Path, database: dict, storage: Storage) -> Restored:
    """Restore a backup into an empty database and an empty storage, then check that
    every table's row count and every file's checksum are the manifest's."""
    manifest = _manifest_read(folder)
    kept = manifest["database"]
    source = folder / kept["file"]
    _check_database_file(source, kept)
    _check_archive(folder / FILES, manifest["files"])
    _check_place(manifest, database, storage)

    database_copy_in(database=database, source=source)
    for name, content in _archived(folder / FILES):
        saved = storage.save(name, content)
        if saved != name:
            raise BackupError(
                f"The storage kept {name} as {saved}: the restore is incomplete. Empty the "
                "database and the storage before trying again."
            )

    tables, applied = read_state(database)
    if tables != kept["tables"]:
        differ = sorted(
            t
            for t in tables.keys() | kept["tables"].keys()
            if tables.get(t) != kept["tables"].get(t)
        )
        raise BackupError(
            "The restored database does not hold what the backup did (tables "
            f"{', '.join(differ[:10])}). Empty the database and the storage before trying again."
        )
    for entry in manifest["files"]:
        if _hashed(storage, entry["name"]) != (entry["size"], entry["sha256"]):
            raise BackupError(
                f"The restored file {entry['name']} is not the one backed up. Empty the "
                "database and the storage before trying again."
            )
    return Restored(
        made_at=manifest["made_at"],
        version=manifest["village_version"],
        tables=len(tables),
        rows=sum(tables.values()),
        files=len(manifest["files"]),
        bytes=sum(entry["size"] for entry in manifest["files"]),
        migrations_to_apply=_migrations_to_apply(applied),
    )


def stored_names(storage: Storage, folder: str = ""):
    """Every file's name in the storage, through the storage API alone (a folder on disk
    or a bucket alike), in a steady order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        if folder:
            raise
        return  # a storage folder not made yet holds nothing
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, name) if folder else name)


def village_version() -> str:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


# --- Files -----------------------------------------------------------------------------


def _files_out(storage: Storage, path: Path) -> list[dict]:
    entries = []
    now = int(time.time())
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as archive:
        for name in stored_names(storage):
            with (
                storage.open(name, "rb") as stored,
                tempfile.SpooledTemporaryFile(max_size=IN_MEMORY) as held,
            ):
                # Held as it is hashed: the archive needs the size first, and a storage's
                # size() is another request to a bucket.
                digest, size = hashlib.sha256(), 0
                while chunk := stored.read(CHUNK):
                    digest.update(chunk)
                    held.write(chunk)
                    size += len(chunk)
                held.seek(0)
                member = tarfile.TarInfo(name)
                member.size, member.mode, member.mtime = size, 0o600, now
                archive.addfile(member, held)
            entries.append({"name": name, "size": size, "sha256": digest.hexdigest()})
    path.chmod(0o600)
    return entries


def _archived(path: Path):
    """Each archived file's name and content, ready for Storage.save()."""
    with tarfile.open(path, "r:") as archive:
        for member in archive:
            with (
                archive.extractfile(member) as packed,
                tempfile.SpooledTemporaryFile(max_size=IN_MEMORY) as held,
            ):
                while chunk := packed.read(CHUNK):
                    held.write(chunk)
                held.seek(0)
                content = File(held, name=member.name)
                content.size = member.size
                yield member.name, content


def _hashed(storage: Storage, name: str) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


# --- Checks before anything is written -------------------------------------------------


def _damaged(folder: Path, why: str) -> BackupError:
    return BackupError(f"The manifest of {folder} is damaged ({why}): this backup cannot be used.")


def _manifest_read(folder: Path) -> dict:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"There is no backup folder at {folder}.")
    if not path.is_file():
        raise BackupError(
            f"{folder} has no {MANIFEST}: it is not a Village backup, or its backup did not finish."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _damaged(folder, f"not JSON: {error}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("format"), int):
        raise _damaged(folder, "no format")
    if manifest["format"] > FORMAT:
        raise BackupError(
            f"{folder} was made by a newer Village (backup format {manifest['format']}): "
            "restore it with that version."
        )
    try:
        problem = _manifest_problem(manifest)
    except (KeyError, TypeError, AttributeError) as error:
        problem = f"missing or wrong: {error}"
    if problem:
        raise _damaged(folder, problem)
    return manifest


def _manifest_problem(manifest: dict) -> str:
    """What is wrong with a manifest's shape, or nothing."""
    kept = manifest["database"]
    if not isinstance(manifest["made_at"], str) or not isinstance(manifest["village_version"], str):
        return "no date or version"
    if kept["file"] != DATABASE_FILES.get(kept["engine"]):
        return f"a database file named {kept['file']!r}"
    if not isinstance(kept["size"], int) or not isinstance(kept["sha256"], str):
        return "no size or checksum for the database"
    if not all(isinstance(rows, int) for rows in kept["tables"].values()):
        return "a table's row count is not a number"
    if not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names)
        for names in kept["migrations"].values()
    ):
        return "the migrations are not names"
    for entry in manifest["files"]:
        if not _safe_name(entry["name"]):
            return f"a file named {entry['name']!r}"
        if not isinstance(entry["size"], int) or not isinstance(entry["sha256"], str):
            return f"no size or checksum for {entry['name']}"
    return ""


def _safe_name(name) -> bool:
    """A storage name that stays inside the storage."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and all(part not in {"", ".", ".."} for part in path.parts)


def _check_database_file(path: Path, kept: dict) -> None:
    if not path.is_file():
        raise BackupError(f"The backup has no {path.name}: it is incomplete.")
    if path.stat().st_size != kept["size"] or sha256_of(path) != kept["sha256"]:
        raise BackupError(
            f"{path.name} does not match its checksum in the manifest: the backup is "
            "damaged. Nothing was restored."
        )


def _check_archive(path: Path, entries: list[dict]) -> None:
    """Every file the manifest lists is in the archive with its size and checksum, and
    nothing else is."""
    if not path.is_file():
        raise BackupError(f"The backup has no {FILES}: it is incomplete.")
    expected = {entry["name"]: entry for entry in entries}
    seen = set()
    try:
        with tarfile.open(path, "r:") as archive:
            for member in archive:
                entry = expected.get(member.name)
                if entry is None or member.name in seen or not member.isfile():
                    raise BackupError(
                        f"{FILES} holds {member.name}, which the manifest does not list: "
                        "the backup is damaged. Nothing was restored."
                    )
                seen.add(member.name)
                digest = hashlib.sha256()
                with archive.extractfile(member) as packed:
                    while chunk := packed.read(CHUNK):
                        digest.update(chunk)
                if member.size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                    raise BackupError(
                        f"The file {member.name} does not match its checksum in the "
                        "manifest: the backup is damaged. Nothing was restored."
                    )
    except tarfile.TarError as error:
        raise BackupError(f"{FILES} cannot be read ({error}): the backup is damaged.") from None
    if missing := sorted(expected.keys() - seen):
        raise BackupError(
            f"{FILES} lacks {len(missing)} of the files the manifest lists "
            f"({', '.join(missing[:5])}): the backup is damaged. Nothing was restored."
        )


def _check_place(manifest: dict, database: dict, storage: Storage) -> None:
    kept = manifest["database"]
    engine = engine_of(database)
    if engine != kept["engine"]:
        raise BackupError(
            f"This backup is of a {kept['engine']} database and the database to restore "
            f"into is {engine}: restore it into the same kind it was made from."
        )
    if unknown := _migrations_unknown(kept["migrations"]):
        raise BackupError(
            "This backup was made by a newer Village: its database has migrations this "
            f"code does not have ({', '.join(unknown[:5])}). Restore it with that version "
            "or a later one. Nothing was restored."
        )
    if records := records_in(database):
        named = [f"{table} ({rows} rows)" for table, rows in sorted(records.items())]
        more = f" and {len(named) - 5} more tables" if len(named) > 5 else ""
        raise BackupError(
            f"The database to restore into already holds records: {', '.join(named[:5])}"
            f"{more}. A restore never writes over a program's records: restore into a new, "
            "empty database (and an empty storage), then point Village at it. Nothing was "
            "restored."
        )
    # SQLite's restore replaces the whole file; PostgreSQL's drops and makes again only
    # the backup's own tables, so any other would be left in the way of a later migrate.
    extra = tables_in(database) - kept["tables"].keys() if engine == POSTGRESQL else set()
    if extra := sorted(extra):
        raise BackupError(
            "The database to restore into has tables the backup does not "
            f"({', '.join(extra[:5])}): it was migrated by a newer Village. Restore into a "
            "new, empty database. Nothing was restored."
        )
    if (first := next(stored_names(storage), None)) is not None:
        raise BackupError(
            f"The storage to restore into already holds files ({first}, perhaps more). A "
            "restore never writes over a program's files: restore into an empty storage. "
            "Nothing was restored."
        )


@cache
def _code_migrations() -> MigrationLoader:
    """This code's migrations, read from disk once: they do not change while it runs."""
    return MigrationLoader(None, ignore_no_migrations=True)


def _migrations_unknown(applied: dict[str, list[str]]) -> list[str]:
    """The backup's migrations this code has neither on disk nor squashed into another."""
    loader = _code_migrations()
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return [
        f"{app}.{name}"
        for app, names in sorted(applied.items())
        for name in names
        if (app, name) not in known
    ]


def _migrations_to_apply(applied: dict[str, list[str]]) -> list[str]:
    """This code's migrations a database with these applied has yet to run. Without a
    connection the loader's graph has each squashed migration stand in for those it
    replaces: one counts as applied when all of those are."""
    done = {(app, name) for app, names in applied.items() for name in names}
    graph = _code_migrations().graph
    return sorted(
        f"{app}.{name}"
        for (app, name), migration in graph.nodes.items()
        if (app, name) not in done
        and not (migration.replaces and all(tuple(key) in done for key in migration.replaces))
    )
