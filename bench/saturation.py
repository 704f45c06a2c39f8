"""Saturation under `make prod`'s server: wrk with CONNECTIONS connections asks for one page
as fast as the server answers, for SECONDS, page after page; requests a second and the
50th, 90th and 99th percentile of an answer, beside the trivial anonymous page's in the
same run, and every error counted.

    make bench-data                          # first: the statewide program (bench/statewide.py)
    make bench-saturation                    # or: .venv/bin/python bench/saturation.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_statewide make bench-saturation

Needs wrk (`apt-get install wrk`). Results belong in docs/performance.md.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import configure  # noqa: E402

configure("statewide.sqlite3")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.pages import pages_to_load  # noqa: E402
from bench.served import Served  # noqa: E402

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(port: int, url: str, cookie: str, *, connections: int, seconds: int) -> dict:
    """One wrk run and what it printed, in numbers."""
    done = subprocess.run(  # noqa: S603 - a fixed command line
        [
            "wrk",
            f"-c{connections}",
            "-t2",
            f"-d{seconds}s",
            "--latency",
            "--timeout=30s",
            "-H",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{port}{url}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    figures = {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for percent in (50, 90, 99):
        value, unit = re.search(rf"\n\s+{percent}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        figures[f"p{percent}"] = float(value) * UNITS[unit]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    figures["errors"] = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    figures["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--port", type=int, default=8792)
    parser.add_argument("--only", default="", help="pages whose address contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    pages = [page for page in pages_to_load() if args.only in page.url]
    log = Path(tempfile.mkstemp(prefix="village-saturation-", suffix=".log")[1])
    with Served(args.port, log=log) as server:
        # Each worker's first answers load the code and fill its caches: not the page's.
        for page in pages:
            wrk(args.port, page.url, page.cookie, connections=4, seconds=2)
        print(
            f"{connection.vendor}, {args.connections} connections, {args.seconds} s a page\n"
            f"| page | as | req/s | of trivial | p50 ms | p90 ms | p99 ms | errors |\n"
            f"|---|---|--:|--:|--:|--:|--:|--:|"
        )
        trivial = None
        for page in pages:
            figures = wrk(
                args.port,
                page.url,
                page.cookie,
                connections=args.connections,
                seconds=args.seconds,
            )
            trivial = trivial or figures["rate"]
            # A page that never answered within wrk's timeout has no share of the trivial.
            share = f"1/{trivial / figures['rate']:.1f}" if figures["rate"] else "none"
            print(
                f"| `{page.url}` | {page.who} | {figures['rate']:.1f} | "
                f"{share} | {figures['p50']:.0f} | "
                f"{figures['p90']:.0f} | {figures['p99']:.0f} | {figures['errors']} |",
                flush=True,
            )
        errors = server.errors()
        failed_tasks = server.failed_tasks()
    print(
        f"\nErrors logged in answering requests: {len(errors)}; tasks failed (reminder "
        f"e-mails with no mail server here): {failed_tasks} (log: {log})"
    )


if __name__ == "__main__":
    main()
