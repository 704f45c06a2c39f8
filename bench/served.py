"""The server the load benchmarks measure: `manage.py serve`, what `make prod` runs
(gunicorn, workers from the core count, the task worker beside it, the shared cache), on
the database bench/environment.py names, and the people they act as.

The benchmark's own process reads the same database to find its pages and sign people
in; the server is a separate process group, stopped at the end."""

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import ROOT

HOST = "127.0.0.1"


def server_env(**overrides) -> dict:
    """Production's settings as bench/environment.py set them, with the shared cache, and
    throttles out of the way: every request comes from this one address."""
    env = dict(os.environ)
    env.update(
        {
            "VILLAGE_REDIS_URL": os.environ.get("VILLAGE_REDIS_URL", "redis://127.0.0.1:6379/3"),
            "VILLAGE_LOG_FORMAT": "json",
            "VILLAGE_STATIC_ROOT": str(ROOT / "bench" / "static"),
            "VILLAGE_PUBLIC_POSTS_PER_HOUR": "100000000",
            "VILLAGE_INTAKE_PER_HOUR": "100000000",
            "VILLAGE_INTAKE_MINIMUM_SECONDS": "0",
        }
    )
    env.update(overrides)
    return env


def health(port: int) -> dict | None:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        connection.request("GET", "/healthz")
        answer = connection.getresponse()
        return json.loads(answer.read()) if answer.status == 200 else None
    except OSError:
        return None


class Served:
    """`with Served(port) as server:` the program served until the block ends."""

    def __init__(self, port: int, *, log: Path, **env):
        self.port, self.log_path, self.env = port, log, env

    def __enter__(self):
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "manage.py", "serve", "--bind", f"{HOST}:{self.port}"],
            cwd=ROOT,
            env=server_env(**self.env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 600
        while health(self.port) is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise SystemExit(f"The server did not start: see {self.log_path}")
            time.sleep(0.5)
        self.settle(deadline)
        return self

    def settle(self, deadline: float) -> None:
        """Run the reminder sweep now and wait until the task worker has done what is
        due. Serving queues the sweep for five minutes later (schedule/tasks.py), and at
        a state's size one sweep queues hundreds of reminders at once: a page measured
        while the worker sends them measures the worker too. After this, the next sweep
        is five minutes away, longer than a saturation run; the realistic day, which
        lasts longer, meets it as a real day would.

        The sweep is run here too, before the worker's: with none queued yet (serving
        queues it five minutes ahead) the first came in the middle of the day. On a
        program just generated it catches up with every reminder due since, 8,600 of
        them at a state's size (each e-mail failing here, with no mail server), which
        the worker then sent while the pages were measured: a backlog no real day has."""
        from django.db import close_old_connections
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        from schedule.tasks import SWEEP, remind

        DBTaskResult.objects.filter(task_path=SWEEP, status="READY").update(
            run_after=timezone.now()
        )
        caught_up = remind.call()
        print(f"The reminder sweep queued {caught_up} reminders due before the run.")
        # Quiet for a few seconds in a row: a sweep that has just ended may still be
        # queueing what it found.
        quiet_since, said = None, False
        while time.monotonic() < deadline:
            waiting = DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()
            if waiting:
                quiet_since = None
                if not said:
                    print(f"The task worker has {waiting} tasks due; measuring after them.")
                    said = True
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 5:
                break
            time.sleep(1)
        close_old_connections()

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def errors(self) -> list[str]:
        """The errors logged in answering requests (tracebacks, failed requests) since
        the server started: not the task worker's (see failed_tasks)."""
        return [line for line in self._errors() if '"logger": "django.tasks"' not in line]

    def failed_tasks(self) -> int:
        """The task worker's failures, reminders above all: this machine has no mail
        server, so every reminder e-mail fails to send."""
        return sum('"logger": "django.tasks"' in line for line in self._errors())

    def _errors(self) -> list[str]:
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [line for line in lines if '"level": "ERROR"' in line]
