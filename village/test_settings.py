"""Settings for the test suite: the production settings with test-only defaults."""

import copy
import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 50)
os.environ.setdefault("VILLAGE_HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Production settings insist on SMTP; the suite's mail stays in memory (MAILERS below).
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
os.environ.setdefault("EMAIL_HOST", "localhost")

os.environ.setdefault("VILLAGE_LOG_REQUESTS", "false")

from village.settings import *  # noqa: E402,F403

# Fast hashing: the suite signs in thousands of times. Argon2 is tested on its own.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The suite posts public forms far more often than any visitor; the throttle's own tests
# set the limit back down (core/tests/test_throttle.py).
PUBLIC_POSTS_PER_HOUR = 10_000
# Tests fill forms faster than people; the minimum fill time has a test of its own.
INTAKE_MINIMUM_SECONDS = 0

# Uploaded photos go to a throwaway folder, never the developer's media nor a bucket the
# environment names; the object store's tests start one of their own
# (core/tests/object_storage.py).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="village-test-media-"))  # noqa: F405
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
SMS_BACKEND = "notices.sms.MemoryBackend"

# A copy: the production settings' own dict stays as production has it (a test reads it).
DATABASES = copy.deepcopy(DATABASES)  # noqa: F405
# One connection a request, as the suite has always run: the test database is created and
# emptied under the test runner's own connections, which a pool would hold on to. The
# served tests (the kill test, the benchmarks) run production's pool and kept connections.
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not the shared in-memory database: separate connections then queue on
    # SQLite's write lock as in production, which the concurrency tests of the ledger
    # rely on. Each xdist worker gets its own file. Durability is not tested here, so
    # commits need not wait for the disk.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / "village-test.sqlite3")  # noqa: F405
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=OFF;"
        "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
    )

else:
    # PostgreSQL: the same reasoning, each commit not waiting for the disk. Browser tests
    # commit every request, and transactional tests empty every table after each.
    options = DATABASES["default"]["OPTIONS"]
    options["options"] = (options.get("options", "") + " -c synchronous_commit=off").strip()

# A session writes its last activity every 10 seconds and its row every minute in
# production (accounts/sessions.py): on a slow machine that would make the query counts
# measured around a request vary. The session tests set them back.
SESSION_ACTIVITY_GRAIN_SECONDS = 300
SESSION_ROW_GRAIN_SECONDS = 300

# The tab bar's counts are counted on every page here (notices/badges.py keeps them a
# minute in production): the tests that count a page's queries twice, or write messages
# straight to the database, would otherwise see the first page's counts. The badge tests
# set it back.
BADGE_SECONDS = 0
