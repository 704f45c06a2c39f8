"""Build a state's program for the load tests: bench/scale.py's STATEWIDE figures (8,100
partnerships, 20,250 children, 202,500 journal posts, 101,250 calendar events, 50,000
directory services, 20,250 assistance requests, ...) made by bench/generate/.

    make bench-data
    .venv/bin/python bench/statewide.py --today 2026-12-07 --measure
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_statewide make bench-data

Into bench/statewide.sqlite3 (made anew) or DATABASE_URL's database (created when missing,
its tables emptied when not). The same --today makes the same program: its dates are counted
from noon that day on the program's clock, its choices seeded. Prints what was made, each
area's time and the database's size; --measure then requests bench/measure.py's pages on
it (--measure --reuse: on the program already there, without building it). Every
account's password is bench.generate.people.PASSWORD; bench/sessions.py signs the load
tests' people in without it.
"""

import argparse
import sys
import time
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import configure, fresh  # noqa: E402

configure("statewide.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from bench.counts import program_counts  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.generate.people import PASSWORD  # noqa: E402
from bench.scale import STATEWIDE  # noqa: E402
from bench.sessions import PERSONAS, personas  # noqa: E402


def database_size() -> int:
    """Bytes on disk: the SQLite file and its write-ahead log, or PostgreSQL's database."""
    if connection.vendor == "sqlite":
        name = settings.DATABASES["default"]["NAME"]
        return sum(
            Path(f"{name}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{name}{suffix}").exists()
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="the day the program's dates are counted from (default: today)",
    )
    parser.add_argument(
        "--measure", action="store_true", help="then request bench/measure.py's pages on it"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the program already in the database, without building it again",
    )
    args = parser.parse_args()
    if args.reuse:
        measure(personas())
        return
    now = datetime.combine(args.today, clock(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    database = settings.DATABASES["default"]
    print(f"Building the statewide program for {args.today} in {database['NAME']}")
    fresh()

    def on_area(name, seconds):
        print(f"  {name:<26}{seconds:>8.1f} s", flush=True)

    started = time.perf_counter()
    generate(STATEWIDE, now=now, on_area=on_area)
    if connection.vendor == "postgresql":
        # Statistics as autovacuum keeps them in a running program, for realistic plans.
        analyzed = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        on_area("ANALYZE", time.perf_counter() - analyzed)
    took = time.perf_counter() - started
    print(f"Made in {took:.1f} s ({connection.vendor}), {database_size() / 2**20:,.0f} MiB:")
    for name, number in program_counts().items():
        print(f"  {number:>9,} {name}")
    print(f"Sign in with the password {PASSWORD!r} as:")
    for name, email in PERSONAS.items():
        print(f"  {name:<16}{email}")
    print(
        "  (staff's second factor: the demo's authenticator secret; bench/sessions.py "
        "signs anyone in without HTTP)"
    )
    if args.measure:
        print()
        measure(personas())


def measure(people: dict):
    """bench/measure.py's pages, as the first coach, the director and the first partner
    parent (the pages name the first partnership's records), and the worker's sweep."""
    from bench.measure import pages_measure, sweep_measure

    pages_measure(
        director=people["director"], coach=people["coach"], parent=people["partner parent"]
    )
    sweep_measure()


if __name__ == "__main__":
    main()
