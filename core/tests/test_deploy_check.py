"""`manage.py check --deploy` is clean under production settings (decision 0020)."""

import os
import subprocess  # nosec B404: our own manage.py, with arguments we write
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def production_env(tmp_path, **overrides) -> dict:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "village.settings",
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": "prod-like-" + "Zq8#vX2!kP4@wL7$" * 4,
        "ALLOWED_HOSTS": "village.example.org",
        "VILLAGE_SITE_URL": "https://village.example.org",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(  # nosec B603: a fixed command line
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    done = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout + done.stderr


def test_production_settings_refuse_the_console_email_backend(tmp_path):
    env = production_env(tmp_path, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    done = manage(env, "check")
    assert done.returncode != 0 and "EMAIL_BACKEND must be SMTP" in done.stderr


def test_hsts_covers_subdomains_and_preloads_only_when_asked(tmp_path):
    script = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    done = manage(production_env(tmp_path), "shell", "--no-imports", "-c", script)
    assert done.stdout.split() == ["31536000", "True", "False"], done.stderr
    done = manage(
        production_env(tmp_path, VILLAGE_HSTS_PRELOAD="true"), "shell", "--no-imports", "-c", script
    )
    assert done.stdout.split() == ["31536000", "True", "True"], done.stderr


def test_manage_without_a_secret_key_says_so_in_one_line_without_a_traceback(tmp_path):
    done = manage(production_env(tmp_path, SECRET_KEY=None), "check")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Village is not configured: The environment variable SECRET_KEY must be set."
        " (`make run` sets up a local try.)"
    ]


def test_manage_with_a_bad_value_names_the_variable_and_the_value(tmp_path):
    done = manage(production_env(tmp_path, DATABASE_URL="nonsense://"), "migrate")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL" in done.stderr
