"""`manage.py backup` and `manage.py restore` (docs/decisions/0043-backups.md).

A backup restored into an empty place holds every row of every table and every file's
bytes, on SQLite and on PostgreSQL alike (CI runs this file on both). A restore refuses a
backup it cannot trust, and any place that is not empty, before it writes anything.

pg_dump reads the database from a connection of its own, which cannot see a test's
uncommitted rows: the tests that back up records commit them (transaction=True).
"""

import copy
import hashlib
import io
import json
import re
import shutil
from contextlib import contextmanager, suppress
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse

from assistance.models import Fund, Source
from core.backup_databases import opened, records_in, tables_in
from core.backups import BackupError, backup_make, backup_restore, stored_names
from home.testing import payment_made
from journal.tests.images import jpeg_with_gps

# Every test reaches a database, if only to back it up; those that back up records of
# their own commit them (transaction=True, their own mark).
pytestmark = pytest.mark.django_db

# --- Places ----------------------------------------------------------------------------


def live_database() -> dict:
    return copy.deepcopy(connection.settings_dict)


@pytest.fixture
def media(settings, tmp_path):
    """The program's files in a folder of the test's own, so a backup holds only its."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def empty_place(tmp_path):
    """A new database and an empty storage, as an operator makes them to restore into: a
    new SQLite file, or a PostgreSQL database just created."""
    storage = FileSystemStorage(location=tmp_path / "restored-media")
    live = live_database()
    if connection.vendor == "sqlite":
        yield {**live, "NAME": str(tmp_path / "restored.sqlite3")}, storage
        return
    name = f"{live['NAME']}_restored"
    server = {**live, "NAME": "postgres"}
    with opened(server, "create-database") as wrapper, wrapper.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**live, "NAME": name}, storage
    with opened(server, "drop-database") as wrapper, wrapper.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def nowhere(tmp_path):
    """A place that does not exist: a restore refused before it touches the database
    leaves no file, no database and no storage folder behind."""
    live = live_database()
    name = str(tmp_path / "never.sqlite3") if connection.vendor == "sqlite" else "never_made"
    return {**live, "NAME": name}, FileSystemStorage(location=tmp_path / "never-media")


def every_row(database: dict) -> dict[str, list]:
    """Every table's rows, read straight from the database, in a steady order."""
    with opened(database, "reading") as wrapper, wrapper.cursor() as cursor:
        rows = {}
        for table in wrapper.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {wrapper.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def column(database: dict, sql: str) -> list:
    with opened(database, "reading") as wrapper, wrapper.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


# --- A program, backed up and restored -------------------------------------------------


@pytest.fixture
def program(media, client_for, coach, finance, agreed):
    """Two homes and their coach, a journal post with a photo, a payment in the ledger."""
    client_for(coach).post(
        reverse("journal:post_new", args=[agreed.pk]),
        {
            "text": "Sofi rode her bike all the way to the park.",
            "children": [child.pk for child in agreed.children.all()],
            "photo": SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), "image/jpeg"),
            "description": "A girl on a red bike.",
        },
    )
    fund = Fund.objects.create(
        name="Family Stability Fund", source=Source.GRANT, budget=Decimal("5000")
    )
    payment_made(
        agreed,
        fund,
        need="utilities",
        amount="85.50",
        paid_on=date(2026, 11, 18),
        requested_by=coach,
        paid_by=finance,
        payee="Austin Energy",
    )
    return agreed


@pytest.fixture
def migrated_place(empty_place, media, tmp_path):
    """A database that migrate alone has filled, as a deploy that runs migrate before
    anyone restores leaves one: made by restoring a backup of the suite's database with
    no records into a new database, before any test's records exist."""
    database, storage = empty_place
    backup_make(into=tmp_path / "bare", database=live_database(), storage=default_storage)
    backup_restore(folder=tmp_path / "bare", database=database, storage=storage)
    assert every_row(database) == every_row(live_database())
    return database, storage


