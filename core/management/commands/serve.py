"""Serve Village as production does (`make prod`, decision 0041): the database migrated, the
static files collected, the reminder sweep queued, then the web processes under gunicorn
(village/gunicorn.conf.py) and the task worker as a process of its own, both watched: when
one stops, the other is stopped too and the command fails, for the machine's process
manager to start it all again. SIGTERM or Ctrl+C stops both cleanly."""

import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Migrate, collect static files, then serve under gunicorn with the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port to serve on")
        parser.add_argument(
            "--no-worker", action="store_true", help="no task worker (another machine runs it)"
        )

    def handle(self, *args, bind: str, no_worker: bool, **options):
        if settings.DEBUG:
            raise CommandError(
                "serve runs Village as production does: set DJANGO_DEBUG=false "
                "(make run serves the demo with debugging on)."
            )
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("start_reminders")
        # The processes below open their own connections; this one's are not shared.
        connections.close_all()
        base = Path(settings.BASE_DIR)
        commands = {
            "web": [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(base / "village" / "gunicorn.conf.py"),
                "--bind",
                bind,
            ],
        }
        if not no_worker:
            commands["worker"] = [
                sys.executable,
                str(base / "manage.py"),
                "db_worker",
                "--no-reload",
                "--queue-name",
                "*",
            ]
        processes = {
            name: subprocess.Popen(command, cwd=base)  # noqa: S603 - this interpreter, fixed
            for name, command in commands.items()
        }
        self.stdout.write(f"Village is served at http://{bind}/ ({', '.join(processes)})")
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while not stopping:
                ended = {
                    name: process.returncode
                    for name, process in processes.items()
                    if process.poll() is not None
                }
                if ended:
                    raise CommandError(f"Stopped because a process ended: {ended}")
                time.sleep(0.5)
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
