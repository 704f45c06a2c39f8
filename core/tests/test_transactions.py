"""Only a request that may change something runs in a transaction (decision 0041)."""

import sqlite3

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from core.transactions import WriteTransactionMiddleware

factory = RequestFactory()


def middleware_run(request, view):
    middleware = WriteTransactionMiddleware(lambda request: HttpResponse())
    return middleware.process_view(request, view, (), {})


def atomic_seen(request):
    return HttpResponse(str(connection.in_atomic_block))


@pytest.mark.django_db(transaction=True)
def test_a_form_post_runs_its_view_in_one_transaction():
    response = middleware_run(factory.post("/"), atomic_seen)
    assert response.content == b"True"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_a_page_read_runs_its_view_outside_any_transaction(method):
    # None: the middleware leaves the view to Django, which calls it without a transaction.
    assert middleware_run(getattr(factory, method)("/"), atomic_seen) is None


@pytest.mark.django_db(transaction=True)
def test_a_view_that_manages_its_own_transactions_is_left_alone_even_when_it_writes():
    assert middleware_run(factory.post("/"), transaction.non_atomic_requests(atomic_seen)) is None


@pytest.mark.django_db(transaction=True)
def test_a_failed_post_saves_nothing_of_what_it_began(coach):
    from accounts.models import User

    def half_done(request):
        User.objects.filter(pk=coach.pk).update(time_zone="Europe/Madrid")
        raise RuntimeError("the second half failed")

    with pytest.raises(RuntimeError):
        middleware_run(factory.post("/"), half_done)
    coach.refresh_from_db()
    assert coach.time_zone != "Europe/Madrid"


@pytest.mark.django_db(transaction=True)
def test_pages_are_served_while_another_process_holds_the_write_lock(client):
    """SQLite: a writer elsewhere (another worker posting a form) holds the lock; a page
    that writes nothing is read beside it, from WAL, instead of waiting for it or failing
    with "database is locked"."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock; PostgreSQL locks rows, not the database")
    writer = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    connection.close()  # so the page opens its own connection, as a worker does
    try:
        # A page that tried to take the lock would wait out the busy timeout and fail
        # with "database is locked"; this one must not need it at all.
        response = client.get("/")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert response.status_code == 200