@contextmanager
def named(database: dict):
    """The database under a name of its own in DATABASES, for `restore --database`."""
    connections.settings["restored"] = database
    try:
        yield "restored"
    finally:
        connections.settings.pop("restored")
        with suppress(AttributeError):  # made only if the command got as far
            del connections["restored"]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_place_holds_every_row_and_every_file(
    migrated_place, program, settings, tmp_path
):
    database, storage = migrated_place
    assert records_in(database) == {} and "journal_post" in tables_in(database)
    said = io.StringIO()
    call_command("backup", "--to", str(tmp_path / "backup"), stdout=said)
    assert "Backed up" in said.getvalue() and "2 files" in said.getvalue()
    kept = FileSystemStorage(location=settings.MEDIA_ROOT)
    settings.MEDIA_ROOT = storage.location

    with named(database) as alias:
        call_command("restore", str(tmp_path / "backup"), "--database", alias, stdout=said)

    live, back = every_row(live_database()), every_row(database)
    assert back.keys() == live.keys() and len(back) > 100
    assert {t: len(rows) for t, rows in back.items()} == {t: len(r) for t, r in live.items()}
    assert back == live
    rows = sum(map(len, live.values()))
    assert f"({rows} rows) and 2 files" in said.getvalue()
    assert "every file's SHA-256 match the manifest" in said.getvalue()
    assert column(database, "SELECT text FROM journal_post") == [
        "Sofi rode her bike all the way to the park."
    ]
    assert column(database, "SELECT payee FROM assistance_entry") == ["Austin Energy"]
    assert {"Carmen", "Beatriz", "Paula", "Frank"} <= set(
        column(database, "SELECT first_name FROM families_person")
    )
    (large,) = column(database, "SELECT large FROM journal_photo")
    names = list(stored_names(kept))
    assert large in names and len(names) == 2
    assert list(stored_names(storage)) == names
    for name in names:
        with kept.open(name) as original, storage.open(name) as restored:
            assert restored.read() == original.read()

    # Once it holds the program, the place is no longer empty: restoring there again is
    # refused, as restoring over the running program would be, and changes nothing.
    with named(database) as alias, pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "backup"), "--database", alias)
    assert "already holds records" in str(refused.value)
    assert "accounts_user (4 rows)" in str(refused.value)
    assert "restore into a new, empty database" in str(refused.value)
    assert every_row(database) == back


# --- A backup's folder -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, django_db_setup, django_db_blocker):
    """One backup for the module's tests (each works on a copy): the database as the
    suite made it, and two files; with what `manage.py backup DIR` said."""
    root = tmp_path_factory.mktemp("backups")
    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=root / "media"):
        default_storage.save("journal/7/photo.jpg", ContentFile(jpeg_with_gps()))
        default_storage.save("notes.txt", ContentFile(b"kept"))
        call_command("backup", str(root / "made"), stdout=out)
    (folder,) = (root / "made").iterdir()
    return folder, out.getvalue()


@pytest.fixture
def backup(pristine, tmp_path) -> Path:
    return Path(shutil.copytree(pristine[0], tmp_path / "backup"))


def test_a_backup_is_a_private_folder_named_for_its_time_with_a_manifest_of_everything(
    pristine,
):
    folder, said = pristine
    assert re.fullmatch(r"village-\d{8}T\d{6}Z", folder.name)
    assert said.strip().endswith(str(folder)) and "2 files" in said
    database_file = "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"
    assert sorted(p.name for p in folder.iterdir()) == [database_file, "files.tar", "manifest.json"]
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["village_version"])
    assert manifest["made_at"].startswith(folder.name[8:12])  # the year
    assert manifest["database"]["engine"] == connection.vendor
    assert "accounts_user" in manifest["database"]["tables"]
    assert "0001_initial" in manifest["database"]["migrations"]["journal"]
    assert manifest["files"] == [
        {
            "name": "notes.txt",
            "size": 4,
            "sha256": hashlib.sha256(b"kept").hexdigest(),
        },
        {
            "name": "journal/7/photo.jpg",
            "size": len(jpeg_with_gps()),
            "sha256": hashlib.sha256(jpeg_with_gps()).hexdigest(),
        },
    ]


def test_a_backup_that_cannot_read_the_database_leaves_no_folder_behind(nowhere, tmp_path):
    database, storage = nowhere
    with pytest.raises(BackupError, match="(no SQLite database at|Cannot read the database)"):
        backup_make(into=tmp_path / "backup", database=database, storage=storage)
    assert not (tmp_path / "backup").exists()


def test_a_backup_goes_only_into_a_new_or_empty_folder(backup):
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", "--to", str(backup))


# --- Refusals --------------------------------------------------------------------------


def _manifest_edited(change):
    def damage(folder: Path):
        path = folder / "manifest.json"
        manifest = json.loads(path.read_text())
        change(manifest)
        path.write_text(json.dumps(manifest))

    return damage


def _archive_changed(folder: Path):
    path = folder / "files.tar"
    data = path.read_bytes()
    at = data.index(b"kept")  # notes.txt's bytes
    path.write_bytes(data[:at] + b"lost" + data[at + 4 :])


def _database_changed(folder: Path):
    (path,) = folder.glob("database.*")
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def _from_the_future(manifest):
    manifest["database"]["migrations"]["journal"].append("9999_from_a_newer_village")


def _renamed_photo(manifest):
    manifest["files"][1]["name"] = "../../photo.jpg"


