"""`manage.py serve`, what `make prod` runs (decision 0041): migrations, static files, gunicorn
and the task worker, watched, stopped cleanly. Against a database of its own, on the
suite's engine: a copy of the suite's SQLite file or PostgreSQL database."""

import contextlib
import json
import os
import signal
import socket
import subprocess  # nosec B404: our own manage.py, with arguments we write
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from core.tests.test_deploy_check import ROOT, production_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """Where the served program keeps its files, for the module's tests: the second start
    finds the static files collected, as a restart does."""
    return tmp_path_factory.mktemp("served")


@pytest.fixture
def database_url(own_database):
    """A database of the test's own, migrated as the suite's is (a copy of it): serve's
    `migrate` then finds nothing to do, as at a restart, instead of a minute's work."""
    return own_database.url


def health(port: int) -> tuple[int, dict] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:  # noqa: S310
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())
    except OSError:
        return None


def children_of(pid: int) -> dict[int, str]:
    """A process's children, by id, with their command lines, from /proc."""
    children = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                command = (status.parent / "cmdline").read_text().replace("\0", " ")
                children[int(status.parent.name)] = command
        except (OSError, IndexError, ValueError):
            continue
    return children


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def served(place, database_url):
    port = free_port()
    tmp_path = place
    env = production_env(
        tmp_path,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        VILLAGE_HTTPS="false",
        VILLAGE_STATIC_ROOT=str(tmp_path / "static"),
        VILLAGE_MEDIA_ROOT=str(tmp_path / "media"),
        VILLAGE_WEB_WORKERS="2",
        VILLAGE_LOG_FORMAT="json",
    )
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(  # nosec B603: our own manage.py
        [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # A group of its own, so the teardown stops gunicorn and the worker with it.
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while (answer := health(port)) is None or answer[0] != 200:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "not healthy in time"
            time.sleep(0.5)
        yield server, port, answer, tmp_path / "serve.log"
    finally:
        # Whatever the test did, nothing it started outlives it: serve, gunicorn's
        # processes and the worker are one process group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        log.close()


def test_serve_migrates_collects_and_answers_healthy_with_web_and_worker_processes(served):
    server, port, (status, body), log = served
    assert body == {"status": "ok", "database": "ok", "static": "ok"}
    commands = children_of(server.pid).values()
    assert any("gunicorn" in command for command in commands), commands
    assert any("db_worker" in command for command in commands), commands
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:  # noqa: S310
        # The stylesheet by its collected, hashed name.
        assert page.status == 200 and b"/static/village/village." in page.read()
    # One JSON object a line, each request by its route, not its path.
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert {"logger": "village.requests", "route": "home:home", "status": 200}.items() <= next(
        line for line in lines if line.get("route") == "home:home"
    ).items()


def test_serve_stops_web_and_worker_cleanly_on_sigterm(served):
    server, port, _, _ = served
    children = children_of(server.pid)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    assert health(port) is None
    assert len(children) == 2 and not any(alive(pid) for pid in children)


def test_serve_stops_and_fails_when_its_worker_dies(served):
    """So the machine's process manager starts it all again, rather than serving forms
    whose e-mails and reminders nobody sends."""
    server, port, _, _ = served
    children = children_of(server.pid)
    worker = next(pid for pid, command in children.items() if "db_worker" in command)
    os.kill(worker, signal.SIGKILL)
    assert server.wait(timeout=60) != 0
    assert health(port) is None
