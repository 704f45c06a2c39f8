import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.urls import reverse

from village.env import env_bool, env_choice, env_int, env_list, env_str


def test_healthz_answers_200_with_a_small_json_body_when_the_database_answers(client, db):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "static": "ok"}


MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_healthz_answers_503_when_static_files_were_never_collected(client, db, tmp_path):
    """A manifest storage (production's also compresses) over an empty STATIC_ROOT: a
    deploy that skipped collectstatic, whose every page would answer 500."""
    with override_settings(
        WHITENOISE_USE_FINDERS=False, STORAGES=MANIFEST_STORAGE, STATIC_ROOT=tmp_path
    ):
        response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "static": "missing"}


def test_healthz_answers_200_once_static_files_are_collected(client, db, tmp_path):
    with override_settings(
        WHITENOISE_USE_FINDERS=False, STORAGES=MANIFEST_STORAGE, STATIC_ROOT=tmp_path
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["static"] == "ok"


def test_healthz_answers_503_when_the_database_does_not(client, db):
    """A real connection to a database that is not there, swapped in for the request."""
    default = connections["default"]
    unreachable = dict(default.settings_dict)
    if default.vendor == "sqlite":
        unreachable["NAME"] = "/nonexistent-directory/village.sqlite3"
    else:
        unreachable["PORT"] = "1"
    broken = type(default)(unreachable, alias="default")
    connections["default"] = broken
    try:
        response = client.get(reverse("core:healthz"))
    finally:
        connections["default"] = default
        broken.close()
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_every_page_carries_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("accounts:sign_in"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert "frame-ancestors 'none'" in policy


TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("*/templates"),
]


@pytest.mark.parametrize(
    "pattern, what",
    [
        (r"<script(?![^>]*\bsrc=)[^>]*>", "inline script"),
        (r"\son[a-z]+\s*=", "inline event handler"),
        (r"\sstyle\s*=", "inline style"),
        (r"(src|href)=\"(https?:)?//", "third-party origin"),
    ],
)
def test_no_template_depends_on_what_the_policy_forbids(pattern, what):
    offenders = [
        str(path)
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.html")
        if re.search(pattern, path.read_text()) and path.name != "500.html"
    ]
    assert offenders == [], f"{what} in {offenders}"


@pytest.mark.parametrize(
    "reader, value",
    [
        (lambda: env_bool("VILLAGE_X", False), "maybe"),
        (lambda: env_int("VILLAGE_X", 1), "ten"),
        (lambda: env_int("VILLAGE_X", 1, minimum=1), "0"),
        (lambda: env_list("VILLAGE_X", ["a"]), " , "),
        (lambda: env_choice("VILLAGE_X", "a", {"a", "b"}), "c"),
    ],
)
def test_a_setting_with_a_bad_value_stops_the_program_with_a_clear_message(
    monkeypatch, reader, value
):
    monkeypatch.setenv("VILLAGE_X", value)
    with pytest.raises(ImproperlyConfigured, match="VILLAGE_X"):
        reader()


def test_a_required_setting_that_is_missing_stops_the_program(monkeypatch):
    monkeypatch.delenv("VILLAGE_X", raising=False)
    with pytest.raises(ImproperlyConfigured, match="must be set"):
        env_str("VILLAGE_X")


def test_sqlite_is_set_up_so_an_answered_write_survives_a_crash():
    from village import settings as production

    options = production.DATABASES["default"].get("OPTIONS", {})
    if production.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert "synchronous=FULL" in options["init_command"]
        assert options["timeout"] >= 5
