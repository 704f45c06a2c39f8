"""The measuring: each page requested as a coach, the director or a parent, and the
worker's five-minute sweep, each run RUNS times; one line of the table in RESULTS.md per
page or sweep."""

import statistics
import time
import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.testing import sign_in_client
from assistance.models import Fund
from families.models import Child
from gatherings.models import Gathering
from gatherings.reminders import reminders_send
from referrals.reminders import nudges_send
from schedule.reminders import reminders_due

RUNS = 7


def page_measure(client, url, *, runs=RUNS, count=len):
    """The median time of `runs` requests, and the last one's queries (as `count` counts
    the captured ones) and size."""
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = count(captured.captured_queries)
    return statistics.median(times), queries, len(response.content)


def pages_measure(*, director, coach, parent):
    """The pages name records by their place in the generation: the first child (whose
    profile is edited thousands of times) and its partnership, the first fund and the
    large training."""
    busy = Child.objects.order_by("pk").first()
    bench_fund = Fund.objects.order_by("pk").first()
    busy_gathering = Gathering.objects.get(title="Bench training")
    shared = busy.partnerships.get()
    print(f"{'page':<38}{'as':<10}{'median ms':>10}{'queries':>9}{'KB':>7}")
    pages = [
        ("/", "coach", coach),
        ("/partnerships/", "coach", coach),
        ("/families/", "coach", coach),
        ("/families/homes/", "coach", coach),
        ("/", "director", director),
        ("/partnerships/", "director", director),
        ("/partnerships/?page=20", "director", director),
        ("/audit/", "director", director),
        ("/audit/?record_type=families.child", "director", director),
        ("/intake/", "coach", coach),
        ("/intake/?county=Hays&kind=referral", "coach", coach),
        ("/intake/figures/", "director", director),
        ("/", "parent", parent),
        (f"/about-me/{busy.pk}/", "parent", parent),
        (f"/about-me/{busy.pk}/history/", "parent", parent),
        (f"/about-me/partnership/{shared.pk}/print/", "parent", parent),
        (f"/agreements/{shared.pk}/", "parent", parent),
        (f"/journal/{shared.pk}/", "parent", parent),
        (f"/journal/{shared.pk}/?page=150", "parent", parent),
        ("/journal/review/", "coach", coach),
        ("/messages/", "parent", parent),
        ("/calendar/", "coach", coach),
        ("/calendar/?view=month", "coach", coach),
        ("/calendar/?view=week", "parent", parent),
        ("/calendar/", "director", director),
        (f"/casework/{shared.pk}/contacts/", "coach", coach),
        ("/casework/contacts/report/", "director", director),
        (f"/casework/{shared.pk}/plan/", "coach", coach),
        ("/training/behind/", "coach", coach),
        ("/resources/", "coach", coach),
        ("/resources/?q=childcare", "coach", coach),
        ("/resources/?q=family+help&language=es", "coach", coach),
        ("/resources/?need=childcare&language=es&near=78702&miles=5", "coach", coach),
        ("/resources/?need=food&open=now&near=78741&miles=10&free=on", "coach", coach),
        ("/resources/?open=SA", "coach", coach),
        ("/resources/?q=nothingmatches", "coach", coach),
        ("/resources/?q=care&page=40", "coach", coach),
        (f"/resources/{uuid.UUID(int=77)}/", "coach", coach),
        ("/referrals/", "coach", coach),
        ("/referrals/?status=open", "coach", coach),
        ("/referrals/figures/", "director", director),
        ("/", "coach (again)", coach),
        ("/assistance/", "director", director),
        ("/assistance/report/", "director", director),
        ("/assistance/report/ledger.csv", "director", director),
        (f"/assistance/funds/{bench_fund.pk}/", "director", director),
        ("/assistance/", "coach", coach),
        ("/gatherings/", "parent", parent),
        ("/gatherings/", "coach", coach),
        ("/gatherings/?when=past", "coach", coach),
        ("/gatherings/gatherings.ics", "parent", parent),
        ("/gatherings/who-comes/", "coach", coach),
        (f"/gatherings/{busy_gathering.pk}/", "parent", parent),
        (f"/gatherings/{busy_gathering.pk}/organize/", "coach", coach),
        (f"/gatherings/{busy_gathering.pk}/door/", "coach", coach),
        (f"/gatherings/{busy_gathering.pk}/door/?q=Trainee+19", "coach", coach),
    ]
    for url, who, user in pages:
        client = sign_in_client(Client(), user)
        ms, queries, size = page_measure(client, url)
        print(f"{url:<38}{who:<10}{ms:>10.1f}{queries:>9}{size / 1024:>7.1f}")


def sweep_measure():
    """The reminder sweep the worker runs every five minutes, over the whole program:
    its calendar reminders, referral nudges and gathering reminders."""
    calendar_reminders_measure()
    nudges_measure()
    gathering_reminders_measure()


def calendar_reminders_measure():
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            due = reminders_due(timezone.now())
            times.append((time.perf_counter() - started) * 1000)
    label = f"reminder sweep ({len(due)} due)"
    print(f"{label:<38}{'worker':<10}{statistics.median(times):>10.1f}{len(captured):>9}")


def nudges_measure():
    """The sweep's referral nudges: the first sweep after a week of no change, over
    the whole program, up to one batch; rolled back after each run to measure the same."""
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured, transaction.atomic():
            started = time.perf_counter()
            sent = nudges_send()
            times.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    label = f"referral nudges ({sent} sent)"
    print(f"{label:<38}{'worker':<10}{statistics.median(times):>10.1f}{len(captured):>9}")


def gathering_reminders_measure():
    """The sweep's day-before reminders for gatherings (the large training's 1,334
    places are due); rolled back after each run to measure the same."""
    times, queries = [], []

    def count(execute, sql, params, many, context):
        queries[-1] += 1
        return execute(sql, params, many, context)

    for _ in range(RUNS):
        queries.append(0)
        with connection.execute_wrapper(count), transaction.atomic():
            started = time.perf_counter()
            sent = reminders_send(now=timezone.now() + timedelta(days=1, hours=1))
            times.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    # Each reminder sent is a row and a queued task: the queries grow with what is sent.
    label = f"gathering reminders ({sent} sent)"
    print(f"{label:<38}{'worker':<10}{statistics.median(times):>10.1f}{queries[-1]:>9}")
