"""Benchmark the outcome measures and the outcomes dashboard (issue 20) on a program of
20,000 children and 200,000 permanency events.

    make bench-outcomes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/village_bench_outcomes make bench-outcomes

Builds the program of bench/generate/outcomes.py twice, at a tenth of its size and whole,
in bench/outcomes.sqlite3 (or DATABASE_URL, whose tables it empties). At both sizes it
counts each measure's queries and the dashboard's, and fails unless every measure is one
query and the dashboard asks as many at both sizes. On the whole program it then times
each measure and page, the median of RUNS calls, and leaves the program in the database
for bench/load.py. Timings belong here, never in the test suite.
"""

import statistics
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

# bench/ is not a package on the path when run as a script: the project's root is.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import configure, fresh  # noqa: E402

configure()

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from accounts.testing import sign_in_client  # noqa: E402
from bench.generate.outcomes import CHILDREN, EVENTS, outcomes_generate  # noqa: E402
from bench.measure import page_measure  # noqa: E402
from outcomes import measures  # noqa: E402

RUNS = 7
YEAR = {"from": date(2024, 1, 1), "to": date(2024, 12, 31)}


def measure_calls(program):
    """Each measure as the director over calendar 2024, program-wide and with the
    county and coach filters; and as a coach over their whole caseload."""
    director, coach = program.director, program.coaches[0]
    period = {
        "permanency_in_12_months": {"entered_from": YEAR["from"], "entered_to": YEAR["to"]},
        "reentry_in_12_months": {"entered_from": YEAR["from"], "entered_to": YEAR["to"]},
        "exits_by_reason": {"exited_from": YEAR["from"], "exited_to": YEAR["to"]},
        "median_days_to_reunification": {
            "reunified_from": YEAR["from"],
            "reunified_to": YEAR["to"],
        },
        "partnerships_by_stage": {"on": YEAR["to"]},
        "families_served": {"since": YEAR["from"]},
    }
    scopes = [
        ("director", director, {}),
        ("director, Travis", director, {"county": "Travis"}),
        ("director, a coach's", director, {"coach": coach}),
        ("director, both", director, {"county": "Travis", "coach": coach}),
        ("coach, whole caseload", coach, {"consented_only": False}),
    ]
    for name, kwargs in period.items():
        for scope, user, filters in scopes:
            yield (
                name,
                scope,
                partial(getattr(measures, name), user, **kwargs | filters),
            )


def call_measure(call, runs):
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = call()
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
    return statistics.median(times), queries[-1], result


def dashboard_urls(program):
    """The dashboard, two of its CSV files and the grant report, as the director and as a
    coach; none until the dashboard exists."""
    try:
        page = reverse("outcomes:dashboard")
    except NoReverseMatch:
        return []
    period = f"?from={YEAR['from']}&to={YEAR['to']}"
    director, coach = program.director, program.coaches[0]
    csv = reverse("outcomes:table_csv")
    return [
        (page, "director", director),
        (page + period, "director", director),
        (page + period + "&county=Travis", "director", director),
        (page + period + f"&coach={coach.pk}", "director", director),
        (page + period + f"&county=Travis&coach={coach.pk}", "director", director),
        (page + period, "coach", coach),
        (csv + period + "&table=exits-by-reason", "director", director),
        (csv + period + "&table=permanency-in-12-months", "director", director),
        (reverse("outcomes:report") + period, "director", director),
    ]


#: The session's bookkeeping: the last activity written at most every ten seconds, on any
#: page (accounts/sessions.py). A request that carries it is not the page asking more.
BOOKKEEPING = ('UPDATE "django_session"', 'UPDATE "accounts_signedinsession"')


def page_queries(captured) -> int:
    """The page's own queries: the request's, less the session's bookkeeping and the
    transaction it was written in."""
    asked = [query["sql"] for query in captured if not query["sql"].startswith(BOOKKEEPING)]
    empty = sum(
        1
        for first, then in zip(asked, asked[1:], strict=False)
        if first.startswith("BEGIN") and then == "COMMIT"
    )
    return len(asked) - 2 * empty


_clients = {}


def signed_in(user) -> Client:
    """One signed-in client a person, as one browser: sign-ins are not what is measured."""
    if user.pk not in _clients:
        _clients[user.pk] = sign_in_client(Client(), user)
    return _clients[user.pk]


def call_page(client, url, runs):
    return page_measure(client, url, runs=runs, count=page_queries)


def build(children, events):
    fresh()
    started = time.perf_counter()
    program = outcomes_generate(children=children, events=events)
    if connection.vendor == "postgresql":
        # Statistics as autovacuum keeps them in a running program, for realistic plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"Generated {program.children:,} children, {program.events:,} permanency events, "
        f"{program.partnerships:,} partnerships, {program.stage_changes:,} stage changes "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    # Each person's roles are read once and kept, as on any request: not the measures'.
    for person in (program.director, *program.coaches):
        person.roles  # noqa: B018
    return program


def queries_counted(program):
    """Each measure's and page's queries, called once: the figures the whole program's
    must equal."""
    counted = {}
    for name, scope, call in measure_calls(program):
        counted[name, scope] = call_measure(call, 1)[1]
    for url, who, user in dashboard_urls(program):
        counted[url, who] = call_page(signed_in(user), url, 1)[1]
    return counted


def main():
    small = build(CHILDREN // 10, EVENTS // 10)
    at_a_tenth = queries_counted(small)
    _clients.clear()
    program = build(CHILDREN, EVENTS)
    print(f"\n{'measure':<30}{'as':<24}{'median ms':>10}{'queries':>9}  result")
    for name, scope, call in measure_calls(program):
        ms, queries, result = call_measure(call, RUNS)
        print(f"{name:<30}{scope:<24}{ms:>10.1f}{queries:>9}  {result}")
        assert queries == 1, (name, scope, queries)
        assert at_a_tenth[name, scope] == queries, (name, scope, at_a_tenth[name, scope])
    urls = dashboard_urls(program)
    if not urls:
        print("\nNo outcomes:dashboard yet: the measures alone were measured.")
        return
    print(f"\n{'page':<72}{'as':<10}{'median ms':>10}{'queries':>9}{'KB':>7}")
    for url, who, user in urls:
        ms, queries, size = call_page(signed_in(user), url, RUNS)
        print(f"{url:<72}{who:<10}{ms:>10.1f}{queries:>9}{size / 1024:>7.1f}")
        assert at_a_tenth[url, who] == queries, (url, at_a_tenth[url, who], queries)


if __name__ == "__main__":
    main()
