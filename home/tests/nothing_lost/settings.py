"""The production settings the killed server runs under (test_killed_server.py): all of
village.settings, read from the same environment, with one exception. Static files are
named without the manifest `collectstatic` writes: the pages the test's forms answer with
link to them, and collecting and compressing every file would take longer than the test."""

from village.settings import *  # noqa: F403

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
