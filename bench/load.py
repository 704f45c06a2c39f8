"""The outcomes dashboard under load on a real server: gunicorn serving village.wsgi, as
in production, and CLIENTS concurrent clients signed in as the director, each asking for
the page again as soon as it has its answer, for SECONDS.

    make bench-outcomes             # first: the program to serve
    make bench-load                 # or: .venv/bin/python bench/load.py --clients 8

Prints the requests answered a second and the median and 95th-percentile time of an
answer. Reads the database bench/outcomes.py left (or DATABASE_URL's); before the
dashboard exists, it asks for the interest forms' figures (`/intake/figures/`).
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import ROOT, configure  # noqa: E402

configure()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.sessions import session_cookie  # noqa: E402

HOST = "127.0.0.1"


def page_default() -> str:
    try:
        return reverse("outcomes:dashboard") + "?from=2024-01-01&to=2024-12-31"
    except NoReverseMatch:
        return "/intake/figures/"


def director_cookie() -> str:
    """The director's session, signed in and past the second factor, as a Cookie header:
    the server keeps sessions in the database, so it knows this one."""
    return session_cookie(User.objects.get(email="outcomes-director@example.org"))


def get(port: int, url: str, cookie: str) -> tuple[int, float, int]:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        connection.request("GET", url, headers={"Cookie": cookie, "Host": HOST})
        response = connection.getresponse()
        size = len(response.read())
    finally:
        connection.close()
    return response.status, time.perf_counter() - started, size


def server_start(port: int, workers: int, log) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "village.wsgi",
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        # The server's errors (a failed request's traceback) go to a file, not the table.
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/", "")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def load(port: int, url: str, cookie: str, *, clients: int, seconds: float):
    answers, failures, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        while time.monotonic() < stop:
            status, elapsed, _size = get(port, url, cookie)
            with lock:
                (answers if status == 200 else failures).append((status, elapsed))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, failures, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--seconds", type=float, default=30)
    # gunicorn's own advice: two workers a core, and one.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    url = args.url or page_default()
    cookie = director_cookie()
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - open while the server runs
        "w", prefix="village-load-", suffix=".log", delete=False
    )
    server = server_start(args.port, args.workers, log)
    try:
        status, elapsed, size = get(args.port, url, cookie)
        assert status == 200, (url, status)
        # Each worker's first answer loads the code and opens the files: not the page's.
        for _ in range(args.workers * 2):
            get(args.port, url, cookie)
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"{url} ({size / 1024:.1f} KB) on gunicorn, {args.workers} workers, {database}")
        print(f"{'clients':>7}{'requests':>10}{'failed':>8}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}")
        for clients in args.clients:
            answers, failures, took = load(
                args.port, url, cookie, clients=clients, seconds=args.seconds
            )
            times = sorted(elapsed * 1000 for _, elapsed in answers)
            p50 = statistics.median(times)
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(
                f"{clients:>7}{len(answers):>10}{len(failures):>8}{len(answers) / took:>8.1f}"
                f"{p50:>9.0f}{p95:>9.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print(f"The server's errors, if any: {log.name}")


if __name__ == "__main__":
    main()
