"""A request that may change something runs its view in one transaction; a reading does not.

Django's ATOMIC_REQUESTS wraps every view. On SQLite a transaction takes the write lock when
it starts (IMMEDIATE, decision 0002), so every page, reads included, would queue behind
every other for its whole run, template rendering included: under load, plain reads failed
with "database is locked". Here only unsafe methods (POST and the like) are wrapped: a form
still saves everything it meant to or nothing, while pages read in autocommit, beside one
writer, as WAL allows. What a reading writes (its audit entry, a read mark) is one statement
or a service that is atomic of its own (decision 0041).
"""

from django.db import DEFAULT_DB_ALIAS, transaction

#: Methods that change nothing by HTTP's definition; everything else may.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def writes(request, view_func) -> bool:
    """Whether this request's view runs in a transaction: unsafe methods, unless the view
    says it manages its own (`transaction.non_atomic_requests`, as with ATOMIC_REQUESTS)."""
    if request.method in SAFE_METHODS:
        return False
    return DEFAULT_DB_ALIAS not in getattr(view_func, "_non_atomic_requests", set())


class WriteTransactionMiddleware:
    """Last in MIDDLEWARE: it runs the view itself, inside `transaction.atomic()`, when the
    request writes. The rules have loaded (and audited) the record before it, as they did
    outside ATOMIC_REQUESTS' transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not writes(request, view_func):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