DAMAGES = {
    "no manifest": (lambda f: (f / "manifest.json").unlink(), "has no manifest.json"),
    "a manifest that is not JSON": (
        lambda f: (f / "manifest.json").write_text("{not json"),
        "manifest of .* is damaged \\(not JSON",
    ),
    "a manifest without its database": (
        _manifest_edited(lambda m: m.pop("database")),
        "manifest of .* is damaged \\(missing or wrong: 'database'\\)",
    ),
    "a file named outside the storage": (
        _manifest_edited(_renamed_photo),
        "damaged \\(a file named '../../photo.jpg'\\)",
    ),
    "a newer backup format": (
        _manifest_edited(lambda m: m.update(format=2)),
        "made by a newer Village \\(backup format 2\\)",
    ),
    "a database file changed": (
        _database_changed,
        "database.* does not match its checksum in the manifest: the backup is damaged",
    ),
    "a file changed in the archive": (
        _archive_changed,
        "The file notes.txt does not match its checksum in the manifest",
    ),
    "a file missing from the archive": (
        _manifest_edited(
            lambda m: m["files"].append({"name": "gone.jpg", "size": 1, "sha256": "0" * 64})
        ),
        "lacks 1 of the files the manifest lists \\(gone.jpg\\)",
    ),
    "migrations this code does not have": (
        _manifest_edited(_from_the_future),
        "made by a newer Village: .*journal.9999_from_a_newer_village",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_restore_refuses_a_backup_it_cannot_trust_and_writes_nothing(backup, nowhere, damage):
    spoil, words = damage
    spoil(backup)
    database, storage = nowhere
    with pytest.raises(BackupError, match=words):
        backup_restore(folder=backup, database=database, storage=storage)
    assert not Path(database["NAME"]).exists() and not Path(storage.location).exists()


def test_the_restore_command_says_why_it_refuses(backup):
    (backup / "manifest.json").unlink()
    with pytest.raises(CommandError, match="has no manifest.json: it is not a Village backup"):
        call_command("restore", str(backup))


def test_a_restore_refuses_a_backup_of_the_other_kind_of_database(backup, nowhere):
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text())
    kept = manifest["database"]
    kept["engine"], new_name = {
        "sqlite": ("postgresql", "database.dump"),
        "postgresql": ("sqlite", "database.sqlite3"),
    }[kept["engine"]]
    (backup / kept["file"]).rename(backup / new_name)
    kept["file"] = new_name
    path.write_text(json.dumps(manifest))
    database, storage = nowhere
    with pytest.raises(BackupError, match="restore it into the same kind it was made from"):
        backup_restore(folder=backup, database=database, storage=storage)


def bucket(store, name: str):
    """Another bucket of the test's object store, as production would reach it."""
    from core.storage import PrivateObjectStorage
    from village.files import default_storage as configured

    store.client.create_bucket(Bucket=name)
    return PrivateObjectStorage(**{**configured()["OPTIONS"], "bucket_name": name})


def test_files_in_a_bucket_are_backed_up_and_restored_only_into_an_empty_bucket(
    object_storage, empty_place, tmp_path
):
    default_storage.save("journal/3/photo.jpg", ContentFile(jpeg_with_gps()))
    default_storage.save("notes.txt", ContentFile(b"kept"))
    call_command("backup", "--to", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert [entry["name"] for entry in manifest["files"]] == ["notes.txt", "journal/3/photo.jpg"]
    database, _ = empty_place
    taken = bucket(object_storage, f"{object_storage.name}-taken")
    taken.save("journal/1/someone-elses.jpg", ContentFile(b"theirs"))

    with pytest.raises(BackupError, match="storage .* already holds files .*someone-elses.jpg"):
        backup_restore(folder=tmp_path / "backup", database=database, storage=taken)
    assert tables_in(database) == set()
    assert list(stored_names(taken)) == ["journal/1/someone-elses.jpg"]

    empty = bucket(object_storage, f"{object_storage.name}-empty")
    backup_restore(folder=tmp_path / "backup", database=database, storage=empty)
    assert list(stored_names(empty)) == ["notes.txt", "journal/3/photo.jpg"]
    assert (
        object_storage.client.get_object(Bucket=empty.bucket_name, Key="journal/3/photo.jpg")[
            "Body"
        ].read()
        == jpeg_with_gps()
    )


def test_a_restored_backup_older_than_the_code_names_the_migrations_still_to_apply(pristine):
    from core.backups import _migrations_to_apply

    applied = json.loads((pristine[0] / "manifest.json").read_text())["database"]["migrations"]
    assert _migrations_to_apply(applied) == []
    last = applied["journal"].pop()
    assert _migrations_to_apply(applied) == [f"journal.{last}"]
