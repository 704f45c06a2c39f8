"""A realistic day under `make prod`'s server: USERS people (coaches, parents, the director)
each moving through their usual pages with 1–5 s between clicks, while interest forms and
journal posts arrive; for each page, how many answers, the 50th and 95th percentile, and
the errors.

    make bench-data                 # first: the statewide program (bench/statewide.py)
    make bench-day                  # or: .venv/bin/python bench/day.py --seconds 300
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_statewide make bench-day

Results belong in docs/performance.md.
"""

import argparse
import http.client
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import configure  # noqa: E402

configure("statewide.sqlite3")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.forms import CSRF, FORM, stamp  # noqa: E402
from bench.pages import day_routes  # noqa: E402
from bench.served import HOST, Served  # noqa: E402

#: How many times each page is asked for before the day starts: as many as the server's
#: workers, twice the cores and one (village/gunicorn.conf.py).
WARM_ROUNDS = (os.cpu_count() or 1) * 2 + 1


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)

    def add(self, label: str, status: int, ms: float, ok=(200,)):
        with self.lock:
            self.times[label].append(ms)
            if status not in ok:
                self.errors[label] += 1


def request(port, method, url, cookie, body=None) -> tuple[int, float]:
    headers = {"Cookie": f"{cookie}; csrftoken={CSRF}".strip("; "), "Host": HOST}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started_at = time.perf_counter()
    connection_ = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection_.request(method, url, body=body, headers=headers)
        answer = connection_.getresponse()
        answer.read()
        status = answer.status
    except OSError:
        status = 0
    finally:
        connection_.close()
    return status, (time.perf_counter() - started_at) * 1000


def person(port, route, tally, stop, rng):
    """One person clicking through their pages, a pause of 1–5 s between clicks."""
    while time.monotonic() < stop:
        for page in route.pages:
            if time.monotonic() >= stop:
                return
            status, ms = request(port, "GET", page.url, route.cookie)
            tally.add(f"{page.url} ({route.who})", status, ms)
            time.sleep(rng.uniform(1, 5))


def interest_forms(port, tally, stop, rng):
    """A visitor's interest form every few seconds."""
    while time.monotonic() < stop:
        email = f"visitor{secrets.token_hex(4)}@example.net"
        body = urlencode({**FORM, "started": stamp(), "email": email})
        status, ms = request(port, "POST", "/interest/", "", body)
        tally.add("POST /interest/ (visitor)", status, ms, ok=(302,))
        time.sleep(rng.uniform(1, 5))


def journal_posts(port, route, tally, stop, rng):
    """A parent's post to the shared journal every few seconds."""
    while time.monotonic() < stop:
        body = urlencode(
            {
                "text": "Sofía ate all her pancakes and sang the bath song.",
                "key": secrets.token_urlsafe(24),
                "csrfmiddlewaretoken": CSRF,
            }
        )
        status, ms = request(port, "POST", route.post_url, route.cookie, body)
        tally.add(f"POST {route.post_url} (parent)", status, ms, ok=(302,))
        time.sleep(rng.uniform(1, 5))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--port", type=int, default=8793)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    routes = day_routes(args.users)
    log = Path(tempfile.mkstemp(prefix="village-day-", suffix=".log")[1])
    tally = Tally()
    with Served(args.port, log=log) as server:
        # Each worker's first answers load the code and compile the templates, and each
        # person's first page counts what the cache then keeps: not a day's, which comes
        # after hours of serving. Every page a few times over, side by side, so that every
        # worker answers some.
        visits = [(page.url, route.cookie) for route in routes for page in route.pages]
        with ThreadPoolExecutor(max_workers=WARM_ROUNDS) as pool:
            list(pool.map(lambda visit: request(args.port, "GET", *visit), visits * WARM_ROUNDS))
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=person, args=(args.port, route, tally, stop, random.Random(args.seed + i))
            )
            for i, route in enumerate(routes)
        ]
        threads.append(
            threading.Thread(
                target=interest_forms, args=(args.port, tally, stop, random.Random(args.seed))
            )
        )
        poster = next(route for route in routes if route.post_url)
        threads.append(
            threading.Thread(
                target=journal_posts,
                args=(args.port, poster, tally, stop, random.Random(args.seed + 100)),
            )
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        errors = server.errors()
        failed_tasks = server.failed_tasks()
    print(
        f"{connection.vendor}, {args.users} people and two writers, {args.seconds} s\n"
        f"| page | answers | p50 ms | p95 ms | errors |\n|---|--:|--:|--:|--:|"
    )
    worst = 0.0
    for label, times in sorted(tally.times.items()):
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        worst = max(worst, p95)
        print(
            f"| `{label}` | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} | "
            f"{tally.errors[label]} |"
        )
    print(
        f"\nWorst p95: {worst:.0f} ms. Errors logged in answering requests: {len(errors)}; "
        f"tasks failed (reminder e-mails with no mail server here): {failed_tasks} (log: {log})"
    )


if __name__ == "__main__":
    main()
