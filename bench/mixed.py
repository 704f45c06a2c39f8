"""Writes beside reads under `make prod`'s server: visitors' interest forms posted by
WRITERS connections, first alone, then while READERS connections load a nearby search,
for SECONDS each; the acknowledged writes a second (forms stored, counted in the
database) in both runs, their ratio, and any "database is locked".

    make bench-mixed                # or: .venv/bin/python bench/mixed.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_statewide make bench-mixed

Needs wrk (`apt-get install wrk`). Results belong in docs/performance.md.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import ROOT, configure  # noqa: E402

configure("statewide.sqlite3")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.forms import CSRF, FORM, stamp  # noqa: E402
from bench.served import Served  # noqa: E402
from intake.models import Submission  # noqa: E402

SEARCH = "/resources/?need=childcare&language=es&near=78702&miles=5"


def stamps_write(path: Path, count: int) -> None:
    """One-time stamps like the form's own (core/visitor_forms.py), one a line."""
    path.write_text("\n".join(stamp() for _ in range(count)))


def wrk(url: str, port: int, *, connections: int, seconds: int, script: Path | None, env=None):
    command = ["wrk", f"-c{connections}", "-t2", f"-d{seconds}s", "--timeout=30s"]
    if script:
        command += ["-s", str(script)]
    return subprocess.Popen(  # noqa: S603 - a fixed command line
        [*command, f"http://127.0.0.1:{port}{url}"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def writes_measure(port, *, writers, readers, seconds) -> tuple[float, str, str]:
    """Forms stored a second, and what wrk printed of the posts and the reads. Each run
    has stamps of its own: wrk's script starts counting afresh in every run, and a
    stamp met again is a double tap, answered as sent but not stored a second time."""
    stamps = Path(tempfile.mkstemp(prefix="village-stamps-")[1])
    stamps_write(stamps, max(2_000, 300 * seconds))
    before = Submission.objects.count()
    env = {"STAMPS": str(stamps), "FORM": urlencode(FORM), "CSRF": CSRF}
    posting = wrk(
        "/interest/",
        port,
        connections=writers,
        seconds=seconds,
        script=ROOT / "bench" / "interest.lua",
        env=env,
    )
    reading = (
        wrk(SEARCH, port, connections=readers, seconds=seconds, script=None) if readers else None
    )
    posted = posting.communicate()[0]
    read = reading.communicate()[0] if reading else ""
    return (Submission.objects.count() - before) / seconds, posted, read


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8794)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    log = Path(tempfile.mkstemp(prefix="village-mixed-", suffix=".log")[1])
    with Served(args.port, log=log, VILLAGE_TRUSTED_PROXIES="1"):
        writes_measure(args.port, writers=2, readers=2, seconds=3)  # warm
        alone, posted_alone, _ = writes_measure(
            args.port, writers=args.writers, readers=0, seconds=args.seconds
        )
        mixed, posted_mixed, read = writes_measure(
            args.port,
            writers=args.writers,
            readers=args.readers,
            seconds=args.seconds,
        )
    locked = log.read_text(errors="replace").count("database is locked")
    print(f"{connection.vendor}: {args.writers} writers, {args.readers} readers, {args.seconds} s")
    print(f"forms stored a second, writers alone:   {alone:.1f}")
    print(f"forms stored a second, beside readers:  {mixed:.1f} ({mixed / alone:.0%} of alone)")
    for name, out in (
        ("posts alone", posted_alone),
        ("posts mixed", posted_mixed),
        ("reads", read),
    ):
        summary = [
            line.strip()
            for line in out.splitlines()
            if "Requests/sec" in line or "Non-2xx" in line or "Socket" in line
        ]
        print(f"{name}: {'; '.join(summary)}")
    print(f'"database is locked" in the server log: {locked} (log: {log})')


if __name__ == "__main__":
    main()
