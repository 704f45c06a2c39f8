"""`make run` on another port writes that port into the links it e-mails."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def site_address_make_run_gives(tmp_path, *arguments, **environment) -> str:
    """The VILLAGE_SITE_URL `make run` hands the server and the e-mailing worker.

    A stand-in Python prints it and stops, so nothing is served or installed."""
    stand_in = tmp_path / "python"
    stand_in.write_text('#!/bin/sh\necho "SITE=$VILLAGE_SITE_URL"\nexit 3\n')
    stand_in.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "VILLAGE_SITE_URL"} | environment
    done = subprocess.run(
        ["make", "-s", "-o", ".venv/.synced", "run", f"PY={stand_in}", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("SITE=")]
    return line.removeprefix("SITE=")


def test_make_run_on_another_port_emails_links_to_that_port(tmp_path):
    assert site_address_make_run_gives(tmp_path, "PORT=8101") == "http://127.0.0.1:8101"


def test_make_run_keeps_a_site_address_that_was_set(tmp_path):
    address = site_address_make_run_gives(
        tmp_path, "PORT=8101", VILLAGE_SITE_URL="https://village.example.org"
    )
    assert address == "https://village.example.org"
