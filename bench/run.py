"""Benchmark the list and report pages on a large generated program.

    make bench                      # 40 coaches, 1,200 partnerships, 50,000 audit entries
    BENCH_SCALE=3 make bench        # three times that

Builds bench/bench.sqlite3 (or uses DATABASE_URL), then requests each page as a coach and
as the director and prints the median time and the query count. Timings belong here,
never in the test suite. The program is made by bench/generate/ and measured by
bench/measure.py.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.environment import configure  # noqa: E402

configure("bench.sqlite3")

import django  # noqa: E402

django.setup()

# The generators and the measuring import the models, so they come after django.setup().
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.counts import counts_line, program_counts  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.measure import pages_measure, sweep_measure  # noqa: E402


def main():
    name = settings.DATABASES["default"]["NAME"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and Path(name).exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    director, coach, parent = generate()
    if connection.vendor == "postgresql":
        # Statistics as autovacuum keeps them in a running program, for realistic plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    took = time.perf_counter() - started
    print(f"Generated {counts_line(program_counts())} in {took:.1f} s ({connection.vendor})\n")
    pages_measure(director=director, coach=coach, parent=parent)
    sweep_measure()


if __name__ == "__main__":
    main()
